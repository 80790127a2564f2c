import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, must-deliver 7: `yichuang sync` under swift-service-lifecycle. SIGTERM (what
/// `systemctl stop` sends) while a batch is inside the centre's transaction: the batch finishes,
/// its answer moves the cursor, no further batch starts, and the process exits 0, so the next
/// start sends nothing twice.
final class SyncShutdownTests: XCTestCase {
    /// Holds the first push inside the centre's transaction until released.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var arrivals = 0
        private var open = false
        var entered: Bool { lock.withLock { arrivals > 0 } }
        func release() { lock.withLock { open = true } }
        func pass() async throws {
            guard lock.withLock({ arrivals += 1; return arrivals == 1 }) else { return }
            while !lock.withLock({ open }) { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// Polls `condition` up to `limit` seconds: a hang guard, not a timing assertion.
    private static func eventually(_ limit: TimeInterval, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while !condition() {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    func testSigtermLetsTheBatchInFlightFinishThenExitsZero() async throws {
        let crash = try Crash()
        defer { crash.cleanUp() }
        let gate = Gate()
        try await CentralFixture.run(beforePushCommit: { try await gate.pass() }) { f in
            try f.issueTickets(300)
            let local = try f.localOpIds().count
            XCTAssertGreaterThan(local, 200, "more than one batch (the fixture's centre takes 200 at a time)")
            let sync = try crash.spawn(["sync", "--store", f.storePath], env: crash.env(f), name: "sync")
            defer { sync.kill9() }
            let held = try await Self.eventually(60) { gate.entered }
            XCTAssertTrue(held, "the first batch never reached the centre: \(sync.log)")
            XCTAssertEqual(kill(sync.pid, SIGTERM), 0)
            // Ordering, not timing: release the batch only once the sync has taken the signal.
            let heard = try await Self.eventually(30) { sync.log.contains("收到停止信号") }
            gate.release()
            XCTAssertTrue(heard, "the sync did not acknowledge SIGTERM: \(sync.log)")
            let status = try await sync.exit(within: 60)
            XCTAssertEqual(status, 0, sync.log)
            XCTAssertTrue(sync.log.contains("同步已停止"), sync.log)

            // The batch in flight was committed and acknowledged; no later batch was sent.
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 200, sync.log)
            XCTAssertEqual(try f.store.syncStatus().pending, local - 200, "the answer moved the cursor before the exit")
            // The next start resends nothing: no duplicate, and the centre holds each op once.
            let resumed = try await f.client().pushAll()
            XCTAssertEqual(resumed.counts[.duplicate] ?? 0, 0, "an operation was sent twice")
            try f.assertCentralEqualsLocal()
        }
    }
}
