import CentralServer
import Foundation
import HallCore
@testable import HallStore
import Hummingbird
import HummingbirdTesting
import Logging
import SyncClient
import SyncProtocol
import XCTest

/// One central server on its own database plus one hall store, for a test's duration.
struct CentralFixture: Sendable {
    let central: Central
    let database: String
    let store: HallStore
    let baseURL: String
    let token: String
    /// The store's file, for `yichuang` processes started against the same hall.
    let storePath: String

    /// The fixture hall's id, as the node sends it in every handshake and push.
    var hallId: String { (try? store.syncIdentity().hallId) ?? "" }
    var transport: HTTPSyncTransport { HTTPSyncTransport(baseURL: baseURL, timeout: .seconds(10)) }

    func client(token: String? = nil, transport: (any SyncTransport)? = nil, batchSize: Int = 500) -> SyncClient {
        SyncClient(store: store, transport: transport ?? self.transport, token: token ?? self.token, batchSize: batchSize)
    }

    func count(_ sql: String) throws -> Int { Int(try TestPostgres.shared.get().psql(database, sql)) ?? -1 }

    /// Issues `n` tickets at the desk: each one is a business write with its outbox operations.
    func issueTickets(_ n: Int) throws {
        for _ in 0..<n { _ = try store.issueTicket(service: "A", by: .system("desk")) }
    }

    func pendingOutbox() throws -> [OutboxEntry] { try store.outbox(after: 0, limit: 100_000) }

    /// Sends a JSON body with the fixture's token and returns status and body.
    func post<T: Encodable>(_ path: String, _ body: T, token: String? = nil) async throws -> (Int, Data) {
        try await transport.send(method: "POST", path: path, query: nil, body: try JSONEncoder().encode(body), token: token ?? self.token)
    }

    /// Op ids the centre stored for this hall, in seq order, and how many rows hold each (no doubles).
    func centralOpIds() throws -> [String] {
        try TestPostgres.shared.get().psql(database, "SELECT id FROM operation ORDER BY seq")
            .split(separator: "\n").map(String.init)
    }

    /// Every op id of the local outbox, in seq order.
    func localOpIds() throws -> [String] { try pendingOutbox().map(\.opId) }

    /// The issue's invariant: the centre holds exactly the hall's operations, each once.
    func assertCentralEqualsLocal(file: StaticString = #filePath, line: UInt = #line) throws {
        let central = try centralOpIds(), local = try localOpIds()
        XCTAssertEqual(central.count, local.count, "central count == local count", file: file, line: line)
        XCTAssertEqual(Set(central).count, central.count, "no op stored twice", file: file, line: line)
        XCTAssertEqual(Set(central), Set(local), "central op ids == local op ids", file: file, line: line)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM quarantine WHERE status IN ('conflict', 'quarantined')"), 0,
                       "nothing refused or quarantined", file: file, line: line)
        XCTAssertEqual(try store.syncStatus().pending, 0, "nothing left pending", file: file, line: line)
    }

    /// Starts a server on a free port, registers a hall named after the store's hall id, runs `body`.
    static func run(afterPushCommit: (@Sendable () async throws -> Void)? = nil,
                    beforePushCommit: (@Sendable () async throws -> Void)? = nil,
                    schemaVersion: Int = SyncPaths.currentSchemaVersion,
                    logs: LogRecorder? = nil,
                    configure: @Sendable (inout CentralSettings) -> Void = { _ in },
                    _ body: @Sendable (CentralFixture) async throws -> Void) async throws {
        let pg = try TestPostgres.shared.get()
        let database = try pg.createDatabase()
        var logger = logs.map { r in Logger(label: "central-test") { _ in r.handler() } } ?? Logger(label: "central-test")
        logger.logLevel = logs != nil ? .notice
            : ProcessInfo.processInfo.environment["YICHUANG_TEST_LOG"] == nil ? .critical : .debug
        var settings = CentralSettings(host: "127.0.0.1", port: 0,
            database: CentralDatabaseConfig(host: "127.0.0.1", port: pg.port, user: "yichuang", database: database),
            maxBatch: 200, schemaVersion: schemaVersion)
        configure(&settings)
        var central = Central(settings: settings, logger: logger)
        central.afterPushCommit = afterPushCommit
        central.beforePushCommit = beforePushCommit
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-central-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let storePath = dir.appendingPathComponent("hall.sqlite").path
        let store = try HallStore(path: storePath)
        try store.setUp(setup, by: .system("test"), pinRounds: 1000)
        let hallId = try store.syncIdentity().hallId
        let c = central
        try await central.application().test(.live) { client in
            let issued = try await c.registry.register(hallId: hallId, name: "测试大厅")
            let fixture = CentralFixture(central: c, database: database, store: store,
                                         baseURL: "http://127.0.0.1:\(client.port!)", token: issued.token, storePath: storePath)
            try await body(fixture)
        }
    }

    static let setup = HallSetup(
        name: "测试大厅", kind: "hall", timeZone: "Asia/Shanghai", openingHour: 9,
        services: [.init(code: "A", prefix: "A", name: "社保医保", targetWaitMinutes: 20, maxQueue: 5000, warnQueue: 5)],
        windows: [.init(number: 1, name: "1号窗口", services: ["A"])],
        clerks: [.init(number: "1001", name: "李敏", role: .clerk, pin: "1234")],
        appointments: [], pinRounds: 1000)
}

/// Delivers the request, then loses the reply the first `drops` times: the server has committed
/// but the client never hears of it, as when a link dies at the worst moment.
final class ReplyLosingTransport: SyncTransport, @unchecked Sendable {
    let inner: any SyncTransport
    let path: String
    private let lock = NSLock()
    private var drops: Int
    init(inner: any SyncTransport, path: String, drops: Int) { self.inner = inner; self.path = path; self.drops = drops }

    struct ConnectionReset: Error {}

    func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data) {
        let reply = try await inner.send(method: method, path: path, query: query, body: body, token: token)
        let drop = lock.withLock { () -> Bool in
            guard path == self.path, drops > 0 else { return false }
            drops -= 1
            return true
        }
        if drop { throw ConnectionReset() }
        return reply
    }
}

/// Keeps what the centre logs, so a test can say that a refusal was not logged as an error.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String)] = []

    var errors: [String] { lock.withLock { entries.filter { $0.level >= .error }.map(\.message) } }
    var all: [String] { lock.withLock { entries.map(\.message) } }

    func handler() -> any LogHandler { Handler(recorder: self) }
    fileprivate func add(_ level: Logger.Level, _ message: String) { lock.withLock { entries.append((level, message)) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            recorder.add(level, "\(message) \(metadata ?? [:])")
        }
    }
}
