import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// 日结 (issue 13, must-deliver 2): no ticket is left waiting, held tickets are resolved, every
/// window is signed out, the figures are stored; an unclosed day is closed by the next day's
/// first action with the same result.
final class DayCloseTests: XCTestCase {
    /// A001 finished at window 1, A002 held there, A003 and B001 never called, window 2 idle.
    func busyDay() throws -> TestHall {
        let h = try TestHall()
        for s in ["A", "A", "A", "B"] { _ = try h.store.issueTicket(service: s, by: h.desk) }
        let w1 = try h.signIn(1)
        _ = try h.store.callNext(window: 1, by: w1)
        h.clock.advance(seconds: 300)
        try h.store.finish(window: 1, by: w1)
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.hold(window: 1, by: w1)
        _ = try h.signIn(2)
        h.clock.advance(seconds: 8 * 3600)                                  // 17:05
        return h
    }

    func statuses(_ h: TestHall) throws -> [String: String] {
        try h.store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT number, status FROM ticket WHERE service_day = '2026-03-02'")
                .map { ($0["number"] as String, $0["status"] as String) })
        }
    }

    func testCloseOfDayLeavesNothingOpenAndStoresTheFigures() throws {
        let h = try busyDay()
        XCTAssertThrowsError(try h.store.closeDay(by: try h.staff("1002", pin: "1234"))) {
            XCTAssertEqual($0 as? AdminError, .notPermitted(.closeDay, role: .clerk))
        }
        let s = try h.store.closeDay(by: try h.supervisor)
        XCTAssertEqual(try statuses(h), ["A001": "finished", "A002": "cancelled", "A003": "cancelled", "B001": "cancelled"])
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket WHERE status IN ('waiting', 'held', 'serving')"), 0, "never left waiting")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM window_state WHERE status != 'signedOut'"), 0)
        XCTAssertEqual([s.abandoned, s.heldClosed, s.servingClosed, s.windowsSignedOut], [2, 1, 0, 2])
        XCTAssertFalse(s.automatic)
        XCTAssertEqual(s.closedBy, "8001")
        let a = try XCTUnwrap(s.services.first { $0.code == "A" })
        XCTAssertEqual([a.issued, a.calls, a.finished, a.abandoned], [3, 2, 1, 1])
        XCTAssertEqual(s.clerks.map(\.key), ["1001", "1002"])
        XCTAssertEqual(try h.store.daySummary("2026-03-02"), s, "stored and read back whole")
        // The day's report, read the same evening, counts the closed-off tickets as abandoned too
        // (it said "still waiting" until midnight).
        let evening = try h.store.report(fromDay: "2026-03-02", toDay: "2026-03-02").report.total
        XCTAssertEqual([evening.abandoned, evening.stillWaiting], [2, 0])
        XCTAssertTrue(s.csvRows.rows.contains { $0.prefix(3) == ["业务", "A", "社保医保"] })
        XCTAssertThrowsError(try h.store.closeDay(by: try h.supervisor)) { XCTAssertTrue($0.localizedDescription.contains("已日结")) }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'admin.day.close'"), 1)
        XCTAssertTrue(try h.store.ledgerChecks().allSatisfy(\.passed))
        XCTAssertTrue(try h.store.verify().audit.isIntact)

        h.clock.advance(seconds: 16 * 3600)                                 // the next morning
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A001", "numbering starts afresh")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM day_close"), 1, "a closed day is not closed again")
    }

    func testCloseOfDayIsRefusedWhileAWindowServes() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let w1 = try h.signIn(1)
        _ = try h.store.callNext(window: 1, by: w1)
        XCTAssertThrowsError(try h.store.closeDay(by: try h.supervisor)) {
            XCTAssertEqual($0.localizedDescription, "1 号窗口正在办理 A001：请先办结，或强制退出该窗口后再日结")
        }
    }

    func testADayNotClosedIsClosedByTheNextDaysFirstActionWithTheSameResult() throws {
        let byHand = try busyDay()
        let manual = try byHand.store.closeDay(by: try byHand.supervisor)

        let h = try busyDay()
        h.clock.advance(seconds: 16 * 3600)                                 // 09:05 the next day, nobody closed
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A001")
        let auto = try XCTUnwrap(h.store.daySummary("2026-03-02"))
        XCTAssertTrue(auto.automatic)
        XCTAssertNil(auto.closedBy)
        XCTAssertEqual(try statuses(h), try statuses(byHand))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM window_state WHERE status != 'signedOut'"), 0)
        XCTAssertEqual([auto.abandoned, auto.heldClosed, auto.servingClosed, auto.windowsSignedOut],
                       [manual.abandoned, manual.heldClosed, manual.servingClosed, manual.windowsSignedOut])
        XCTAssertEqual(auto.services.map { [$0.issued, $0.calls, $0.finished, $0.noShows, $0.abandoned] },
                       manual.services.map { [$0.issued, $0.calls, $0.finished, $0.noShows, $0.abandoned] })
        XCTAssertEqual(auto.clerks.map(\.key), manual.clerks.map(\.key))
        XCTAssertTrue(try h.store.ledgerChecks().allSatisfy(\.passed))
    }

    func testAHallThatKeepsItsQueueOvernightIsNotClosedBehindItsBack() throws {
        let h = try TestHall { $0.keepQueueOvernight = true }
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        h.clock.advance(seconds: 86_400)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket WHERE status = 'waiting'"), 2)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM day_close"), 0)
    }
}
