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
}
