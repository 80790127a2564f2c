import XCTest
import HallCore
@testable import HallStore

final class CallOrderTests: XCTestCase {
    func testGreenChannelThenAppointmentsThenFirstComeFirstServed() throws {
        let h = try TestHall()
        let w3 = try h.signIn(3)
        let c1 = try h.store.issueTicket(service: "C", by: h.desk)
        h.clock.advance(seconds: 60)
        let c2 = try h.store.issueTicket(service: "C", by: h.desk)
        h.clock.advance(seconds: 60)
        let appt = try h.store.checkInAppointment(code: "100001", by: h.desk)   // slot 10:00, not begun
        XCTAssertEqual(appt.ticket.priority, .appointment)
        h.clock.advance(seconds: 60)
        let green = try h.store.issueTicket(service: "C", priority: .greenChannel, by: h.desk)
        XCTAssertEqual(green.peopleAhead, 0)

        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, green.ticket.number)
        try h.store.finish(window: 3, by: w3)
        // The appointment's slot has not begun: it waits its turn behind earlier tickets.
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, c1.ticket.number)
        try h.store.finish(window: 3, by: w3)
        h.clock.set(TestHall.start + 3600)   // 10:00, the slot begins
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, appt.ticket.number)
        try h.store.finish(window: 3, by: w3)
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, c2.ticket.number)
        try h.store.finish(window: 3, by: w3)
        XCTAssertThrowsError(try h.store.callNext(window: 3, by: w3)) { XCTAssertEqual($0 as? StoreError, .queueEmpty(window: 3)) }
    }

    func testEachWindowFollowsItsOwnServiceOrder() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1), w2 = try h.signIn(2)
        let b = try h.store.issueTicket(service: "B", by: h.desk)
        h.clock.advance(seconds: 10)
        let a = try h.store.issueTicket(service: "a", by: h.desk)
        XCTAssertEqual(a.ticket.number, "A001")
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, a.ticket.number)   // window 1 serves A before B
        XCTAssertEqual(try h.store.callNext(window: 2, by: w2).number, b.ticket.number)
    }

    func testTwoWindowsNeverGetTheSameTicket() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1), w2 = try h.signIn(2)
        for _ in 0..<10 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        var seen = Set<String>()
        for i in 0..<10 {
            let (w, by) = i % 2 == 0 ? (1, w1) : (2, w2)
            let t = try h.store.callNext(window: w, by: by)
            XCTAssertTrue(seen.insert(t.id).inserted)
            try h.store.finish(window: w, by: by)
        }
        XCTAssertEqual(seen.count, 10)
    }

    func testCallGivenNumberAcceptsWhatClerksType() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        for _ in 0..<5 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        XCTAssertEqual(try h.store.callNumber("ａ4", window: 1, by: w1).number, "A004")
        XCTAssertThrowsError(try h.store.callNumber("A4", window: 1, by: w1))   // already serving
        try h.store.finish(window: 1, by: w1)
        XCTAssertThrowsError(try h.store.callNumber("A4", window: 1, by: w1)) {
            XCTAssertEqual($0 as? StoreError, .ticketNotWaiting(number: "A004", status: "已办结"))
        }
        XCTAssertThrowsError(try h.store.callNumber("\u{1b}[2J", window: 1, by: w1))
        XCTAssertThrowsError(try h.store.callNumber("A999", window: 1, by: w1)) { XCTAssertEqual($0 as? StoreError, .noSuchTicket("A999")) }
    }

    func testNumberingRestartsEachDayUnlessOvernight() throws {
        let h = try TestHall()
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A001")
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A002")
        h.clock.advance(seconds: 86_400)
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A001")
        // Yesterday's waiting ticket is not called today.
        let w1 = try h.signIn(1)
        let t = try h.store.callNext(window: 1, by: w1)
        XCTAssertEqual(t.serviceDay, "2026-03-03")

        let o = try TestHall { $0.keepQueueOvernight = true }
        _ = try o.store.issueTicket(service: "A", by: o.desk)
        o.clock.advance(seconds: 86_400)
        XCTAssertEqual(try o.store.issueTicket(service: "A", by: o.desk).ticket.number, "A002")
        let ow = try o.signIn(1)
        XCTAssertEqual(try o.store.callNext(window: 1, by: ow).number, "A001")   // kept overnight
    }

    func testQueueFullIsRefusedWithAClearMessage() throws {
        let h = try TestHall()
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "B", by: h.desk) }
        XCTAssertThrowsError(try h.store.issueTicket(service: "B", by: h.desk)) { error in
            XCTAssertEqual(error as? StoreError, .queueFull(service: "户籍证件", max: 3))
            XCTAssertTrue(error.localizedDescription.contains("排队已满"))
        }
        XCTAssertThrowsError(try h.store.issueTicket(service: "Z", by: h.desk)) { XCTAssertEqual($0 as? StoreError, .noSuchService("Z")) }
    }
}
