import Foundation
import HallCore
import TerminalUI
import XCTest
@testable import HallApp

/// The centre's all-halls dashboard and its drill-down, rendered at 80×24 and 120×40 from a
/// fixed source, plus the offline state (the last figures kept, their time said).
final class CentralDashboardTests: XCTestCase {
    let sizes = [(80, 24), (120, 40)]
    let clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))   // 2026-03-02 09:00 Beijing time
    let calendar = HallCalendar()

    func testOverviewDrillDownAndBack() throws {
        let source = FakeCentral()
        let screen = Interfaces.centralOverview(source: source, clock: clock, calendar: calendar)
        let r = runner(screen, width: 80, height: 24)
        for (w, h) in sizes { assertGolden(frame(r, w, h), "central-overview-\(w)x\(h)") }

        // The hall's number then Enter drills in.
        r.feed(.character("3"))
        XCTAssertEqual(screen.state.selected, 2)
        r.feed(.enter)
        let hall = try XCTUnwrap(r.currentScreen as? ModelScreen<CentralHall>)
        XCTAssertEqual(hall.state.hallId, "h-dongba")
        for (w, h) in sizes { assertGolden(frame(r, w, h), "central-hall-\(w)x\(h)") }

        // Esc returns to the same list, the same hall still selected.
        r.feed(.escape)
        XCTAssertTrue(r.currentScreen === screen)
        XCTAssertEqual(screen.state.selected, 2)
        r.feed(.down)
        XCTAssertEqual(screen.state.selected, 3)
        r.feed(.function(1))
        assertGolden(frame(r, 80, 24), "central-overview-help-80x24")
    }

    /// Issue 15, must-deliver 3 (the screen side): each hall's reform figures over 30 days beside
    /// its waits, service level and satisfaction, and (issue 16) an audit alert where there is one.
    func testReformFiguresAndAuditAlertsShowPerHall() throws {
        let source = FakeCentral()
        let screen = Interfaces.centralOverview(source: source, clock: clock, calendar: calendar)
        let r = runner(screen, width: 80, height: 24)
        var text = frame(r, 80, 24)
        XCTAssertTrue(text.contains("示范区政务中心：近30天 一次办结率80% · 跑动1.30次/件 · 即办件45% · 超期0件"), text)
        XCTAssertTrue(text.contains("失联4个 · 审计告警1条"), text)
        r.feed(.character("3"))
        text = frame(r, 80, 24)
        XCTAssertTrue(text.contains("东坝村便民站：⚠ 审计告警1条，请核查节点"), text)
        r.feed(.enter)
        text = frame(r, 80, 24)
        XCTAssertTrue(text.contains("近30天办件9件 受理8件 · 一次办结率50% · 跑动1.75次/件 · 即办件25% · 超期2件"), text)
        XCTAssertTrue(text.contains("⚠ 审计告警1条：节点审计日志与中心锚定的末条不符（截断、改写或无法核对）"), text)
    }

    func testCentreUnreachableKeepsTheLastFiguresAndSaysWhen() {
        let source = FakeCentral()
        let screen = Interfaces.centralOverview(source: source, clock: clock, calendar: calendar)
        let r = runner(screen, width: 80, height: 24)
        source.failing = true
        clock.advance(seconds: 180)
        r.feed(.function(5))
        let text = frame(r, 80, 24)
        XCTAssertTrue(text.contains("中心不可达"), text)
        XCTAssertTrue(text.contains("显示的是 09:00 的数据"), text)
        XCTAssertTrue(text.contains("东坝村便民站"), text)
        assertGolden(text, "central-offline-80x24")
        // Back on line: the next refresh clears the notice.
        source.failing = false
        r.feed(.function(5))
        XCTAssertFalse(frame(r, 80, 24).contains("中心不可达"))
    }

    func testNeverReachedShowsWhyInsteadOfAnEmptyScreen() {
        let source = FakeCentral()
        source.failing = true
        let screen = Interfaces.centralOverview(source: source, clock: clock, calendar: calendar)
        let r = runner(screen, width: 80, height: 24)
        XCTAssertTrue(frame(r, 80, 24).contains("⚠ 中心不可达：无法建立连接。暂无数据"))
        r.feed(.enter)   // nothing to drill into: a message, no crash
        XCTAssertTrue(r.currentScreen === screen)
        XCTAssertEqual(screen.message?.isError, true)
    }

    func testLastContactWording() {
        XCTAssertEqual(CentralText.ago(nil), "从未联系")
        XCTAssertEqual(CentralText.ago(20), "刚刚")
        XCTAssertEqual(CentralText.ago(180), "3 分钟前")
        XCTAssertEqual(CentralText.ago(5 * 3600 + 10), "5 小时前")
        XCTAssertEqual(CentralText.ago(2 * 86_400 + 5), "2 天前")
        XCTAssertEqual(CentralText.contact(2 * 86_400, staleAfter: 600), "⚠2 天前")
        XCTAssertEqual(CentralText.contact(30, staleAfter: 600), "刚刚")
        XCTAssertEqual(CentralText.shortName("河西街道便民服务中心"), "河西街道便民中心")
        XCTAssertEqual(CentralText.shortName("东坝村便民服务站"), "东坝村便民站")
        XCTAssertEqual(CentralText.shortName("示范区政务服务中心"), "示范区政务中心")
    }

    // MARK: helpers

    func runner(_ screen: Screen, width: Int, height: Int) -> AppRunner {
        let r = AppRunner(backend: TextBackend(width: width, height: height), screen: screen, watcher: nil,
                          hallName: "中心监控", clock: clock, calendar: calendar, inline: true)
        return r
    }

    func frame(_ r: AppRunner, _ width: Int, _ height: Int) -> String {
        var buffer = ScreenBuffer(width: width, height: height)
        r.render(into: &buffer)
        return buffer.text
    }
}

