import CentralServer
import Foundation
import SyncClient
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, must-deliver 5: what an operator runs the centre with: per-hall contact and lag in
/// /metrics, a list of tokens with per-token revoke, and a clean stop on SIGTERM.
final class OperationsTests: XCTestCase {
    private static func scrape(_ f: CentralFixture) async throws -> String {
        let reader = try await f.central.registry.issueApiToken(role: .metrics, label: "prometheus").token
        let r = try await f.transport.send(method: "GET", path: SyncPaths.metrics, query: nil, body: nil, token: reader)
        XCTAssertEqual(r.status, 200)
        return String(decoding: r.body, as: UTF8.self)
    }

    /// The value of the one sample of `name` with exactly these labels, from the exposition text.
    private static func sample(_ text: String, _ name: String, _ labels: String) -> Double? {
        let prefix = "\(name){\(labels)} "
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    func testMetricsShowEachHallsLastContactAndSyncLag() async throws {
        try await CentralFixture.run { f in
            let hallId = try f.store.syncIdentity().hallId
            let silent = UUID().uuidString.lowercased()
            _ = try await f.central.registry.register(hallId: silent, name: "未联网的站")
            let before = try await Self.scrape(f)
            XCTAssertNil(Self.sample(before, "yichuang_hall_last_contact_timestamp_seconds", "hall=\"\(hallId)\""), "no contact yet")
            XCTAssertEqual(Self.sample(before, "yichuang_hall_info", "hall=\"\(silent)\",name=\"未联网的站\""), 1)

            try f.issueTickets(3)
            let started = Date().timeIntervalSince1970
            _ = try await f.client().pushAll()
            let text = try await Self.scrape(f)
            XCTAssertTrue(text.contains("# TYPE yichuang_hall_last_contact_timestamp_seconds gauge"), text)
            XCTAssertTrue(text.contains("# TYPE yichuang_hall_sync_lag_seconds gauge"), text)
            let contact = try XCTUnwrap(Self.sample(text, "yichuang_hall_last_contact_timestamp_seconds", "hall=\"\(hallId)\""), text)
            XCTAssertGreaterThanOrEqual(contact, started.rounded(.down) - 1, "the push is the last contact")
            let lag = try XCTUnwrap(Self.sample(text, "yichuang_hall_sync_lag_seconds", "hall=\"\(hallId)\""), text)
            XCTAssertGreaterThanOrEqual(lag, 0)
            XCTAssertNil(Self.sample(text, "yichuang_hall_last_contact_timestamp_seconds", "hall=\"\(silent)\""), "a silent hall has no contact")
            // The counters kept their names and kinds under the Prometheus registry.
            XCTAssertEqual(Self.sample(text, "yichuang_sync_operations_total", "result=\"applied\""), Double(try f.localOpIds().count))
            XCTAssertTrue(text.contains("# TYPE yichuang_push_seconds histogram"), text)
        }
    }

    func testTokensAreListedAndOneIsRevokedWithoutTheOthers() async throws {
        try await CentralFixture.run { f in
            let hallId = try f.store.syncIdentity().hallId
            let second = try await f.central.registry.register(hallId: hallId, name: "测试大厅", label: "备用机")
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "市局监督岗")
            let listed = try await f.central.registry.listTokens()
            XCTAssertEqual(Set(listed.map(\.tokenId)).isSuperset(of: [second.tokenId, admin.tokenId]), true)
            XCTAssertEqual(listed.filter { $0.kind == "station" && $0.hallId == hallId }.count, 2)
            XCTAssertEqual(listed.first { $0.tokenId == admin.tokenId }?.kind, "admin")
            XCTAssertEqual(listed.first { $0.tokenId == second.tokenId }?.hallName, "测试大厅")

            // Revoking the spare station's token leaves the hall's other token working.
            let first = try await f.central.registry.revokeToken(id: second.tokenId, actor: "王科长", reason: "备用机报废")
            XCTAssertTrue(first)
            let again = try await f.central.registry.revokeToken(id: second.tokenId)
            XCTAssertFalse(again, "already revoked")
            let hs = HandshakeRequest(deviceId: "dev-ops", schemaVersion: 1, clientTime: Date().timeIntervalSince1970, hallId: hallId)
            let refused = try await f.post(SyncPaths.handshake, hs, token: second.token).0
            XCTAssertEqual(refused, 401)
            let kept = try await f.post(SyncPaths.handshake, hs).0
            XCTAssertEqual(kept, 200)
            // An api token by id, too.
            let api = try await f.central.registry.revokeToken(id: admin.tokenId)
            XCTAssertTrue(api)
            let overview = try await f.transport.send(method: "GET", path: SyncPaths.adminOverview, query: nil, body: nil, token: admin.token)
            XCTAssertEqual(overview.status, 401)
            let live = try await f.central.registry.listTokens()
            XCTAssertFalse(live.contains { $0.tokenId == second.tokenId || $0.tokenId == admin.tokenId })
            // Each revocation is audited, under the token's hall (api tokens under '*'), with who and why.
            XCTAssertEqual(try f.count("""
                SELECT COUNT(*) FROM central_audit WHERE action = 'token.revoke' AND hall_id = '\(hallId)' AND actor = '王科长'
                AND reason = '令牌 \(second.tokenId)：备用机报废'
                """), 1)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM central_audit WHERE action = 'token.revoke' AND hall_id = '*'"), 1)
            let all = try await f.central.registry.listTokens(includeRevoked: true)
            XCTAssertNotNil(all.first { $0.tokenId == second.tokenId }?.revokedAt)
        }
    }

