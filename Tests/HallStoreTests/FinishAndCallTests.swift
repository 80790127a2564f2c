import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// 办结并叫号 (`finishAndCallNext`): the finish and the next call in one transaction.
final class FinishAndCallTests: XCTestCase {
    func events(_ h: TestHall) throws -> [String] {
        try h.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, ticket_number FROM queue_event WHERE ticket_number IS NOT NULL ORDER BY seq")
                .map { "\($0["kind"] as String) \($0["ticket_number"] as String)" }
        }
    }

    func testBothAreStoredAndLoggedWithTheRatingInvitation() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk); h.clock.advance(seconds: 1) }
        _ = try h.store.callNext(window: 1, by: w1)
        h.clock.advance(seconds: 60)
        let outboxBefore = try h.count("SELECT COUNT(*) FROM outbox"), auditBefore = try h.count("SELECT COUNT(*) FROM audit_entry")

        let r = try h.store.finishAndCallNext(window: 1, by: w1)

        XCTAssertEqual(r.finished?.number, "A001")
        XCTAssertEqual(r.called?.number, "A002")
        XCTAssertEqual(try h.store.ticket(number: "A001").status, .finished)
        XCTAssertEqual(try h.store.ticket(number: "A002").status, .serving)
        XCTAssertEqual(try h.store.windowSnapshot(1).current?.number, "A002")
        XCTAssertEqual(try events(h), ["issued A001", "issued A002", "called A001", "finished A001", "called A002"])
        // Each fact keeps its own outbox operation and audit entry: finished, rating invited, called.
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox") - outboxBefore, 3)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry") - auditBefore, 3)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation WHERE ticket_number = 'A001'"), 1)
    }

    /// One transaction: when the call fails after the finish was written, the finish is undone
    /// too, so no crash or error can leave the applicant finished with nobody called (or the
    /// reverse). The call fails here on a trigger that refuses to serve A002, standing in for a
    /// disk error or a kill between the two writes.
    func testAFailedCallUndoesTheFinish() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk); h.clock.advance(seconds: 1) }
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER test_call_fails BEFORE UPDATE OF status ON ticket WHEN NEW.status = 'serving' AND NEW.number = 'A002'
                BEGIN SELECT RAISE(ABORT, 'test: the call fails'); END
                """)
        }
        let eventsBefore = try events(h), outboxBefore = try h.count("SELECT COUNT(*) FROM outbox")

        XCTAssertThrowsError(try h.store.finishAndCallNext(window: 1, by: w1))

        XCTAssertEqual(try h.store.ticket(number: "A001").status, .serving)
        XCTAssertEqual(try h.store.ticket(number: "A002").status, .waiting)
        XCTAssertEqual(try h.store.windowSnapshot(1).current?.number, "A001")
        XCTAssertEqual(try events(h), eventsBefore)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox"), outboxBefore)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation"), 0)
    }

    func testAnEmptyQueueKeepsTheFinishAndAnIdleWindowJustCalls() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        _ = try h.store.issueTicket(service: "A", by: h.desk)

        let first = try h.store.finishAndCallNext(window: 1, by: w1)   // nobody being served: a plain call
        XCTAssertNil(first.finished)
        XCTAssertEqual(first.called?.number, "A001")

        let last = try h.store.finishAndCallNext(window: 1, by: w1)    // nobody left: the finish stands
        XCTAssertEqual(last.finished?.number, "A001")
        XCTAssertNil(last.called)
        XCTAssertEqual(try h.store.ticket(number: "A001").status, .finished)
        XCTAssertNil(try h.store.windowSnapshot(1).current)

        XCTAssertThrowsError(try h.store.finishAndCallNext(window: 1, by: w1)) {
            XCTAssertEqual($0 as? StoreError, .queueEmpty(window: 1))
        }
    }

    /// A paused window takes no call, so 办结并叫号 is refused whole (the clerk finishes with F4).
    func testAPausedWindowIsRefusedBeforeAnythingChanges() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.setPaused(true, window: 1, reason: "午休", by: w1)

        XCTAssertThrowsError(try h.store.finishAndCallNext(window: 1, by: w1)) { XCTAssertEqual($0 as? StoreError, .windowPaused(1)) }
        XCTAssertEqual(try h.store.ticket(number: "A001").status, .serving)

        let w2 = try h.signIn(2)   // another clerk cannot finish window 1's ticket this way either
        XCTAssertThrowsError(try h.store.finishAndCallNext(window: 1, by: w2))
    }
}
