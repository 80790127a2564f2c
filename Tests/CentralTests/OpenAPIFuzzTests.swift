import CentralServer
import Foundation
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, must-deliver 4: the running centre fuzzed from its own OpenAPI document
/// (scripts/fuzz-central.sh: schemathesis, installed into .venv by scripts/setup.sh), once per kind
/// of token and once with none. Bounded by examples per operation and a fixed seed; it fails on
/// any 5xx, on an answer the document does not describe, and on a refused request that changed
/// what the centre stores.
final class OpenAPIFuzzTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testFuzzFromTheDocumentGetsNoServerErrorAndRefusalsStoreNothing() async throws {
        let script = Self.root.appendingPathComponent("scripts/fuzz-central.sh").path
        guard FileManager.default.isExecutableFile(atPath: Self.root.appendingPathComponent(".venv/bin/schemathesis").path) else {
            // CI runs scripts/setup.sh first, so there a missing tool is a failure, not a skip.
            if ProcessInfo.processInfo.environment["CI"] != nil { return XCTFail("schemathesis missing: scripts/setup.sh did not install it") }
            throw XCTSkip("schemathesis not installed (scripts/setup.sh installs it into .venv)")
        }
        let pg = try TestPostgres.shared.get()
        try await CentralFixture.run { f in
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "fuzz").token
            let booking = try await f.central.registry.issueApiToken(role: .booking, label: "fuzz").token
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString).log").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let child = try ChildProcess("/bin/bash", [script, f.baseURL, f.token, admin, booking], env: [
                "PGHOST": "127.0.0.1", "PGPORT": "\(pg.port)", "PGUSER": "yichuang", "PGDATABASE": f.database,
                "FUZZ_EXAMPLES": "10", "NO_COLOR": "1",
            ], output: output)
            let status = try await child.exit(within: 900)
            XCTAssertEqual(status, 0, "schemathesis found faults:\n" + String(child.log.suffix(6000)))
            // The centre is still up after the run (a trap would have ended this process).
            let health = try await f.transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: "")
            XCTAssertEqual(health.status, 200)
        }
    }

    /// Found by the fuzz: a handshake whose device clock is absurdly far off made the drift
    /// logging trap (`Int(-1e270)`, SIGILL) and took the whole centre down. Such clocks are
    /// recorded, never refused.
    func testAHandshakeWithAnAbsurdClockIsAnsweredAndTheCentreLives() async throws {
        try await CentralFixture.run { f in
            let hallId = try f.store.syncIdentity().hallId
            for clock in [-1.0458622807471768e+270, 1e300, -1e19] {
                let hs = HandshakeRequest(deviceId: "dev-clock", schemaVersion: 1, clientTime: clock, hallId: hallId)
                let (status, body) = try await f.post(SyncPaths.handshake, hs)
                XCTAssertEqual(status, 200, String(decoding: body, as: UTF8.self))
            }
            let health = try await f.transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: "")
            XCTAssertEqual(health.status, 200)
        }
    }

    /// A known path asked with a method it lacks is 405 with `Allow` (it was a bare 404, which
    /// tells a client author the path is wrong when it is the method); an unknown path is a 404
    /// that says so in Chinese.
    func testWrongMethodIs405WithAllowAndUnknownPathIsExplained() async throws {
        try await CentralFixture.run { f in
            let put = try await f.transport.send(method: "PUT", path: SyncPaths.push, query: nil, body: Data("{}".utf8), token: f.token)
            XCTAssertEqual(put.status, 405)
            let error = try JSONDecoder().decode(SyncErrorBody.self, from: put.body)
            XCTAssertEqual(error.code, .methodNotAllowed)
            XCTAssertTrue(error.message.contains("POST"), error.message)
            let get = try await f.transport.send(method: "GET", path: SyncPaths.booking + "/h/b", query: nil, body: nil, token: f.token)
            XCTAssertEqual(get.status, 405)
            let missing = try await f.transport.send(method: "GET", path: "/v1/nothing", query: nil, body: nil, token: f.token)
            XCTAssertEqual(missing.status, 404)
            XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: missing.body).code, .notFound)
        }
    }
}

extension OpenAPIFuzzTests {
    /// Found by the fuzz: `cursor=-2602968` was answered 200 with that cursor as the next one,
    /// and a limit outside 1–1000 was silently changed. Both are refused with the reason.
    func testPullRefusesACursorOrLimitOutsideTheDocument() async throws {
        try await CentralFixture.run { f in
            for query in ["bucket=catalog&cursor=-2602968", "bucket=catalog&cursor=x", "bucket=catalog&limit=0",
                          "bucket=catalog&limit=1001"] {
                let r = try await f.transport.send(method: "GET", path: SyncPaths.pull, query: query, body: nil, token: f.token)
                XCTAssertEqual(r.status, 400, query)
                XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: r.body).code, .badRequest)
            }
            let ok = try await f.transport.send(method: "GET", path: SyncPaths.pull, query: "bucket=catalog&cursor=0&limit=1000",
                                                body: nil, token: f.token)
            XCTAssertEqual(ok.status, 200)
        }
    }
}
