import Foundation
import HallCore
import TerminalUI
import XCTest
@testable import HallApp

/// The centre screens as models: no centre, no network; fetches are commands, answers events.
final class CentralModelTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_772_413_200)
    let overview = CentralOverviewData(today: "2026-03-02", staleAfterSeconds: 600, halls: FakeCentral.halls)

    func fetches(_ effects: [ModelEffect<CentralOverview.Command, CentralOverview.Destination>]) -> Int {
        effects.filter { if case .run(.fetch) = $0 { return true }; return false }.count
    }

    /// One fetch at a time: F5 or a tick while one runs asks for one more after it, never a second at once.
    func testOneFetchAtATimeAndTheRefreshEvery5Seconds() {
        var s = CentralOverview.State(now: t0, calendar: HallCalendar())
        XCTAssertEqual(fetches(CentralOverview.update(&s, .started)), 1)
        XCTAssertEqual(fetches(CentralOverview.update(&s, .key(.function(5)))), 0)
        XCTAssertEqual(fetches(CentralOverview.update(&s, .tick(t0 + 6))), 0)
        XCTAssertEqual(s.message, .info("正在刷新…"))
        XCTAssertEqual(fetches(CentralOverview.update(&s, .done(.fetched(.figures(overview), at: t0 + 7)))), 1, "the one asked for meanwhile")
        XCTAssertNil(s.message)
        _ = CentralOverview.update(&s, .done(.fetched(.figures(overview), at: t0 + 7)))
        XCTAssertEqual(fetches(CentralOverview.update(&s, .tick(t0 + 8))), 0)
        XCTAssertEqual(fetches(CentralOverview.update(&s, .tick(t0 + 12))), 1, "5 s after the last request")
    }

    func testAFailureKeepsTheFiguresAndTheSelectionFollowsItsHall() {
        var s = CentralOverview.State(now: t0, calendar: HallCalendar())
        _ = CentralOverview.update(&s, .started)
        _ = CentralOverview.update(&s, .done(.fetched(.figures(overview), at: t0)))
        for c in "3" { _ = CentralOverview.update(&s, .key(.character(c))) }
        XCTAssertEqual(s.selected, 2)
        _ = CentralOverview.update(&s, .key(.function(5)))
        _ = CentralOverview.update(&s, .done(.fetched(.failed("中心不可达"), at: t0 + 180)))
        XCTAssertEqual(s.figures.failure, "中心不可达")
        XCTAssertEqual(s.figures.fetchedAt, t0)
        XCTAssertEqual(s.figures.elapsed, 180)
        // The list shifts (a hall added in front): the same hall stays selected.
        var more = overview
        more.halls.insert(CentralHallRow(hallId: "h-new", name: "新区政务服务中心"), at: 0)
        _ = CentralOverview.update(&s, .key(.function(5)))
        _ = CentralOverview.update(&s, .done(.fetched(.figures(more), at: t0 + 181)))
        XCTAssertNil(s.figures.failure)
        XCTAssertEqual(s.selected, 3)
        guard case .open(.hall(id: "h-dongba", name: "东坝村便民服务站"))? = CentralOverview.update(&s, .key(.enter)).first else {
            return XCTFail("Enter drills into the selected hall")
        }
    }

    func testEscNeverLeavesTheOverviewAndGoesBackFromAHall() {
        var s = CentralOverview.State(now: t0, calendar: HallCalendar())
        XCTAssertTrue(CentralOverview.update(&s, .key(.escape)).isEmpty)
        guard case .confirmQuit? = CentralOverview.update(&s, .key(.function(10))).first else { return XCTFail("F10 asks") }
        XCTAssertTrue(CentralOverview.update(&s, .key(.enter)).isEmpty)
        XCTAssertEqual(s.message, .error("还没有大厅数据"))
        var h = CentralHall.State(hallId: "h-dongba", name: "东坝村便民服务站", now: t0, calendar: HallCalendar())
        guard case .run(.fetch(hallId: "h-dongba"))? = CentralHall.update(&h, .started).first else { return XCTFail() }
        guard case .close(nil)? = CentralHall.update(&h, .key(.escape)).first else { return XCTFail("Esc goes back") }
    }

    func testKeyBarsAndHelpAgree() {
        var s = CentralOverview.State(now: t0, calendar: HallCalendar())
        _ = CentralOverview.update(&s, .done(.fetched(.figures(overview), at: t0)))
        let h = CentralHall.State(hallId: "h", name: "h", now: t0, calendar: HallCalendar())
        for (bar, help) in [(CentralOverview.keyBar(s), CentralOverview.help(s)), (CentralHall.keyBar(h), CentralHall.help(h))] {
            for item in bar where item.key != "F1" {
                XCTAssertTrue(help.contains { $0.hasPrefix("\(item.key) \(item.label)：") }, "\(item.key) \(item.label)")
            }
        }
    }
}
