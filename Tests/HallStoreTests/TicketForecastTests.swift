import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Issue 12, must-deliver 8 and defect 7: the ticket's people ahead follow the real call order, and
/// its estimated wait the day's own service times.
final class TicketForecastTests: XCTestCase {
    /// Defect 7: an appointment checked in within its slot said "前面还有 2 人" while it was next.
    func testAnAppointmentInItsSlotIsNextAndSaysSo() throws {
        let h = try TestHall()
        let w3 = try h.signIn(3)
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        h.clock.set(TestHall.start + 3600 + 300)   // 10:05: the demo booking's slot (10:00–10:30) has begun
        let appt = try h.store.checkInAppointment(code: "100001", by: h.desk)
        XCTAssertEqual(appt.peopleAhead, 0)
        let doc = try h.store.ticketDocument(appt).allText.joined(separator: "\n")
        XCTAssertTrue(doc.contains("您前面还有 0 人等候"), doc)
        XCTAssertTrue(doc.contains("预约时段 10:00 起"), doc)
        // A normal ticket issued now has the appointment and both earlier tickets ahead.
        let later = try h.store.issueTicket(service: "C", by: h.desk)
        XCTAssertEqual(later.peopleAhead, 3)
        XCTAssertEqual(try h.store.callNext(window: 3, by: w3).number, appt.ticket.number, "the forecast said next: it is")
    }

    /// A green ticket, a transfer to a window and the windows' own orders are counted as they are called.
    func testPeopleAheadFollowTheWindowsThatServeTheTicket() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        _ = try h.signIn(2)
        let a1 = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.issueTicket(service: "B", by: h.desk)
        let green = try h.store.issueTicket(service: "A", priority: .greenChannel, by: h.desk)
        XCTAssertEqual(green.peopleAhead, 0, "green goes first at both windows")
        // B001 is window 2's first; window 1 calls green then A001, so a new A ticket has
        // green, A001 and B001 ahead (window 2 serves A after B).
        let a3 = try h.store.issueTicket(service: "A", by: h.desk)
        XCTAssertEqual(a3.peopleAhead, 3)
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, green.ticket.number)
        // Window 1 is busy with green; idle window 2 calls B001 first, then A001 is next anywhere.
        XCTAssertEqual(try h.store.forecast(ticketId: a1.ticket.id).peopleAhead, 1)
    }

    /// The estimate plays the calls forward with the day's average service time per service.
    func testEstimatedWaitFromTheDaysServiceTimes() throws {
        let h = try TestHall()
        let w3 = try h.signIn(3)
        let first = try h.store.issueTicket(service: "C", by: h.desk)
        XCTAssertNil(first.estimatedWaitSeconds, "no service time yet today: no estimate")
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "C", by: h.desk) }
        for _ in 0..<2 {                              // C001 and C002 served, 4 minutes each
            _ = try h.store.callNext(window: 3, by: w3)
            h.clock.advance(seconds: 240)
            try h.store.finish(window: 3, by: w3)
        }
        // C003 and C004 wait; window 3 is idle. A new ticket: two ahead, 2 × 4 minutes.
        let next = try h.store.issueTicket(service: "C", by: h.desk)
        XCTAssertEqual(next.peopleAhead, 2)
        XCTAssertEqual(next.estimatedWaitSeconds, 480)
        _ = try h.store.callNext(window: 3, by: w3)
        h.clock.advance(seconds: 60)                  // C003 at the window for a minute: 3 minutes left
        XCTAssertEqual(try h.store.forecast(ticketId: next.ticket.id), TicketForecast(peopleAhead: 1, estimatedWaitSeconds: 180 + 240))
        let doc = try h.store.ticketDocument(ticketId: next.ticket.id).allText.joined(separator: "\n")
        XCTAssertTrue(doc.contains("预计等候约 7 分钟"), doc)
        try h.store.setPaused(true, window: 3, by: w3)
        XCTAssertEqual(try h.store.forecast(ticketId: next.ticket.id), TicketForecast(peopleAhead: 1, estimatedWaitSeconds: nil),
                       "no open window serves it: the count stays, the time is not guessed")
    }

    /// Issuing stays cheap with a long line: past `QueueForecast.simulationLimit` waiting, the
    /// store counts the people ahead in SQL instead of reading every waiting ticket and the day's
    /// events for each ticket issued (a 2,000-ticket line issued one by one was quadratic). The
    /// count is QueueForecast's own for the same line: green first, the serving windows' lines and
    /// the tickets sent to them.
    func testALongLineIsCountedInSQLAsTheForecastWouldCountIt() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        _ = try h.signIn(3)
        for i in 0..<44 {
            _ = try h.store.issueTicket(service: i % 2 == 0 ? "A" : "C", priority: i % 9 == 4 ? .greenChannel : .normal, by: h.desk)
        }
        let sent = try h.store.callNext(window: 1, by: w1)
        _ = try h.store.transfer(window: 1, to: .window(3), position: .back, note: nil, by: w1)
        XCTAssertEqual(try h.store.ticket(number: sent.number).targetWindowNumber, 3)
        let waiting = try h.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT t.*, t.rowid AS rid FROM ticket t WHERE status = 'waiting'").map(QueueEntry.init(row:))
        }
        XCTAssertGreaterThan(waiting.count, QueueForecast.simulationLimit)
        let windows = try h.store.pool.read { db in try Fetch.windows(db) }.map { WindowLoad(window: $0, isOpen: true) }
        var statements: [String] = []
        for entry in waiting {
            let expected = QueueForecast.forecast(for: entry.ticket, waiting: waiting, windows: windows, serviceSeconds: [:], now: h.clock.now())
            let got = try h.store.pool.read { db in
                db.trace { statements.append("\($0)") }
                defer { db.trace(options: [], nil) }
                return try h.store.forecast(db, ticket: entry.ticket, hall: HallInfo.load(db, path: h.store.path), now: h.clock.now())
            }
            XCTAssertEqual(got.peopleAhead, expected.peopleAhead, "\(entry.ticket.number)")
            XCTAssertNil(got.estimatedWaitSeconds)
        }
        XCTAssertFalse(statements.contains { $0.contains("queue_event") }, "the day's events are not read for a long line")
        XCTAssertFalse(statements.contains { $0.contains("SELECT t.*") }, "the line is not read ticket by ticket")
    }
}
