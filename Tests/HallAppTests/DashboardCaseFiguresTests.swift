import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 14, must-deliver 7 and 3: the reform figures were in `yichuang report --reform` and the
/// store, and the dashboard showed none; 容缺 cases past their deadline were tracked on the case
/// and nowhere a supervisor or clerk looks. G opens the 办件指标 page of the dashboard; the main
/// page and the window console count the overdue 容缺 commitments.
final class DashboardCaseFiguresTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_772_413_200)

    func state() -> Dashboard.State {
        Dashboard.State(clerk: Clerk(id: "s", number: "8001", name: "王强", role: .supervisor), today: "2026-03-02")
    }

    func data(figures: Dashboard.CaseFigures? = nil) -> Dashboard.Data {
        Dashboard.Data(snapshot: DashboardSnapshot(queues: [], metrics: [:], windows: [], alerts: [], at: now), deadlines: (0, 0),
                       ratings: RatingSummary(tally: SatisfactionTally(), openTasks: 0, overdueTasks: 0, realNameBad: 0, calledBack: 0),
                       today: "2026-03-02", figures: figures)
    }

    func commands(_ effects: Dashboard.Effects) -> [Dashboard.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func testGOpensTheFiguresPageWhichLoadsItsFiguresAndEscGoesBack() {
        var s = state()
        XCTAssertEqual(commands(Dashboard.update(&s, .started)), [.load], "the queue page does not read the figures")
        _ = Dashboard.update(&s, .done(.loaded(data())))
        XCTAssertEqual(commands(Dashboard.update(&s, .key(.character("g")))), [.loadFigures])
        XCTAssertEqual(s.page, .cases)
        XCTAssertNil(s.figures)
        let figures = Dashboard.CaseFigures(today: ReformFigures.measure([]), overdueCommitments: [])
        _ = Dashboard.update(&s, .done(.loaded(data(figures: figures))))
        XCTAssertNotNil(s.figures)
        XCTAssertEqual(commands(Dashboard.update(&s, .tick(now))), [.applyDefaults, .loadFigures], "every second while shown")
        _ = Dashboard.update(&s, .done(.loaded(data())))
        XCTAssertNotNil(s.figures, "a load begun on the other page keeps the figures shown")
        XCTAssertTrue(Dashboard.update(&s, .key(.character("G"))).isEmpty)
        XCTAssertEqual(s.message, .error("已在办件指标页：按 Esc 返回"))
        XCTAssertTrue(Dashboard.update(&s, .key(.escape)).isEmpty)
        XCTAssertEqual(s.page, .queues)
        XCTAssertEqual(commands(Dashboard.update(&s, .tick(now))), [.applyDefaults, .load])
        _ = Dashboard.update(&s, .key(.escape))
        XCTAssertEqual(s.page, .queues)
        XCTAssertEqual(s.message, .info("这是大厅监控的首页：退出请按 F10"), "Esc on the first page still leaves nothing")
        XCTAssertTrue(Dashboard.help(s).contains { $0.contains("一次办结率（最多跑一次）：只到窗口1次即受理的办件") }, "the help says how")
        XCTAssertTrue(Dashboard.help(s).contains { $0.contains("逾期天数按自然日计") })
    }

    /// A case accepted under 容缺 on Monday owes a material due Tuesday; on Thursday two cases
    /// are taken in: one told once and accepted at its second visit, one 即办件 done at once with
    /// a material exempted by an electronic licence.
    func testTheFiguresPageShowsTodaysFiguresAndTheOverdueCommitments() throws {
        let f = try AppFixture()
        let by = Attribution(clerkId: nil, clerkNumber: "1001", terminal: "tty1")
        func check(_ name: String, tolerable: Bool = false, licence: String? = nil) -> MaterialCheck {
            MaterialCheck(matterCode: "JZZ01", materialName: name, requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                          isTolerable: tolerable, electronicLicence: licence)
        }
        let residence = [CaseMatter(code: "JZZ01", version: 1, name: "居住证登记", promisedWorkingDays: 5)]
        let card = [CaseMatter(code: "SBK01", version: 1, name: "社会保障卡申领", promisedWorkingDays: nil)]
        let owing = try f.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: residence,
                                         checks: [check("居住地住址证明", tolerable: true)], by: by)
        try f.store.saveField(caseId: owing.id, key: "applicant.name", value: "张三丰", by: by)
        try f.store.setMaterial(caseId: owing.id, index: 0, state: .toleratedWithCommitment, by: by)
        _ = try f.store.decide(caseId: owing.id, .accept, dueDate: { _, _ in "2026-03-03" }, by: by)

        f.clock.advance(seconds: 3 * 86_400)    // Thursday 2026-03-05
        let twice = try f.store.openCase(window: 2, ticketId: nil, bundleCode: nil, matters: residence,
                                         checks: [check("居住地住址证明")], by: by)
        try f.store.setMaterial(caseId: twice.id, index: 0, state: .missing, by: by)
        _ = try f.store.decide(caseId: twice.id, .requestCorrection, dueDate: { _, _ in "2026-03-12" }, by: by)
        _ = try f.store.resumeCase(caseId: twice.id, by: by)
        try f.store.setMaterial(caseId: twice.id, index: 0, state: .received(originals: 1, copies: 0), by: by)
        _ = try f.store.decide(caseId: twice.id, .accept, dueDate: { _, _ in "2026-03-12" }, by: by)
        let once = try f.store.openCase(window: 2, ticketId: nil, bundleCode: nil, matters: card,
                                        checks: [check("申请人居民身份证", licence: "居民身份证电子证照")], by: by)
        try f.store.setMaterial(caseId: once.id, index: 0, state: .exemptElectronicLicence("居民身份证电子证照"), by: by)
        _ = try f.store.decide(caseId: once.id, .accept, dueDate: { _, _ in "2026-03-12" }, by: by)

        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("容缺承诺：今日到期 0 件，逾期未补 1 件"), f.frame(r, width: 80, height: 24))
        r.feed(.character("g"))
        let page = f.frame(r, width: 80, height: 24)
        for expected in ["今日（2026-03-05）开始受理的办件 2 件，已受理 2 件", "跑动次数：1.50 次/件", "一次办结率（最多跑一次）：50.0%",
                         "即办件占比：50.0%", "免提交率（电子证照）：50.0%", "容缺受理：0 件", "全部在办：超期 1 件",
                         "容缺承诺：逾期未补 1 件", owing.caseNumber, "居住证登记", "张**", "2天", "居住地住址证明"] {
            XCTAssertTrue(page.contains(expected), "\(expected) missing from\n\(page)")
        }
        XCTAssertFalse(page.contains("张三丰"), "the applicant is masked")
        assertGolden(page, "dashboard-figures-80x24")
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("F1帮助"))
        r.feed(.escape)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("业务       等候"), "Esc is back on the queues")

        // The material handed in: the case leaves the list and the count.
        _ = try f.store.fulfilCommitment(caseId: owing.id, index: 0, by: by)
        r.feed(.character("g"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("没有逾期未补的容缺承诺"), f.frame(r, width: 80, height: 24))

    }

    func testTheWindowConsoleCountsItsOwnOverdueCommitments() throws {
        let f = try AppFixture()
        let by = Attribution(clerkId: nil, clerkNumber: "1001", terminal: "tty1")
        let line = MaterialCheck(matterCode: "JZZ01", materialName: "居住地住址证明", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                                 isTolerable: true, electronicLicence: nil)
        let c = try f.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                     matters: [CaseMatter(code: "JZZ01", version: 1, name: "居住证登记", promisedWorkingDays: 5)], checks: [line], by: by)
        try f.store.setMaterial(caseId: c.id, index: 0, state: .toleratedWithCommitment, by: by)
        _ = try f.store.decide(caseId: c.id, .accept, dueDate: { _, _ in "2026-03-03" }, by: by)
        f.clock.advance(seconds: 3 * 86_400)
        XCTAssertEqual(try f.store.commitmentDeadlines(today: "2026-03-05", window: 1).overdue, 1)
        XCTAssertEqual(try f.store.commitmentDeadlines(today: "2026-03-05", window: 2).overdue, 0)
        let (r1, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        XCTAssertTrue(f.frame(r1, width: 80, height: 24).contains("本窗口容缺逾期未补 1 件"), f.frame(r1, width: 80, height: 24))
        let (r2, _) = f.runner(try f.console(window: 2, clerk: "1002"), width: 80, height: 24)
        XCTAssertFalse(f.frame(r2, width: 80, height: 24).contains("容缺"), "another window's case is not this clerk's")
    }
}
