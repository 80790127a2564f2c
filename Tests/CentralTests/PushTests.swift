import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Push against a real PostgreSQL: each test ends with the central log equal to the hall's outbox,
/// nothing lost, nothing doubled.
final class PushTests: XCTestCase {
    func testPushBatchStoresEveryOperationOnce() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(5)
            let local = try f.pendingOutbox()
            XCTAssertGreaterThanOrEqual(local.count, 5)
            let s = try await f.client().pushAll()
            XCTAssertEqual(s.counts[.applied], local.count)
            XCTAssertEqual(s.ackedThroughSeq, local.last!.seq)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), local.count)
            XCTAssertEqual(try f.store.syncStatus().pending, 0)
            // A second round with nothing new sends nothing and changes nothing.
            let again = try await f.client().pushAll()
            XCTAssertEqual(again.batches, 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), local.count)
        }
    }

    func testSameBatchTwiceAndAtOnceIsNotDoubled() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(4)
            let ops = try f.pendingOutbox().map(Self.wire)
            let deviceId = ops[0].deviceId
            let batch = PushRequest(deviceId: deviceId, operations: ops, hallId: f.hallId)
            // Two copies at the same moment: the device row lock serializes them.
            async let a = f.post(SyncPaths.push, batch)
            async let b = f.post(SyncPaths.push, batch)
            let (ra, rb) = try await (a, b)
            XCTAssertEqual(ra.0, 200); XCTAssertEqual(rb.0, 200)
            let both = try [ra.1, rb.1].map { try JSONDecoder().decode(PushResponse.self, from: $0) }
            let applied = both.flatMap(\.results).filter { $0.status == .applied }.count
            let dupes = both.flatMap(\.results).filter { $0.status == .duplicate }.count
            XCTAssertEqual(applied, ops.count)
            XCTAssertEqual(dupes, ops.count)
            // And once more, later.
            let (status, data) = try await f.post(SyncPaths.push, batch)
            XCTAssertEqual(status, 200)
            let r = try JSONDecoder().decode(PushResponse.self, from: data)
            XCTAssertTrue(r.results.allSatisfy { $0.status == .duplicate })
            XCTAssertEqual(r.ackedThroughSeq, ops.last!.seq)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), ops.count)
        }
    }

    func testSequenceGapIsRefusedWithWhereToResume() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(3)
            let ops = try f.pendingOutbox().map(Self.wire)
            let skipped = PushRequest(deviceId: ops[0].deviceId, operations: Array(ops.dropFirst(2)), hallId: f.hallId)
            let (status, data) = try await f.post(SyncPaths.push, skipped)
            XCTAssertEqual(status, 409)
            let body = try JSONDecoder().decode(SyncErrorBody.self, from: data)
            XCTAssertEqual(body.code, .sequenceGap)
            XCTAssertEqual(body.resumeAfterSeq, 0)
            XCTAssertTrue(body.message.contains("序号不连续"))
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            // The client resumes where it is told and everything arrives once.
            let s = try await f.client().pushAll()
            XCTAssertEqual(s.counts[.applied], ops.count)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), ops.count)
        }
    }

    func testReusedOpIdWithAnotherPayloadIsRefused() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(1)
            let ops = try f.pendingOutbox().map(Self.wire)
            _ = try await f.client().pushAll()
            // Same op id and seq, other bytes.
            var forged = ops[0]
            forged.payload = #"{"forged":true}"#
            forged.sha256 = Self.sha(forged.payload)
            // Same op id under the next seq, other bytes.
            var reused = forged
            reused.seq = ops.last!.seq + 1
            let (status, data) = try await f.post(SyncPaths.push, PushRequest(deviceId: forged.deviceId, operations: [forged, reused], hallId: f.hallId))
            XCTAssertEqual(status, 200)
            let r = try JSONDecoder().decode(PushResponse.self, from: data)
            XCTAssertEqual(r.results.map(\.status), [.conflict, .conflict])
            XCTAssertTrue(r.results[0].reason?.contains("不同内容") ?? false)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), ops.count)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine WHERE status = 'conflict'"), 1)
            // The stored original is untouched.
            XCTAssertEqual(try TestPostgres.shared.get().psql(f.database, "SELECT sha256 FROM operation WHERE id = '\(ops[0].opId)'"), ops[0].sha256)
        }
    }

    func testPoisonOpIsQuarantinedWhileOthersApply() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(3)
            var ops = try f.pendingOutbox().map(Self.wire)
            XCTAssertGreaterThanOrEqual(ops.count, 3)
            ops[1].sha256 = String(repeating: "0", count: 64)       // corrupted in transit
            ops[2].kind = "no.such.kind"                               // from a newer client
            ops[2].sha256 = Self.sha(ops[2].payload)
            let (status, data) = try await f.post(SyncPaths.push, PushRequest(deviceId: ops[0].deviceId, operations: ops, hallId: f.hallId))
            XCTAssertEqual(status, 200)
            let r = try JSONDecoder().decode(PushResponse.self, from: data)
            XCTAssertEqual(r.results[0].status, .applied)
            XCTAssertEqual(r.results[1].status, .quarantined)
            XCTAssertEqual(r.results[2].status, .quarantined)
            XCTAssertTrue(r.results[1].reason?.contains("校验和") ?? false)
            XCTAssertEqual(r.ackedThroughSeq, ops.last!.seq, "poison never blocks the device's stream")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), ops.count - 2)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine WHERE status = 'quarantined'"), 2)
            XCTAssertEqual(f.central.metrics.count(.quarantined), 2)
        }
    }

    func testTokenRevokedMidSync() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(2)
            _ = try await f.client().pushAll()
            let first = try f.count("SELECT COUNT(*) FROM operation")
            try await f.central.registry.revokeAll(hallId: f.store.syncIdentity().hallId)
            try f.issueTickets(2)
            let pendingBefore = try f.store.syncStatus().pending
            do {
                _ = try await f.client().pushAll()
                XCTFail("a revoked token must be refused")
            } catch let e as SyncClientError {
                guard case .unauthorized(let m) = e else { return XCTFail("\(e)") }
                XCTAssertTrue(m.contains("吊销"))
                XCTAssertFalse(e.isRetryable)
            }
            XCTAssertEqual(try f.store.syncStatus().pending, pendingBefore, "nothing is marked sent without the centre's answer")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), first)
            // A new token picks up exactly where the old one stopped.
            let issued = try await f.central.registry.register(hallId: f.store.syncIdentity().hallId, name: "测试大厅")
            let s = try await f.client(token: issued.token).pushAll()
            XCTAssertEqual(s.counts[.duplicate, default: 0], 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), try f.pendingOutbox().count)
        }
    }

    func testReplyLostAfterCommitIsRetriedWithoutDoubles() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(6)
            let local = try f.pendingOutbox()
            let lossy = ReplyLosingTransport(inner: f.transport, path: SyncPaths.push, drops: 1)
            do {
                _ = try await f.client(transport: lossy, batchSize: 4).pushAll()
                XCTFail("the lost reply must surface as an error")
            } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable)
            }
            // The centre committed the first batch, the hall does not know it yet.
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), min(4, local.count))
            XCTAssertEqual(try f.store.syncStatus().pending, local.count)
            let s = try await f.client(transport: lossy, batchSize: 4).pushAll()
            XCTAssertEqual(s.counts[.duplicate, default: 0], 0, "the handshake says where to resume, so nothing is resent")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), local.count)
            XCTAssertEqual(try f.count("SELECT COUNT(DISTINCT id) FROM operation"), local.count)
            XCTAssertEqual(try f.store.syncStatus().pending, 0)
        }
    }

    func testServerSideFailureAfterCommitIsRetriedWithoutDoubles() async throws {
        let fail = FailOnce()
        try await CentralFixture.run(afterPushCommit: { try fail.maybe() }) { f in
            try f.issueTickets(3)
            let local = try f.pendingOutbox()
            do { _ = try await f.client().pushAll(); XCTFail("expected a failure") } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable)
            }
            _ = try await f.client().pushAll()
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), local.count)
            XCTAssertEqual(try f.store.syncStatus().pending, 0)
        }
    }

    static func wire(_ e: OutboxEntry) -> WireOperation {
        WireOperation(opId: e.opId, deviceId: e.deviceId, seq: e.seq, hlc: e.hlc, wallTime: e.wallTime,
                      schemaVersion: e.schemaVersion, kind: e.kind, entityId: e.entityId, payload: e.payload, sha256: e.sha256)
    }

    static func sha(_ text: String) -> String { CentralTestCrypto.sha256Hex(text) }
}

final class FailOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    struct Injected: Error {}
    func maybe() throws {
        let first = lock.withLock { () -> Bool in defer { done = true }; return !done }
        if first { throw Injected() }
    }
}
