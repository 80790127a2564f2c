import XCTest
import HallCore
@testable import HallStore

/// Issue 12, defect 1: "顺延3位" must defer, across every window that serves the ticket.
final class NoShowDeferralTests: XCTestCase {
    func testDeferredGreenTicketIsNotCalledBeforeThreeOthersOrTheWait() throws {
        let h = try TestHall { $0.noShowRequeue = .afterOthers(3) }
        let w1 = try h.signIn(1), w2 = try h.signIn(2)
        _ = try h.store.issueTicket(service: "A", by: h.desk)                      // A001
        _ = try h.store.issueTicket(service: "A", by: h.desk)                      // A002
        let green = try h.store.issueTicket(service: "A", priority: .greenChannel, by: h.desk).ticket
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, green.number)
        let (deferred, _) = try h.store.markNoShow(window: 1, by: w1)
        XCTAssertEqual(deferred.deferral?.callsLeft, 3)
        XCTAssertEqual(try h.store.windowSnapshot(1).history.first { $0.kind == .noShow }?.detail, "顺延3位",
                       "defect 9: the window log showed the raw after:3")
        XCTAssertEqual(try h.store.queueOverview().first { $0.service.code == "A" }?.nextNumbers, ["A001", "A002", "A003"],
                       "the queue display lists the deferred ticket last (it showed A003 A001 A002)")
        h.clock.advance(seconds: 1)
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, "A001")     // old code: A003 again
        try h.store.finish(window: 1, by: w1)
        XCTAssertThrowsError(try h.store.callNumber(green.number, window: 2, by: w2)) {
            XCTAssertEqual($0 as? StoreError, .ruleRefused("A003 已过号顺延，还要先叫 2 位才能再叫"))
        }
        XCTAssertEqual(try h.store.callNext(window: 2, by: w2).number, "A002")     // window 2 serves A too: it counts
        XCTAssertThrowsError(try h.store.callNext(window: 1, by: w1)) { XCTAssertEqual($0 as? StoreError, .queueEmpty(window: 1)) }
        h.clock.advance(seconds: 179)
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, green.number)
        XCTAssertNil(try h.store.ticket(number: green.number).deferral)
    }

    func testShortQueueDeferralWaitsTheSetTime() throws {
        let h = try TestHall { $0.noShowRequeue = .afterOthers(3); $0.noShowWaitMinutes = 5 }
        let w3 = try h.signIn(3)
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "C", by: h.desk) }
        for _ in 0..<2 { _ = try h.store.callNext(window: 3, by: w3); try h.store.finish(window: 3, by: w3) }
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, "C003")
        try h.store.markNoShow(window: 3, by: w3)
        h.clock.advance(seconds: 1)
        XCTAssertThrowsError(try h.store.callNext(window: 3, by: w3)) { XCTAssertEqual($0 as? StoreError, .queueEmpty(window: 3)) }
        XCTAssertThrowsError(try h.store.callNumber("C003", window: 3, by: w3)) {
            XCTAssertEqual($0 as? StoreError, .ruleRefused("C003 已过号顺延，5 分钟后才能再叫"))
        }
        // A newcomer is called first and counts one place.
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, "C004")
        try h.store.finish(window: 3, by: w3)
        XCTAssertEqual(try h.store.ticket(number: "C003").deferral?.callsLeft, 2)
        h.clock.advance(seconds: 299)
        XCTAssertEqual(try h.store.callNumber("C003", window: 3, by: w3).number, "C003")
    }

    func testBackOfQueueGoesBehindEveryoneWaitingEvenWhenGreen() throws {
        let h = try TestHall { $0.noShowRequeue = .backOfQueue }
        let w1 = try h.signIn(1)
        let green = try h.store.issueTicket(service: "A", priority: .greenChannel, by: h.desk).ticket
        h.clock.advance(seconds: 1)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk); h.clock.advance(seconds: 1) }
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, green.number)
        try h.store.markNoShow(window: 1, by: w1)
        var order: [String] = []
        for _ in 0..<3 { order.append(try h.store.callNext(window: 1, by: w1).number); try h.store.finish(window: 1, by: w1) }
        XCTAssertEqual(order, ["A002", "A003", green.number])
    }

    /// Defect 2's rule (CallRules doc): a later green ticket goes before one sent to the window's front.
    func testGreenBeforeATicketSentToTheFront() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1), w3 = try h.signIn(3)
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        _ = try h.store.callNext(window: 3, by: w3)
        try h.store.transfer(window: 3, to: .window(1), position: .front, note: "优先办理", by: w3)
        h.clock.advance(seconds: 60)
        let green = try h.store.issueTicket(service: "B", priority: .greenChannel, by: h.desk).ticket
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, green.number)
        try h.store.finish(window: 1, by: w1)
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, "C001")
    }
}