/// A centre with seven halls: busy, quiet, a station silent for 25 minutes, one offline for two
/// days, one never synced.
final class FakeCentral: CentralDashboardSource, @unchecked Sendable {
    private let lock = NSLock()
    private var _failing = false
    var failing: Bool {
        get { lock.withLock { _failing } }
        set { lock.withLock { _failing = newValue } }
    }
    struct Unreachable: LocalizedError { var errorDescription: String? { "中心不可达：无法建立连接" } }

    static let halls: [CentralHallRow] = {
        var halls = rows
        // 近30天: 示范区 120 cases, 100 accepted, 130 visits, 80 at one visit, 45 immediate, 0 overdue.
        halls[0].reform30Days = CentralReformFigures(cases: 120, accepted: 100, visits: 130, oneVisit: 80, immediate: 45, overdue: 0)
        // 东坝村: few cases, two overdue, and its node's audit chain failed the centre's anchor once.
        halls[2].reform30Days = CentralReformFigures(cases: 9, accepted: 8, visits: 14, oneVisit: 4, immediate: 2, overdue: 2)
        halls[2].auditAlerts = 1
        return halls
    }()

    static let rows = [
        CentralHallRow(hallId: "h-shifan", name: "示范区政务服务中心", waiting: 23, longestWaitSeconds: 1_520, callsToday: 140,
                       serviceLevel: 0.86, finishedToday: 131, ratingsToday: 97, satisfactionToday: 0.979, ratings30Days: 2_410,
                       satisfaction30Days: 0.991, overdueCases: 0, casesDueToday: 4, openRectifications: 1, lastContactAgeSeconds: 4),
        CentralHallRow(hallId: "h-chengguan", name: "城关镇便民服务中心", waiting: 5, longestWaitSeconds: 610, callsToday: 38,
                       serviceLevel: 0.97, finishedToday: 36, ratingsToday: 20, satisfactionToday: 1, ratings30Days: 511,
                       satisfaction30Days: 0.996, lastContactAgeSeconds: 65),
        CentralHallRow(hallId: "h-dongba", name: "东坝村便民服务站", waiting: 2, longestWaitSeconds: 3_900, callsToday: 6,
                       serviceLevel: 0.5, finishedToday: 5, ratingsToday: 3, satisfactionToday: 0.667, ratings30Days: 48,
                       satisfaction30Days: 0.958, overdueCases: 2, casesDueToday: 1, openRectifications: 2, overdueRectifications: 1,
                       lastContactAgeSeconds: 1_500),
        CentralHallRow(hallId: "h-gaoxin", name: "高新区政务服务中心", waiting: 0, callsToday: 77, serviceLevel: 1,
                       finishedToday: 77, ratingsToday: 51, satisfactionToday: 0.98, ratings30Days: 1_322, satisfaction30Days: 0.985,
                       lastContactAgeSeconds: 190),
        CentralHallRow(hallId: "h-hexi", name: "河西街道便民服务中心", lastContactAgeSeconds: nil),
        // Offline for two days: nothing of today has arrived, the open items are from before.
        CentralHallRow(hallId: "h-xiling", name: "西岭村便民服务站", ratings30Days: 12, satisfaction30Days: 0.917,
                       overdueCases: 1, openRectifications: 1, lastContactAgeSeconds: 2 * 86_400 + 3_600),
        CentralHallRow(hallId: "h-nanshan", name: "南山乡便民服务中心", waiting: 0, callsToday: 9,
                       serviceLevel: 1, finishedToday: 8, ratingsToday: 0, ratings30Days: 57, satisfaction30Days: 1,
                       overdueCases: 1, lastContactAgeSeconds: 3 * 3600 + 100),
    ]

    func overview() async throws -> CentralOverviewData {
        if failing { throw Unreachable() }
        return CentralOverviewData(today: "2026-03-02", staleAfterSeconds: 600, halls: Self.halls)
    }

    func hall(_ hallId: String) async throws -> CentralHallData {
        if failing { throw Unreachable() }
        let h = Self.halls.first { $0.hallId == hallId }!
        return CentralHallData(today: "2026-03-02", staleAfterSeconds: 600, hall: h, services: [
            CentralServiceRow(name: "社保医保", waiting: 1, longestWaitSeconds: 3_900, callsToday: 4, serviceLevel: 0.5,
                              finishedToday: 3, targetWaitMinutes: 20, targetReported: true),
            CentralServiceRow(name: "B类业务", waiting: 1, longestWaitSeconds: 300, callsToday: 2, serviceLevel: 0.5,
                              finishedToday: 2, targetWaitMinutes: 20, targetReported: false),
        ], windows: [
            CentralWindowRow(number: 1, status: .serving, currentTicket: "A007", callsToday: 4, finishedToday: 3,
                             ratingsToday: 2, satisfactionToday: 0.5, lastEventAgeSeconds: 1_600),
            CentralWindowRow(number: 2, status: .paused, currentTicket: nil, callsToday: 2, finishedToday: 2,
                             ratingsToday: 1, satisfactionToday: 1, lastEventAgeSeconds: 1_900),
            CentralWindowRow(number: 3, status: .signedOut, currentTicket: nil, callsToday: 0, finishedToday: 0,
                             ratingsToday: 0, satisfactionToday: nil, lastEventAgeSeconds: nil),
        ])
    }
}
