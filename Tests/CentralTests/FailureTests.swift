import CentralServer
import Foundation
import HallCore
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Failures on the push path (issue 6), in process: each ends with the centre holding exactly the
/// union of what the hall wrote, nothing lost, nothing doubled.
final class FailureTests: XCTestCase {
    /// The centre fails inside its transaction, before COMMIT: nothing of the batch stays.
    func testFailureBeforeCommitLeavesNothingAndRetryConverges() async throws {
        let fail = FailOnce()
        try await CentralFixture.run(beforePushCommit: { try fail.maybe() }) { f in
            try f.issueTickets(5)
            do { _ = try await f.client(batchSize: 3).pushAll(); XCTFail("expected a failure") } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable)
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0, "rolled back: nothing stored")
            XCTAssertEqual(try f.count("SELECT acked_through_seq FROM device_cursor"), 0, "the cursor did not move")
            XCTAssertEqual(try f.store.syncStatus().pending, try f.pendingOutbox().count)
            let s = try await f.client(batchSize: 3).pushAll()
            XCTAssertEqual(s.counts[.duplicate, default: 0], 0)
            try f.assertCentralEqualsLocal()
        }
    }

    /// The link dies in the middle of the request body: the centre never sees a whole batch.
    func testConnectionCutMidRequestBodyThenRetryConverges() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(20)
            let port = Int(f.baseURL.split(separator: ":").last!)!
            // The first connection carries the handshake (well under 3000 bytes) and then the
            // start of the first push, whose body is far longer: it is cut inside that body.
            let proxy = try FaultProxy(upstreamPort: port) { $0 == 0 ? .cutRequest(afterBytes: 3000) : .none }
            defer { proxy.stop() }
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(proxy.port)", timeout: .seconds(10))
            do { _ = try await f.client(transport: transport).pushAll(); XCTFail("expected a failure") } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable, "\(e)")
            }
            XCTAssertEqual(proxy.faults, [.cutRequest(afterBytes: 3000)])
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            _ = try await f.client(transport: transport).pushAll()
            try f.assertCentralEqualsLocal()
        }
    }

    /// A device clock a year ahead, a year behind, then jumping back: every operation is stored
    /// (legal records), the HLC never goes backwards, and seq order is HLC order.
    func testDeviceClockFarOffIsStoredAndHLCNeverGoesBack() async throws {
        try await CentralFixture.run { f in
            let now = Date()
            let year: TimeInterval = 365 * 86_400
            let clock = ManualClock(now.addingTimeInterval(year))
            let skewed = try HallStore(path: f.storePath, clock: clock)
            for step in [year, -year, 0, -3_600, -year] {
                clock.set(now.addingTimeInterval(step))
                for _ in 0..<3 {
                    _ = try skewed.issueTicket(service: "A", by: .system("desk"))
                    clock.advance(seconds: 1)
                }
            }
            let local = try f.pendingOutbox()
            let hlcs = local.map { HLCTimestamp($0.hlc)! }
            for (a, b) in zip(hlcs, hlcs.dropFirst()) { XCTAssertLessThan(a, b, "HLC goes strictly forward with seq") }
            let s = try await f.client().pushAll()
            XCTAssertEqual(s.counts[.applied], local.count)
            XCTAssertTrue(s.problems.isEmpty, "\(s.problems)")
            try f.assertCentralEqualsLocal()
            let pg = try TestPostgres.shared.get()
            let centralHLC = try pg.psql(f.database, "SELECT hlc FROM operation ORDER BY seq").split(separator: "\n").map(String.init)
            XCTAssertEqual(centralHLC, centralHLC.sorted(), "per device, seq order is HLC order")
            XCTAssertEqual(centralHLC, local.map(\.hlc))
            // The device's own wall times are kept as they were, however wrong.
            let ahead = now.timeIntervalSince1970 + year / 2, behind = now.timeIntervalSince1970 - year / 2
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation WHERE wall_time > \(ahead)"), local.filter { $0.wallTime > ahead }.count)
            XCTAssertGreaterThanOrEqual(try f.count("SELECT COUNT(*) FROM operation WHERE wall_time < \(behind)"), 6)
        }
    }

    /// The store is restored from an old backup: its outbox seq falls below what the centre holds
    /// and new operations reuse seqs with other op ids. Nothing may be lost or doubled.
    func testStoreRestoredFromOldBackupLosesNothing() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(3)
            _ = try await f.client().pushAll()
            let ackedBackup = f.storePath + ".backup0"   // everything in it confirmed by the centre
            try Self.backUp(f.store, to: ackedBackup)
            try f.issueTickets(2)                        // written, not yet pushed at backup time
            let backup = f.storePath + ".backup"
            try Self.backUp(f.store, to: backup)
            try f.issueTickets(4)                        // after the backup
            _ = try await f.client().pushAll()           // the centre now holds all 9 tickets' ops
            let original = Set(try f.localOpIds())
            let centreSeq = Int64(try f.count("SELECT acked_through_seq FROM device_cursor"))

            // Restore: the backup comes back and the hall goes on issuing tickets.
            let restoredPath = f.storePath + ".restored"
            try FileManager.default.copyItem(atPath: backup, toPath: restoredPath)
            let restored = try HallStore(path: restoredPath)
            for _ in 0..<6 { _ = try restored.issueTicket(service: "A", by: .system("desk")) }
            let backupOps = try restored.outbox(after: 0, limit: 10_000)
            XCTAssertTrue(backupOps.contains { $0.seq <= centreSeq && !original.contains($0.opId) }, "the restored store reuses seqs")
            let client = SyncClient(store: restored, transport: f.transport, token: f.token)
            let s = try await client.pushAll()
            XCTAssertNotNil(s.renumbered, "the divergence is noticed")
            XCTAssertEqual(s.counts[.duplicate], 2, "the two ops pushed after the backup come back as duplicates")
            XCTAssertEqual(s.counts[.applied], backupOps.filter { !original.contains($0.opId) }.count)
            XCTAssertEqual(s.counts[.conflict, default: 0], 0)
            XCTAssertEqual(try restored.syncStatus().pending, 0)

            // A restore of an older backup whose every op the centre confirmed: nothing to move,
            // but the local counter must jump past the centre's seq.
            let again = try HallStore(path: f.storePath + ".restored2", copyOf: ackedBackup)
            let s2 = try await SyncClient(store: again, transport: f.transport, token: f.token).pushAll()
            XCTAssertEqual(s2.renumbered?.count, 0)
            XCTAssertEqual(s2.batches, 0)
            // Its next operation is numbered past what the centre holds, and is stored.
            _ = try again.issueTicket(service: "A", by: .system("desk"))
            let s3 = try await SyncClient(store: again, transport: f.transport, token: f.token).pushAll()
            XCTAssertNil(s3.renumbered)
            XCTAssertEqual(s3.counts[.applied, default: 0], try again.outbox(after: 0, limit: 10_000).filter { $0.seq > s2.ackedThroughSeq }.count)
            XCTAssertGreaterThan(s3.counts[.applied, default: 0], 0)

            let union = original.union(try restored.outbox(after: 0, limit: 10_000).map(\.opId))
                .union(try again.outbox(after: 0, limit: 10_000).map(\.opId))
            let central = try f.centralOpIds()
            XCTAssertEqual(central.count, union.count, "nothing lost, nothing doubled")
            XCTAssertEqual(Set(central), union)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine WHERE status <> 'duplicate'"), 0)
        }
    }

    /// A centre at version 3 stores a version-1 client's operations with their version.
    func testClientTwoSchemaVersionsOldIsAccepted() async throws {
        try await CentralFixture.run(schemaVersion: 3) { f in
            try f.issueTickets(3)
            var client = f.client()
            client.schemaVersion = 1
            let s = try await client.pushAll()
            XCTAssertTrue(s.problems.isEmpty, "\(s.problems)")
            try f.assertCentralEqualsLocal()
            XCTAssertEqual(try TestPostgres.shared.get().psql(f.database, "SELECT DISTINCT schema_version FROM operation"), "1")
        }
    }

    /// A centre at version 4 refuses a version-1 client at the handshake, in Chinese, and the
    /// client's outbox stays exactly as it was.
    func testClientThreeSchemaVersionsOldIsRefusedAtHandshake() async throws {
        try await CentralFixture.run(schemaVersion: 4) { f in
            try f.issueTickets(3)
            let before = try f.pendingOutbox()
            let statusBefore = try f.store.syncStatus()
            do {
                _ = try await f.client().pushAll()
                XCTFail("an outdated client must be refused")
            } catch let e as SyncClientError {
                guard case .upgradeRequired(let message) = e else { return XCTFail("\(e)") }
                XCTAssertTrue(message.contains("升级"), message)
                XCTAssertTrue(message.contains("2–4"), message)
                XCTAssertFalse(e.isRetryable)
                XCTAssertTrue(e.errorDescription?.contains("需要升级") ?? false)
            }
            XCTAssertEqual(try f.pendingOutbox(), before)
            XCTAssertEqual(try f.store.syncStatus().pending, statusBefore.pending)
            XCTAssertEqual(try f.store.syncStatus().ackedThroughSeq, statusBefore.ackedThroughSeq)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor"), 0, "nothing recorded for a refused client")
        }
    }

    /// A centre that is down is reported at once, as retryable, and recorded for the status bar.
    func testCentreDownFailsFastAndIsRetryable() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(1)
            let nobody = try TestPostgres.freePort()
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(nobody)", connectTimeout: .seconds(2))
            do { _ = try await f.client(transport: transport).pushAll(); XCTFail("nobody listens there") } catch let e as SyncClientError {
                XCTAssertTrue(e.isRetryable)
                XCTAssertTrue(e.errorDescription?.contains("无法连接中心") ?? false)
            }
            XCTAssertEqual(try f.store.syncStatus().pending, try f.pendingOutbox().count)
        }
    }
}

