import CentralServer
import Crypto
import Foundation
import SyncProtocol
import XCTest

enum CentralTestCrypto {
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Health, metrics, authentication and hall scoping.
final class ServerTests: XCTestCase {
    func testHealthMetricsAndAuthentication() async throws {
        try await CentralFixture.run { f in
            let health = try await f.transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: "")
            XCTAssertEqual(health.status, 200)
            let hs = HandshakeRequest(deviceId: "dev-x", schemaVersion: 1, clientTime: Date().timeIntervalSince1970, hallId: f.hallId)
            let (status, data) = try await f.post(SyncPaths.handshake, hs, token: "yc_not-a-token")
            XCTAssertEqual(status, 401)
            XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: data).code, .unauthorized)
            let ok = try await f.post(SyncPaths.handshake, hs)
            XCTAssertEqual(ok.0, 200)
            XCTAssertEqual(try JSONDecoder().decode(HandshakeResponse.self, from: ok.1).ackedThroughSeq, 0)
            // /metrics needs a metrics (or admin) token; without one it is refused (and counted).
            let anonymous = try await f.transport.send(method: "GET", path: SyncPaths.metrics, query: nil, body: nil, token: "")
            XCTAssertEqual(anonymous.status, 401)
            let station = try await f.transport.send(method: "GET", path: SyncPaths.metrics, query: nil, body: nil, token: f.token)
            XCTAssertEqual(station.status, 403)
            let reader = try await f.central.registry.issueApiToken(role: .metrics, label: "prometheus").token
            let metrics = try await f.transport.send(method: "GET", path: SyncPaths.metrics, query: nil, body: nil, token: reader)
            XCTAssertEqual(metrics.status, 200)
            let text = String(decoding: metrics.body, as: UTF8.self)
            XCTAssertTrue(text.contains("yichuang_auth_failures_total 3"), text)
            XCTAssertTrue(text.contains("# TYPE yichuang_sync_operations_total counter"))
            // Tokens are stored hashed, never in clear.
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM station_token WHERE token_sha256 = '\(CentralTestCrypto.sha256Hex(f.token))'"), 1)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM station_token WHERE token_sha256 = '\(f.token)'"), 0)
        }
    }

    func testPullIsScopedToTheHall() async throws {
        try await CentralFixture.run { f in
            let other = try await f.transport.send(method: "GET", path: SyncPaths.pull, query: "bucket=hall:someone-else", body: nil, token: f.token)
            XCTAssertEqual(other.status, 403)
            let own = try await f.transport.send(method: "GET", path: SyncPaths.pull, query: "bucket=catalog&cursor=0", body: nil, token: f.token)
            XCTAssertEqual(own.status, 200)
            let page = try JSONDecoder().decode(PullPage.self, from: own.body)
            XCTAssertEqual(page.changes, [])
            XCTAssertFalse(page.hasMore)
        }
    }
}
