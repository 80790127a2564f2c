import CentralServer
import Foundation
import Logging
import PostgresNIO
import SyncClient
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, must-deliver 7: the centre's background projector is part of its lifecycle. A real
/// `yichuang central` gets SIGTERM while a projection page is inside its transaction (held there
/// by the test taking the projector's advisory lock first): the page commits before PostgreSQL
/// closes, and the process exits 0. Before, the PostgreSQL client closed under the running page,
/// which failed and left the dashboard behind until the next start.
final class ProjectorShutdownTests: XCTestCase {
    private static func eventually(_ limit: TimeInterval, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while try !condition() {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    func testSigtermLetsTheProjectionInProgressCommitThenExitsZero() async throws {
        let crash = try Crash()
        defer { crash.cleanUp() }
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let port = try TestPostgres.freePort()
            let centre = try crash.spawn(["central", "--host", "127.0.0.1", "--port", "\(port)"], env: [
                "PGHOST": pg.dir, "PGPORT": "\(pg.port)", "PGUSER": "yichuang", "PGDATABASE": f.database], name: "central")
            defer { centre.kill9() }
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(10), connectTimeout: .seconds(2))
            let up = try await Self.eventually(30) { centre.log.contains("中心服务器启动") }
            XCTAssertTrue(up, centre.log)
            var healthy = false
            for _ in 0..<300 where !healthy {
                healthy = (try? await transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: ""))?.status == 200
                if !healthy { try await Task.sleep(for: .milliseconds(100)) }
            }
            XCTAssertTrue(healthy, centre.log)
            try f.issueTickets(5)

            let log = Logger(label: "projector-test")
            try await f.central.client.withConnection { conn in
                // The projector's page lock (OverviewProjector.page), taken first by the test.
                try await conn.query("SELECT pg_advisory_lock(7100602)", logger: log)
                let client = SyncClient(store: f.store, transport: transport, token: f.token)
                _ = try await client.pushAll()
                let waiting = try await Self.eventually(60) {
                    try f.count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1
                }
                XCTAssertTrue(waiting, "the centre's projector never started its page: \(centre.log)")
                XCTAssertEqual(kill(centre.pid, SIGTERM), 0)
                // Ordering, not timing: the page is let go only once the centre is stopping.
                let stopping = try await Self.eventually(30) { centre.log.contains("等待进行中的看板投影") }
                try await conn.query("SELECT pg_advisory_unlock(7100602)", logger: log)
                XCTAssertTrue(stopping, centre.log)
            }
            let status = try await centre.exit(within: 60)
            XCTAssertEqual(status, 0, centre.log)
            XCTAssertFalse(centre.log.contains("overview projection failed"), centre.log)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation WHERE NOT projected"), 0,
                           "the page in progress committed before PostgreSQL closed")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), try f.localOpIds().count)
        }
    }
}
