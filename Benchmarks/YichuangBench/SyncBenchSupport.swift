import CentralServer
import Dispatch
import Foundation
import HallCore
@_spi(StoreInternals) import HallStore
import Hummingbird
import Logging
import PostgresNIO
import SyncProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The pieces the sync benchmark shares: an in-process central server, a raw postgres-nio client
/// for the baselines, the hall-store backlog and a child process whose peak memory is read.
enum SyncSupport {
    /// Only what would break a run: the server's routine shutdown messages stay out of the output.
    static let quiet: Logger = { var l = Logger(label: "bench.sync"); l.logLevel = .critical; return l }()

    /// The real central server (Hummingbird + postgres-nio) on a free loopback port, migrated.
    struct Server: Sendable {
        let central: Central
        let baseURL: String
        let task: Task<Void, any Error>

        static func start(_ db: CentralDatabaseConfig) async throws -> Server {
            let central = Central(settings: CentralSettings(host: "127.0.0.1", port: 0, database: db, maxBatch: 500), logger: quiet)
            let (ports, cont) = AsyncStream<Int>.makeStream()
            let app = central.application(onServerRunning: { cont.yield($0.localAddress?.port ?? 0) })
            // No signal handlers: the benchmark stops the server by cancelling the task.
            let task = Task { try await app.runService(gracefulShutdownSignals: []) }
            var it = ports.makeAsyncIterator()
            guard let port = await it.next(), port > 0 else { throw StoreError.internalError("central server did not start") }
            return Server(central: central, baseURL: "http://127.0.0.1:\(port)", task: task)
        }

        func stop() async { task.cancel(); _ = try? await task.value }
    }

    /// A postgres-nio client of its own for the raw baselines, with the server's pool size.
    struct Raw: Sendable {
        let client: PostgresClient
        let task: Task<Void, Never>

        static func start(_ db: CentralDatabaseConfig) -> Raw {
            let client = PostgresClient(configuration: db.clientConfiguration, backgroundLogger: quiet)
            return Raw(client: client, task: Task { await client.run() })
        }

        func stop() async { task.cancel(); await task.value }

        func exec(_ sql: String) async throws { try await client.query(PostgresQuery(unsafeSQL: sql), logger: quiet) }

        func show(_ setting: String) async throws -> String {
            for try await v in try await client.query(PostgresQuery(unsafeSQL: "SHOW \(setting)"), logger: quiet).decode(String.self) { return v }
            return "?"
        }

        func count(_ table: String) async throws -> Int {
            for try await n in try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: quiet).decode(Int.self) { return n }
            return -1
        }

        /// The baseline ingest: the same rows as the server stores, one multi-row INSERT per batch,
        /// each batch its own transaction (as the server commits each pushed batch).
        func insert(_ ops: ArraySlice<WireOperation>, hallId: String, table: String = "raw_operation") async throws {
            var binds = PostgresBindings(capacity: ops.count * 11)
            var sql = "INSERT INTO \(table) (hall_id, id, device_id, seq, hlc, wall_time, schema_version, kind, entity_id, payload, sha256) VALUES "
            for (i, op) in ops.enumerated() {
                let b = i * 11
                sql += (i == 0 ? "(" : ",(") + (1...11).map { "$\(b + $0)" }.joined(separator: ",") + ")"
                try binds.append(hallId); try binds.append(op.opId); try binds.append(op.deviceId); try binds.append(Int(op.seq))
                try binds.append(op.hlc); try binds.append(op.wallTime); try binds.append(op.schemaVersion); try binds.append(op.kind)
                try binds.append(op.entityId); try binds.append(op.payload); try binds.append(op.sha256)
            }
            let query = PostgresQuery(unsafeSQL: sql, binds: binds)
            try await client.withTransaction(logger: quiet) { conn in try await conn.query(query, logger: quiet) }
        }
    }

    static func wire(_ e: OutboxEntry) -> WireOperation {
        WireOperation(opId: e.opId, deviceId: e.deviceId, seq: e.seq, hlc: e.hlc, wallTime: e.wallTime,
                      schemaVersion: e.schemaVersion, kind: e.kind, entityId: e.entityId, payload: e.payload, sha256: e.sha256)
    }

    /// A hall store holding at least `ops` outbox operations written by the real API: a day's
    /// cycle of issue → call → finish at one window, repeated, as a hall offline for weeks would
    /// accumulate. Only durability is relaxed for the fill (synchronous = OFF): the operations are
    /// the same, just not fsynced one by one, which would take minutes.
    static func backlog(path: String, ops: Int) throws -> (HallStore, Int) {
        // A hall of its own (not BenchHall.contention, whose queue limit of 1,000,000 the setup
        // check now refuses): one window, one clerk signed in, a queue that never exceeds one.
        let (store, by) = try SyncScale.sampleHall(path: path)
        try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
        let desk = Attribution.system("bench-desk")
        func pending() throws -> Int { try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox") ?? 0 } }
        var n = try pending()
        while n < ops {
            for _ in 0..<200 {
                _ = try store.issueTicket(service: "A", by: desk)
                _ = try store.callNext(window: 1, by: by)
                _ = try store.finish(window: 1, by: by)
            }
            n = try pending()
        }
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            _ = try db.checkpoint(.truncate)
        }
        return (store, n)
    }

    /// Runs an async body from the synchronous benchmark driver.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = BlockingBox<T>(), done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// A child process of this binary; returns its stdout and exit status. Its peak memory is the
    /// VmHWM the child reads itself: wait4's ru_maxrss is no use here, because glibc's posix_spawn
    /// runs the child in the parent's address space until exec and ru_maxrss keeps that peak (it
    /// reported this 250 MB process, not a 47 MB client). VmHWM starts afresh at exec.
    static func spawnSelf(_ args: [String], env extra: [String: String]) throws -> (output: String, status: Int32) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("yc-bench-child-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Our sockets (PostgreSQL, HTTP) are no business of the child's.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let exe = selfExecutable()
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        guard rc == 0 else { throw StoreError.internalError("cannot start \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return (text, status)
    }

    /// VmHWM of this process in KiB, from /proc/self/status.
    static func selfHighWaterKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? -1
        }
        return -1
    }

    static func mb(_ kib: Int) -> String { String(format: "%.1f MB", Double(kib) / 1024) }
    static func opsPerSec(_ ops: Int, _ millis: Double) -> Double { Double(ops) / (millis / 1000) }
    static func rate(_ v: Double) -> String {
        let n = Int(v.rounded())
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed()) + " ops/s"
    }
    static func median(_ xs: [Double]) -> Double { Stats(xs).median }
}

/// Carries an async result back to the synchronous driver (a generic function cannot nest a class).
final class BlockingBox<T>: @unchecked Sendable { var result: Result<T, any Error>? }
