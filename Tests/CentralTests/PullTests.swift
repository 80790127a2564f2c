import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Pull: pages applied with their cursor, a bad page or an expired cursor resets only its bucket.
final class PullTests: XCTestCase {
    func testBucketsArePulledInPagesAndResumed() async throws {
        try await CentralFixture.run { f in
            let hallId = try f.store.syncIdentity().hallId
            try await f.central.buckets.publish(.catalog, (1...7).map {
                .init(entity: "matter", entityId: "M\($0)", payload: #"{"name":"事项\#($0)"}"#) })
            try await f.central.buckets.publish(.hall(hallId), [.init(entity: "appointment", entityId: "AP1", payload: #"{"code":"100009"}"#)])
            try await f.central.buckets.publish(.hall("another-hall"), [.init(entity: "appointment", entityId: "X", payload: "{}")])
            let puller = PullClient(store: f.store, transport: f.transport, token: f.token, pageSize: 3)
            let applied = try await puller.pullAll()
            XCTAssertEqual(applied["catalog"], 7)
            XCTAssertEqual(applied["hall:\(hallId)"], 1, "another hall's bucket never reaches this one")
            XCTAssertEqual(try f.store.referenceData("catalog").count, 7)
            // A later change (and a deletion) arrives alone on the next round.
            try await f.central.buckets.publish(.catalog, [.init(entity: "matter", entityId: "M2", payload: nil)])
            let later = try await puller.pull(.catalog)
            XCTAssertEqual(later, 1)
            XCTAssertNil(try f.store.referenceData("catalog")["matter/M2"])
            XCTAssertEqual(try f.store.referenceData("catalog").count, 6)
        }
    }

    func testExpiredCursorResetsOnlyThatBucketAndKeepsPendingOps() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(2)
            let pending = try f.store.syncStatus().pending
            try await f.central.buckets.publish(.catalog, [.init(entity: "matter", entityId: "M1", payload: "{}")])
            try await f.central.buckets.publish(.calendar, [.init(entity: "year", entityId: "2026", payload: "{}")])
            let puller = PullClient(store: f.store, transport: f.transport, token: f.token)
            try await puller.pullAll()
            try await f.central.buckets.publish(.catalog, [.init(entity: "matter", entityId: "M1", payload: #"{"v":2}"#),
                                                           .init(entity: "matter", entityId: "M2", payload: "{}")])
            let calendarCursor = try f.store.bucketCursor("calendar")
            // The centre compacts its catalog log past this hall's cursor (M1's first version goes).
            try await f.central.buckets.prune(.catalog, through: Int64(try f.count("SELECT MAX(id) FROM bucket_change")))
            let again = try await puller.pull(.catalog)
            XCTAssertEqual(again, 2, "started over from what the centre still has")
            XCTAssertEqual(Set(try f.store.referenceData("catalog").keys), ["matter/M1", "matter/M2"])
            XCTAssertEqual(try f.store.referenceData("catalog")["matter/M1"], #"{"v":2}"#)
            XCTAssertEqual(try f.store.bucketCursor("calendar"), calendarCursor)
            XCTAssertEqual(try f.store.referenceData("calendar").count, 1)
            XCTAssertEqual(try f.store.syncStatus().pending, pending, "pending local operations untouched")
        }
    }

    func testCorruptedPageIsNeverApplied() async throws {
        try await CentralFixture.run { f in
            try await f.central.buckets.publish(.catalog, [.init(entity: "matter", entityId: "M1", payload: #"{"a":1}"#)])
            let bad = PageCorruptingTransport(inner: f.transport, corruptions: 1)
            let puller = PullClient(store: f.store, transport: bad, token: f.token)
            let n = try await puller.pull(.catalog)
            XCTAssertEqual(n, 1)
            XCTAssertEqual(try f.store.referenceData("catalog")["matter/M1"], #"{"a":1}"#)
        }
    }
}

/// Alters a pulled page's content (not its checksum) the first `corruptions` times.
final class PageCorruptingTransport: SyncTransport, @unchecked Sendable {
    let inner: any SyncTransport
    private let lock = NSLock()
    private var corruptions: Int
    init(inner: any SyncTransport, corruptions: Int) { self.inner = inner; self.corruptions = corruptions }

    func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data) {
        let reply = try await inner.send(method: method, path: path, query: query, body: body, token: token)
        let corrupt = lock.withLock { () -> Bool in
            guard path == SyncPaths.pull, corruptions > 0 else { return false }
            corruptions -= 1
            return true
        }
        guard corrupt, var page = try? JSONDecoder().decode(PullPage.self, from: reply.body), !page.changes.isEmpty else { return reply }
        page.changes[0].payload = #"{"a":2}"#
        return (reply.status, try JSONEncoder().encode(page))
    }
}