extension FailureTests {
    /// A centre whose machine does not answer at all (SYNs dropped, as behind a dead link): the
    /// connect timeout, not the whole request deadline, decides when the hall goes offline.
    func testUnansweredConnectGivesUpAtTheConnectTimeout() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(silent.port)", timeout: .seconds(120), connectTimeout: .seconds(1))
        let started = Date()
        do {
            _ = try await transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: "")
            XCTFail("nobody answers there")
        } catch {}
        // Behaviour, not speed: it gave up long before the 120 s request deadline.
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }

    /// A consistent copy of the live store, as a nightly backup job would take it.
    static func backUp(_ store: HallStore, to path: String) throws {
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    }
}

extension HallStore {
    /// Opens a copy of a backup file at `path`, as an administrator restoring it would.
    convenience init(path: String, copyOf backup: String) throws {
        try FileManager.default.copyItem(atPath: backup, toPath: path)
        try self.init(path: path)
    }
}

/// A listening socket whose accept queue is full and never drained: further connection attempts
/// get no answer at all (Linux drops their SYNs), like a centre behind a dead link.
final class SilentListener: @unchecked Sendable {
    let port: Int
    private var fds: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, len) == 0 && listen(listener, 0) == 0 && getsockname(listener, $0, &len) == 0
            }
        }
        guard ok else { Glibc.close(listener); throw TestPostgres.Failure(description: "cannot listen") }
        fds.append(listener)
        port = Int(UInt16(bigEndian: addr.sin_port))
        // Fill the accept queue (backlog 0 still admits one) with connections nobody accepts.
        for _ in 0..<2 {
            let c = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(c, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fds.append(c)
        }
        usleep(100_000)
    }

    func close() { fds.forEach { _ = Glibc.close($0) }; fds = [] }
}
