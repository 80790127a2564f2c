import XCTest
@testable import HallCore

/// Issue 12, must-deliver 7 (part): eight deferred no-shows gave 过号数 0 and 过号率 0 %.
final class QueueMetricsTests: XCTestCase {
    func testEveryNoShowCountsWhetherDroppedOrDeferred() {
        let t0 = Date(timeIntervalSince1970: 1000)
        func e(_ k: QueueEventKind, _ s: Double, _ ticket: String, detail: String? = nil) -> QueueEvent {
            QueueEvent(id: UUID().uuidString, kind: k, at: t0 + s, ticketId: ticket, serviceId: "A", windowNumber: 1, clerkId: "c",
                       waitSeconds: k == .called ? 60 : nil, detail: detail)
        }
        let r = QueueMetrics.report(events: [
            e(.called, 10, "t1"), e(.noShow, 20, "t1", detail: "after:3"),
            e(.called, 30, "t2"), e(.finished, 40, "t2"),
            e(.called, 50, "t1"), e(.noShow, 60, "t1", detail: "drop"),
            e(.called, 70, "t3"), e(.noShow, 80, "t3", detail: "back"),
        ], targetWaitSeconds: ["A": 300], until: t0 + 100)
        let a = r.services["A"]!
        XCTAssertEqual(a.noShows, 3)
        XCTAssertEqual(a.noShowsDropped, 1)
        XCTAssertEqual(a.callEvents, 4)
        XCTAssertEqual(a.noShowRate, 0.75)
        XCTAssertEqual(r.windows["1"]!.noShows, 3)
        XCTAssertEqual(r.clerks["c"]!.noShows, 3)
        XCTAssertEqual(a.calls, 3, "wait periods: t2, t1 (its last call) and t3 (still open, counted at the end of the range)")
    }

    /// Must-deliver 7: tickets issued and how each ended, transfers counted against the service
    /// they left, waits and service times with p90 and max, per hour.
    func testTheReportCountsEveryTicketWithPercentilesAndHours() {
        let cal = HallCalendar()
        let t0 = cal.parseLocal("2026-03-02 09:50")!
        func e(_ k: QueueEventKind, _ minutes: Double, _ ticket: String, _ service: String = "A", wait: Double? = nil, detail: String? = nil) -> QueueEvent {
            QueueEvent(id: UUID().uuidString, kind: k, at: t0 + minutes * 60, ticketId: ticket, serviceId: service,
                       windowNumber: k == .issued ? nil : 1, clerkId: k == .issued ? nil : "c", waitSeconds: wait, detail: detail)
        }
        var events = [e(.issued, 0, "g", detail: TicketPriority.greenChannel.label), e(.issued, 1, "n"), e(.issued, 2, "x"),
                      e(.issued, 3, "t"), e(.issued, 4, "h")]
        events += [e(.called, 5, "g", wait: 300), e(.finished, 15, "g"),            // 09:55, 10 minutes of service
                   e(.called, 16, "t", wait: 780), e(.transferred, 18, "t", "B"),   // 10:06: leaves A for B, never called there
                   e(.called, 20, "h", wait: 960), e(.held, 21, "h")]
        // Ten more waits of 60…600 s, for a p90 apart from the mean.
        for i in 1...10 {
            events += [e(.issued, 30, "w\(i)"), e(.called, 30 + Double(i), "w\(i)", wait: Double(i) * 60), e(.finished, 30.5 + Double(i), "w\(i)")]
        }
        let day = QueueMetrics.report(events: events, targetWaitSeconds: ["A": 600], until: t0 + 3 * 3600, calendar: cal)
        let next = QueueMetrics.report(events: events, targetWaitSeconds: ["A": 600], until: cal.parseLocal("2026-03-03 00:00")!, calendar: cal)
        let a = day.services["A"]!, b = day.services["B"]!
        XCTAssertEqual([a.issued, a.greenChannel, a.finished, a.transferredOut, a.heldAtEnd], [15, 1, 11, 1, 1])
        XCTAssertEqual([a.stillWaiting, b.stillWaiting, day.total.abandoned], [2, 1, 0], "n and x wait in A, t in B, while the day lasts")
        XCTAssertEqual([next.services["A"]!.abandoned, next.services["B"]!.abandoned, next.total.stillWaiting], [2, 1, 0],
                       "read after midnight, a ticket never called was abandoned")
        XCTAssertEqual(a.waits.count, 13)
        XCTAssertEqual(a.waits.max, 960)
        XCTAssertEqual(a.waits.p90, 780, "nearest rank: the 12th of 13 waits")
        XCTAssertEqual(a.calls, 13)
        XCTAssertEqual(a.callsWithinTarget, 11)
        XCTAssertEqual(a.serviceTimes.max, 600)
        XCTAssertEqual(day.hours["09"]?.issued, 5)
        XCTAssertEqual(day.hours["10"]?.issued, 10)
        XCTAssertEqual(day.hours["09"]?.finished, 0, "g finished at 10:05")
        XCTAssertEqual(day.hours["09"]?.calls, 1, "g's wait is counted at the hour of its call")
        XCTAssertEqual(day.windows["1"]?.transferredOut, 1)
        XCTAssertEqual(day.total.issued, 15)
    }
}