    /// A real `yichuang central` process gets SIGTERM while a request's body is still arriving:
    /// it stops taking connections, answers that request in full, and exits 0.
    func testSigtermLetsTheRequestInFlightFinishThenExitsZero() async throws {
        let crash = try Crash()
        defer { crash.cleanUp() }
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let port = try TestPostgres.freePort()
            let centre = try crash.spawn(["central", "--host", "127.0.0.1", "--port", "\(port)"], env: [
                "PGHOST": pg.dir, "PGPORT": "\(pg.port)", "PGUSER": "yichuang", "PGDATABASE": f.database], name: "central")
            defer { centre.kill9() }
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(10), connectTimeout: .seconds(2))
            var up = false
            for _ in 0..<300 where !up {
                up = (try? await transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: ""))?.status == 200
                if !up { try await Task.sleep(for: .milliseconds(100)) }
            }
            XCTAssertTrue(up, centre.log)

            let hallId = try f.store.syncIdentity().hallId
            let body = try JSONEncoder().encode(HandshakeRequest(deviceId: "dev-term", schemaVersion: 1,
                                                                 clientTime: Date().timeIntervalSince1970, hallId: hallId))
            let head = "POST \(SyncPaths.handshake) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            let fd = try RawClient.open(port, head)
            defer { close(fd) }
            XCTAssertTrue(RawClient.send(fd, body.prefix(10)))
            // Ordering, not timing: let the centre read the head before the signal.
            try await Task.sleep(for: .milliseconds(500))
            XCTAssertEqual(kill(centre.pid, SIGTERM), 0)
            // The listener closes first: a new connection is refused (polled; the bound is a hang guard).
            var refused = false
            for _ in 0..<200 where !refused {
                if let probe = try? RawClient.open(port, "") { close(probe); try await Task.sleep(for: .milliseconds(50)) } else { refused = true }
            }
            XCTAssertTrue(refused, "the centre still accepts connections after SIGTERM")
            XCTAssertTrue(RawClient.send(fd, body.dropFirst(10)))
            let answer = RawClient.readAll(fd, limit: 30)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
            let status = try await centre.exit(within: 60)
            XCTAssertEqual(status, 0, centre.log)
            XCTAssertTrue(centre.log.contains("中心服务器已停止"), centre.log)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor WHERE id = 'dev-term'"), 1, "the in-flight handshake was stored")
        }
    }
}
