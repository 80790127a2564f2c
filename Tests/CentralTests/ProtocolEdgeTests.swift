import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, defect 4: the protocol's edges answer with the right status and store nothing.
final class ProtocolEdgeTests: XCTestCase {
    func testBodyOverTheLimitIs413AndNotLoggedAsAnError() async throws {
        let logs = LogRecorder()
        try await CentralFixture.run(logs: logs) { f in
            let body = Data(repeating: UInt8(ascii: " "), count: SyncPaths.maxBodyBytes + 1)
            let (status, data) = try await f.transport.send(method: "POST", path: SyncPaths.push, query: nil, body: body, token: f.token)
            XCTAssertEqual(status, 413)
            let error = try JSONDecoder().decode(SyncErrorBody.self, from: data)
            XCTAssertTrue(error.message.contains("过大"), error.message)
            XCTAssertEqual(logs.errors, [], "a sender's mistake is not the centre's error")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
        }
    }

    func testOversizedOperationIsQuarantinedWithoutItsContent() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(2)
            var ops = try f.pendingOutbox().map(PushTests.wire)
            let big = #"{"blob":""# + String(repeating: "x", count: SyncPaths.maxOperationBytes) + #""}"#
            ops[1].payload = big
            ops[1].sha256 = PushTests.sha(big)
            let (status, data) = try await f.post(SyncPaths.push, PushRequest(deviceId: ops[0].deviceId, operations: ops, hallId: f.hallId))
            XCTAssertEqual(status, 200)
            let r = try JSONDecoder().decode(PushResponse.self, from: data)
            XCTAssertEqual(r.results[1].status, .quarantined)
            XCTAssertTrue(r.results[1].reason?.contains("内容过大") ?? false, r.results[1].reason ?? "")
            XCTAssertEqual(r.ackedThroughSeq, ops.last!.seq, "the stream goes on past it")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), ops.count - 1)
            XCTAssertLessThan(try f.count("SELECT MAX(length(raw)) FROM quarantine"), 10_000, "its content is not kept")
        }
    }

    func testSeqZeroOrNegativeIsRefusedAndNothingStored() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(1)
            let op = try f.pendingOutbox().map(PushTests.wire)[0]
            for seq in [0, -1, Int64.min] {
                var bad = op
                bad.seq = seq
                let (status, data) = try await f.post(SyncPaths.push, PushRequest(deviceId: op.deviceId, operations: [bad], hallId: f.hallId))
                XCTAssertEqual(status, 400, "seq \(seq)")
                XCTAssertTrue(try JSONDecoder().decode(SyncErrorBody.self, from: data).message.contains("序号必须是从 1 起的正整数"))
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor"), 0)
        }
    }

    func testLiveTokenOfTheWrongKindIs403AndUnknownIs401() async throws {
        try await CentralFixture.run { f in
            let booking = try await f.central.registry.issueApiToken(role: .booking, label: "预约").token
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "看板").token
            let request = BookingRequest(hallId: try f.store.syncIdentity().hallId, bookingId: "B1", service: "A", name: "王小明",
                                         phone: "13800138000", slotStart: Date().addingTimeInterval(86_400).timeIntervalSince1970)
            for token in [f.token, admin] {
                let (status, data) = try await f.post(SyncPaths.booking, request, token: token)
                XCTAssertEqual(status, 403)
                XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: data).code, .forbidden)
            }
            let hs = HandshakeRequest(deviceId: "d", schemaVersion: 1, clientTime: Date().timeIntervalSince1970)
            let wrongKind = try await f.post(SyncPaths.handshake, hs, token: booking).0
            let unknown = try await f.post(SyncPaths.booking, request, token: "yc_unknown").0
            XCTAssertEqual([wrongKind, unknown], [403, 401])
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM booking"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor"), 0)
        }
    }

    /// `yichuang hall-register --hall-id not-a-uuid` created a hall no node can ever speak for.
    func testHallRegisterRefusesAnIdThatIsNotAUUID() async throws {
        let h = try XCTUnwrap(try? Crash())
        defer { h.cleanUp() }
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let env = ["PGHOST": "127.0.0.1", "PGPORT": "\(pg.port)", "PGUSER": "yichuang", "PGDATABASE": f.database]
            let halls = try f.count("SELECT COUNT(*) FROM hall")
            let bad = try h.spawn(["hall-register", "--hall-id", "not-a-uuid", "--name", "幽灵大厅"], env: env, name: "ghost")
            XCTAssertEqual(bad.waitFor(limit: 60), 1, bad.log)
            XCTAssertTrue(bad.log.contains("不是有效的编号"), bad.log)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM hall"), halls)
            let good = try h.spawn(["hall-register", "--hall-id", UUID().uuidString.lowercased(), "--name", "新大厅"], env: env, name: "good")
            XCTAssertEqual(good.waitFor(limit: 60), 0, good.log)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM hall"), halls + 1)
        }
    }
}
