import CentralServer
import Foundation
import GRDB
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Failures on the pull path: writers committing out of order, and a page that fails mid-apply.
final class PullFailureTests: XCTestCase {
    /// Two publishers commit concurrently while a hall pulls in small pages. Ids come from a
    /// sequence, so without BucketLog's table lock a later id could commit first and the puller's
    /// cursor would pass the earlier one for good. The hall must end with every change.
    func testConcurrentPublishersAndARacingPullerLoseNothing() async throws {
        try await CentralFixture.run { f in
            let puller = PullClient(store: f.store, transport: f.transport, token: f.token, pageSize: 3)
            let log = f.central.buckets
            let running = Running(2)
            async let a: Void = Self.publish(log, "A", running)
            async let b: Void = Self.publish(log, "B", running)
            var rounds = 0
            while running.count > 0 {
                _ = try await puller.pull(.catalog)
                rounds += 1
            }
            _ = try await (a, b)
            _ = try await puller.pull(.catalog)
            let expected = Set(["A", "B"].flatMap { p in (0..<30).flatMap { i in (0..<2).map { "matter/\(p)-\(i)-\($0)" } } })
            XCTAssertEqual(Set(try f.store.referenceData("catalog").keys), expected)
            print("puller made \(rounds) rounds while the publishers ran")
        }
    }

    private static func publish(_ log: BucketLog, _ name: String, _ running: Running) async throws {
        for i in 0..<30 {
            try await log.publish(.catalog, (0..<2).map { .init(entity: "matter", entityId: "\(name)-\(i)-\($0)", payload: #"{"i":\#(i)}"#) })
        }
        running.finished()
    }

    /// The store write fails in the middle of a page: the old cursor stays and none of the page
    /// remains; the next pull completes.
    func testPageFailingMidApplyLeavesOldCursorAndNoneOfThePage() async throws {
        try await CentralFixture.run { f in
            let log = f.central.buckets
            try await log.publish(.catalog, (1...4).map { .init(entity: "matter", entityId: "M\($0)", payload: "{}") })
            let puller = PullClient(store: f.store, transport: f.transport, token: f.token, pageSize: 4)
            _ = try await puller.pull(.catalog)
            let before = try f.store.bucketCursor("catalog")
            try await log.publish(.catalog, (5...12).map { .init(entity: "matter", entityId: "M\($0)", payload: #"{"v":\#($0)}"#) })
            // The disk "fails" on the third row of the second new page (M9, M10 written before it).
            try await f.store.pool.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER fail_mid_page BEFORE INSERT ON sync_reference WHEN NEW.entity_id = 'M11'
                    BEGIN SELECT RAISE(ABORT, 'disk failure (injected)'); END
                    """)
            }
            do { _ = try await puller.pull(.catalog); XCTFail("the page must fail") } catch {}
            let afterFirstPage = try f.store.bucketCursor("catalog")
            XCTAssertGreaterThan(afterFirstPage, before, "the page before the failing one was applied")
            let data = try f.store.referenceData("catalog")
            XCTAssertEqual(Set(data.keys), Set((1...8).map { "matter/M\($0)" }), "none of the failed page remains")
            try await f.store.pool.write { try $0.execute(sql: "DROP TRIGGER fail_mid_page") }
            let n = try await puller.pull(.catalog)
            XCTAssertEqual(n, 4)
            XCTAssertEqual(try f.store.referenceData("catalog").count, 12)
            XCTAssertEqual(try f.store.referenceData("catalog")["matter/M12"], #"{"v":12}"#)
            XCTAssertEqual(try f.store.bucketCursor("catalog"), Int64(try f.count("SELECT MAX(id) FROM bucket_change")))
        }
    }
}

/// How many publishers are still at work.
final class Running: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(_ n: Int) { left = n }
    var count: Int { lock.withLock { left } }
    func finished() { lock.withLock { left -= 1 } }
}
