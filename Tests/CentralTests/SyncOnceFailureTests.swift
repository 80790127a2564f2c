import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, defects 2 and 1 at the node: `yichuang sync --once` (what cron-driven stations run)
/// records every failure in the store's sync status, so every screen's SyncIndicator reads
/// `○离线` with the last success (it does when the last attempt is later than the last success),
/// and exits non-zero with the reason in Chinese.
final class SyncOnceFailureTests: XCTestCase {
    private var crash: Crash!

    override func setUp() { crash = try? Crash() }
    override func tearDown() { crash?.cleanUp() }

    /// Asserts the status that SyncIndicator shows as offline, and a Chinese reason without
    /// the HTTP library's internals.
    private static func assertRecordedFailure(_ store: HallStore, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try store.syncStatus()
        let success = try XCTUnwrap(s.lastSuccessAt, file: file, line: line)
        let attempt = try XCTUnwrap(s.lastAttemptAt, file: file, line: line)
        XCTAssertGreaterThan(attempt, success, "the failed attempt is recorded after the last success", file: file, line: line)
        let error = try XCTUnwrap(s.lastError, file: file, line: line)
        XCTAssertTrue(error.contains(mentions), error, file: file, line: line)
        for leak in ["errno", "HTTPClientError", "NIO", "Error("] {
            XCTAssertFalse(error.contains(leak), error, file: file, line: line)
        }
    }

    func testConnectionRefusedIsRecordedAndWordedInChinese() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            _ = try await f.client().pushAll()
            try f.issueTickets(2)
            let dead = try TestPostgres.freePort()   // nobody listens there
            let sync = try h.spawn(["sync", "--store", f.storePath, "--once"],
                                   env: h.env(f).merging(["YICHUANG_CENTRAL_URL": "http://127.0.0.1:\(dead)"]) { $1 }, name: "refused")
            XCTAssertEqual(sync.waitFor(limit: 60), 1, sync.log)
            XCTAssertTrue(sync.log.contains("中心拒绝连接"), sync.log)
            XCTAssertFalse(sync.log.contains("errno"), sync.log)
            try Self.assertRecordedFailure(f.store, mentions: "中心拒绝连接")
        }
    }

    /// The link dies inside the first push, after the handshake already confirmed the centre's
    /// cursor (which counts as a success): the failure after it must still be recorded.
    func testDisconnectMidSyncIsRecorded() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            try f.issueTickets(20)
            let port = Int(f.baseURL.split(separator: ":").last!)!
            let proxy = try FaultProxy(upstreamPort: port) { $0 == 0 ? .cutRequest(afterBytes: 3000) : .none }
            defer { proxy.stop() }
            let sync = try h.spawn(["sync", "--store", f.storePath, "--once"],
                                   env: h.env(f).merging(["YICHUANG_CENTRAL_URL": "http://127.0.0.1:\(proxy.port)"]) { $1 }, name: "cut")
            XCTAssertEqual(sync.waitFor(limit: 60), 1, sync.log)
            XCTAssertEqual(proxy.faults, [.cutRequest(afterBytes: 3000)])
            try Self.assertRecordedFailure(f.store, mentions: "无法连接中心")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
        }
    }

    /// Hall 2's node run with hall 1's token: exit 1, the reason on stderr, nothing stored.
    func testForeignTokenExitsNonZeroWithTheReason() async throws {
        let h = try XCTUnwrap(crash)
        try await CentralFixture.run { f in
            let hall2 = try SecondHall()
            defer { hall2.remove() }
            try hall2.issueTickets(3)
            let path = hall2.dir.appendingPathComponent("hall.sqlite").path
            let sync = try h.spawn(["sync", "--store", path, "--once"], env: h.env(f), name: "foreign")
            XCTAssertEqual(sync.waitFor(limit: 60), 1, sync.log)
            XCTAssertTrue(sync.log.contains("令牌却属于大厅"), sync.log)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            XCTAssertTrue(try hall2.store.syncStatus().lastError?.contains("未存入任何数据") ?? false)
        }
    }
}

/// Issue 15, defect 5: the station token is not sent over plain http to another machine.
final class PlainHttpTests: XCTestCase {
    func testPlainHttpToAnotherHostIsRefusedUnlessInsistedOnAndThenWarned() async throws {
        let h = try XCTUnwrap(try? Crash())
        defer { h.cleanUp() }
        try await CentralFixture.run { f in
            try f.issueTickets(1)
            // 192.0.2.1 is TEST-NET-1: nothing answers there.
            let env = h.env(f).merging(["YICHUANG_CENTRAL_URL": "http://192.0.2.1:8080"]) { $1 }
            let refused = try h.spawn(["sync", "--store", f.storePath, "--once"], env: env, name: "plain")
            XCTAssertEqual(refused.waitFor(limit: 60), 1, refused.log)
            XCTAssertTrue(refused.log.contains("拒绝以明文 http 连接中心 192.0.2.1"), refused.log)
            XCTAssertNil(try f.store.syncStatus().lastAttemptAt, "nothing was sent")
            let insisted = try h.spawn(["sync", "--store", f.storePath, "--once", "--insecure-http"], env: env, name: "insisted")
            XCTAssertEqual(insisted.waitFor(limit: 60), 1, insisted.log)
            XCTAssertTrue(insisted.log.contains("警告：正以明文 http 连接中心"), insisted.log)
            // Loopback stays allowed without a word (the fixture's centre is on 127.0.0.1).
            let local = try h.spawn(["sync", "--store", f.storePath, "--once"], env: h.env(f), name: "local")
            XCTAssertEqual(local.waitFor(limit: 60), 0, local.log)
            XCTAssertFalse(local.log.contains("警告"), local.log)
        }
    }
}
