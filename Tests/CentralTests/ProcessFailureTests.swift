import CentralServer
import Foundation
import GRDB
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Real `yichuang` processes killed with SIGKILL: the writer, the sync client, the centre.
/// Kill moments are random on purpose; every test ends with the centre equal to the hall.
final class ProcessFailureTests: XCTestCase {
    private var crash: Crash!

    override func setUp() { crash = try? Crash() }
    override func tearDown() { crash?.cleanUp() }

    /// Writers killed mid-write: every business row in the store still has its outbox operation
    /// (they commit in one transaction), and after sync the centre holds exactly the outbox.
    func testWriterKilledMidWriteLeavesNoRowWithoutItsOperation() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            let e = h.env(f)
            let signin = try h.spawn(["signin", "--store", f.storePath, "--window", "1", "--clerk", "1001"],
                                   env: e.merging(["YICHUANG_PIN": "1234"]) { $1 }, name: "signin")
            XCTAssertEqual(signin.waitFor(limit: 60), 0, signin.log)
            for round in 0..<3 {
                let loop = try h.ticketLoop(f)
                usleep(UInt32.random(in: 400_000...1_200_000))
                loop.kill9()
                // A caller that pauses inside its call transaction, killed there.
                let caller = try h.spawn(["stress-caller", "--store", f.storePath, "--window", "1"],
                                       env: e.merging(["YICHUANG_TEST_PAUSE_IN_CALL_MS": "40", "YICHUANG_STAFF": "1001", "YICHUANG_PIN": "1234"]) { $1 }, name: "caller\(round)")
                usleep(UInt32.random(in: 150_000...600_000))
                caller.kill9()
            }
            try Self.assertEveryRowHasItsOperation(f.store)
            print("writers killed: \(try f.pendingOutbox().count) outbox ops; logs: \(h.dir.path)")
            let tickets = try await f.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") ?? 0 }
            XCTAssertGreaterThan(tickets, 0)
            _ = try await f.client().pushAll()
            try f.assertCentralEqualsLocal()
        }
    }

    /// `yichuang sync` killed at random moments, again and again, while tickets are written;
    /// then one more run converges.
    func testSyncProcessKilledRepeatedlyConverges() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            let e = h.env(f)
            let loop = try h.ticketLoop(f)
            defer { loop.kill9() }
            try f.issueTickets(50)
            var seen: [String] = []
            for round in 0..<6 {
                try Backlog.write(f.store, days: 1, perDay: 300)   // enough to be mid-push when killed
                let sync = try h.spawn(["sync", "--store", f.storePath], env: e, name: "sync\(round)")
                usleep(UInt32.random(in: 300_000...1_500_000))
                sync.kill9()
                seen.append("\(try f.count("SELECT COUNT(*) FROM operation"))/\(try f.pendingOutbox().count)")
            }
            print("sync killed 6 times; centre/local after each kill: \(seen.joined(separator: " "))")
            loop.kill9()
            let last = try h.spawn(["sync", "--store", f.storePath, "--once"], env: e, name: "sync-final")
            XCTAssertEqual(last.waitFor(limit: 120), 0, last.log)
            try Self.assertEveryRowHasItsOperation(f.store)
            try f.assertCentralEqualsLocal()
        }
    }

    /// `yichuang central` killed -9 during a large push, restarted on the same database: the
    /// hall's retries converge with nothing doubled.
    func testCentreKilledMidBatchThenRestartedConverges() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let port = try TestPostgres.freePort()
            let centralEnv = ["YICHUANG_HOME": h.dir.path, "PGHOST": pg.dir, "PGPORT": "\(pg.port)", "PGUSER": "yichuang",
                              "PGDATABASE": f.database]
            let args = ["central", "--host", "127.0.0.1", "--port", "\(port)", "--max-batch", "200"]
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(20), connectTimeout: .seconds(2))
            try Backlog.write(f.store, days: 10, perDay: 200)
            let local = try f.pendingOutbox()
            var centre = try h.spawn(args, env: centralEnv, name: "central1")
            defer { centre.kill9() }
            try await Self.waitHealthy(transport, centre)
            let push = Task { try await f.client(transport: transport, batchSize: 200).pushAll() }
            // Kill as soon as the first batches are in, while later ones are in flight.
            var stored = 0
            for _ in 0..<1_200 where stored == 0 {
                stored = try f.count("SELECT COUNT(*) FROM operation")
                usleep(25_000)
            }
            centre.kill9()
            XCTAssertGreaterThan(stored, 0)
            do { _ = try await push.value; XCTFail("the push cannot finish: the centre died") } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable, "\(e)")
            }
            XCTAssertLessThan(try f.count("SELECT COUNT(*) FROM operation"), local.count, "killed mid-push")
            centre = try h.spawn(args, env: centralEnv, name: "central2")
            try await Self.waitHealthy(transport, centre)
            var rounds = 0
            while try f.store.syncStatus().pending > 0, rounds < 20 {
                rounds += 1
                _ = try? await f.client(transport: transport, batchSize: 200).pushAll()
            }
            try f.assertCentralEqualsLocal()
        }
    }

    /// `yichuang sync` killed while it applies pulled pages: after each kill the hall's copy is
    /// exactly the centre's log up to the hall's cursor (the old cursor and none of the page, or
    /// the new cursor and all of it); a final run completes the bucket.
    func testSyncKilledMidPullKeepsPagesWhole() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            // 20000 changes over 5000 entities, some deletions: the state differs from the log,
            // and 40 pages take long enough for the kills to land among them.
            _ = try pg.psql(f.database, """
                INSERT INTO bucket_change (hall_id, bucket, entity, entity_id, payload)
                SELECT '*', 'catalog', 'matter', 'M' || (g % 5000),
                       CASE WHEN g % 7 = 0 THEN NULL ELSE '{"v":' || g || ',"pad":"' || repeat('事', 100) || '"}' END
                FROM generate_series(1, 20000) g
                """)
            let final = try pg.psql(f.database, "SELECT MAX(id) FROM bucket_change")
            var cursors: [Int64] = []
            for round in 0..<5 {
                let sync = try h.spawn(["sync", "--store", f.storePath], env: h.env(f), name: "pull\(round)")
                usleep(UInt32.random(in: 150_000...1_200_000))
                sync.kill9()
                let cursor = try f.store.bucketCursor("catalog")
                cursors.append(cursor)
                XCTAssertEqual(try f.store.referenceData("catalog"), try Self.catalogState(f, through: cursor), "round \(round), cursor \(cursor)")
            }
            print("pull killed 5 times at cursors \(cursors) of \(final)")
            let last = try h.spawn(["sync", "--store", f.storePath, "--once"], env: h.env(f), name: "pull-final")
            XCTAssertEqual(last.waitFor(limit: 120), 0, last.log)
            XCTAssertEqual("\(try f.store.bucketCursor("catalog"))", final)
            XCTAssertEqual(try f.store.referenceData("catalog"), try Self.catalogState(f, through: Int64(final)!))
        }
    }

    /// The catalog's state as of log entry `version`, computed by PostgreSQL.
    private static func catalogState(_ f: CentralFixture, through version: Int64) throws -> [String: String] {
        let text = try TestPostgres.shared.get().psql(f.database, """
            SELECT k || chr(31) || payload FROM (
              SELECT DISTINCT ON (entity, entity_id) entity || '/' || entity_id AS k, payload FROM bucket_change
              WHERE bucket = 'catalog' AND id <= \(version) ORDER BY entity, entity_id, id DESC) s
            WHERE payload IS NOT NULL
            """)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            out[parts[0]] = parts[1]
        }
        return out
    }

    private static func waitHealthy(_ transport: HTTPSyncTransport, _ centre: ChildProcess) async throws {
        for _ in 0..<300 {
            if let r = try? await transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: ""), r.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("centre did not come up: \(centre.log)")
    }

    /// Every ticket and every queue event has the outbox operation that carries it, and the
    /// outbox seq is gap-free.
    private static func assertEveryRowHasItsOperation(_ store: HallStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let (orphanTickets, orphanEvents, events, count, maxSeq, integrity) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = t.id)
                """)!,
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM queue_event e WHERE NOT EXISTS
                  (SELECT 1 FROM outbox o WHERE o.kind = 'queue.event' AND json_extract(o.payload, '$.event.id') = e.id)
                """)!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_event")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox")!,
             try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM outbox")!,
             try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        XCTAssertGreaterThan(events, 0, file: file, line: line)
        XCTAssertEqual(orphanTickets, 0, "tickets without their outbox operation", file: file, line: line)
        XCTAssertEqual(orphanEvents, 0, "queue events without their outbox operation", file: file, line: line)
        XCTAssertEqual(count, maxSeq, "outbox seq is gap-free", file: file, line: line)
        XCTAssertEqual(integrity, "ok", file: file, line: line)
    }
}

/// A scratch folder for the crashed processes' logs and settings, and how to start them.
struct Crash: Sendable {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yc-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: dir) }

    func env(_ f: CentralFixture) -> [String: String] {
        ["YICHUANG_HOME": dir.path, "YICHUANG_TERMINAL": "crash-test", "YICHUANG_CENTRAL_URL": f.baseURL,
         "YICHUANG_STATION_TOKEN": f.token]
    }

    func spawn(_ args: [String], env: [String: String], name: String) throws -> ChildProcess {
        try ChildProcess(try yichuangBinary(), args, env: env, output: dir.appendingPathComponent("\(name).log").path)
    }

    /// A shell loop issuing tickets through the CLI, one process per ticket.
    func ticketLoop(_ f: CentralFixture) throws -> ChildProcess {
        let y = try yichuangBinary()
        return try ChildProcess("/bin/sh", ["-c", "while :; do '\(y)' ticket --store '\(f.storePath)' --service A >/dev/null || true; done"],
                                env: env(f), output: dir.appendingPathComponent("tickets.log").path)
    }
}
