import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// 日结 from the dashboard (issue 13, must-deliver 2): F9 asks first and says what it does, the
/// close is the store's `closeDay` (as `yichuang close-day`), then the summary is offered on paper
/// or as a PDF.
final class DashboardCloseDayTests: XCTestCase {
    func state(role: ClerkRole = .supervisor) -> Dashboard.State {
        Dashboard.State(clerk: Clerk(id: "s", number: "8001", name: "王强", role: role), today: "2026-03-02")
    }

    func commands(_ effects: Dashboard.Effects) -> [Dashboard.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func summary() -> DaySummary {
        DaySummary(day: "2026-03-02", closedAt: Date(timeIntervalSince1970: 1_772_450_000), closedBy: "8001", automatic: false,
                   abandoned: 3, heldClosed: 1, servingClosed: 0, windowsSignedOut: 2, services: [], windows: [], clerks: [])
    }

    func testF9AsksThenClosesThenOffersThePrint() {
        var s = state()
        XCTAssertTrue(commands(Dashboard.update(&s, .key(.function(9)))).isEmpty, "F9 only asks")
        XCTAssertTrue(s.isDialogOpen)
        XCTAssertEqual(Dashboard.keyBar(s), [KeyBarItem("Esc", "关闭对话框")])
        XCTAssertTrue(commands(Dashboard.update(&s, .key(.escape))).isEmpty, "Esc closes nothing")
        XCTAssertFalse(s.isDialogOpen)
        XCTAssertEqual(s.message, .info("未日结"))
        _ = Dashboard.update(&s, .key(.function(9)))
        XCTAssertTrue(commands(Dashboard.update(&s, .key(.character("2")))).isEmpty, "2 取消")
        XCTAssertFalse(s.isDialogOpen)

        _ = Dashboard.update(&s, .key(.function(9)))
        XCTAssertEqual(commands(Dashboard.update(&s, .key(.character("1")))), [.closeDay])
        XCTAssertEqual(s.message, .info("正在日结…"))
        XCTAssertTrue(commands(Dashboard.update(&s, .key(.function(9)))).isEmpty, "keys wait while the close runs")
        XCTAssertTrue(commands(Dashboard.update(&s, .key(.escape))).isEmpty)
        XCTAssertTrue(s.isDialogOpen)

        XCTAssertEqual(commands(Dashboard.update(&s, .done(.dayClosed(summary(), printer: "CUPS 打印机 HP（A4）")))), [.load],
                       "the figures are read again")
        XCTAssertEqual(s.message, .info("2026-03-02 已日结：未叫号关闭 3 张，挂起关闭 1 张，办理中关闭 0 张，2 个窗口已退出"))
        XCTAssertEqual(commands(Dashboard.update(&s, .key(.character("2")))), [.printDaySummary(day: "2026-03-02", to: .pdf)])
        XCTAssertFalse(s.isDialogOpen)
        _ = Dashboard.update(&s, .done(.summaryPrinted("已写出日结汇总表 /r/day-summary-2026-03-02.pdf")))
        XCTAssertEqual(s.message, .info("已写出日结汇总表 /r/day-summary-2026-03-02.pdf"))

        // Another close, refused by the store: told as it is, the dialog gone.
        _ = Dashboard.update(&s, .key(.function(9)))
        XCTAssertEqual(commands(Dashboard.update(&s, .key(.enter))), [.closeDay], "Enter takes 确定日结, the first line")
        _ = Dashboard.update(&s, .done(.dayCloseFailed("2026-03-02 已日结")))
        XCTAssertEqual(s.message, .error("未能日结：2026-03-02 已日结"))
        XCTAssertFalse(s.isDialogOpen)

        var printer = state()
        _ = Dashboard.update(&printer, .done(.dayClosed(summary(), printer: "CUPS 打印机 HP（A4）")))
        XCTAssertEqual(commands(Dashboard.update(&printer, .key(.character("1")))), [.printDaySummary(day: "2026-03-02", to: .printer)])
        _ = Dashboard.update(&printer, .done(.dayClosed(summary(), printer: "x")))
        XCTAssertTrue(commands(Dashboard.update(&printer, .key(.escape))).isEmpty, "Esc: no print")
        XCTAssertTrue(printer.message?.text.contains("yichuang close-day --day 2026-03-02 --pdf") == true)
    }

    func testOnlyASupervisorOrAdminMayCloseTheDay() {
        for role in [ClerkRole.clerk, .guide] {
            var s = state(role: role)
            XCTAssertTrue(Dashboard.update(&s, .key(.function(9))).isEmpty)
            XCTAssertFalse(s.isDialogOpen, "\(role)")
            XCTAssertEqual(s.message, .error("日结需要大厅管理或系统管理员"))
            XCTAssertFalse(Dashboard.keyBar(s).contains(KeyBarItem("F9", "日结")))
        }
        for role in [ClerkRole.supervisor, .admin] {
            var s = state(role: role)
            XCTAssertTrue(Dashboard.keyBar(s).contains(KeyBarItem("F9", "日结")), "\(role)")
            _ = Dashboard.update(&s, .key(.function(9)))
            XCTAssertTrue(s.isDialogOpen, "\(role)")
        }
    }

    /// In the runner over a real store: the question is readable at 80×24, 确定 closes the day as
    /// `yichuang close-day` does (waiting and held tickets closed, windows signed out, the summary
    /// stored), and "存为 PDF" writes an A4 summary that pdftotext reads back.
    func testTheSupervisorClosesTheDayFromTheDashboardAndKeepsItsSummaryAsPDF() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        let li = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by = Attribution(clerkId: li.id, clerkNumber: li.number, terminal: "tty1")
        _ = try f.store.callNext(window: 1, by: by)
        _ = try f.store.hold(window: 1, note: nil, by: by)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-reports-\(UUID().uuidString)")
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: folder, printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("F9日结"))
        r.feed(.function(9))
        let question = f.frame(r, width: 80, height: 24)
        for line in ["日结：结束今日（2026-03-02）", "未叫号的号按放弃关闭，挂起的号一并关闭", "所有窗口退出登录", "1. 确定日结", "2. 取消"] {
            XCTAssertTrue(question.contains(line), "\(line)\n\(question)")
        }
        assertGolden(question, "dashboard-close-day-80x24")
        XCTAssertNil(try f.store.daySummary("2026-03-02"), "nothing is done before 确定")
        r.feed(.character("1"))
        let offer = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(offer.contains("2026-03-02 已日结：未叫号关闭 2 张，挂起关闭 1 张"), offer)
        XCTAssertTrue(offer.contains("2. 存为 PDF 文件"), offer)
        XCTAssertEqual(try f.store.ticket(number: "A001").status, .cancelled)
        XCTAssertEqual(try f.store.ticket(number: "A003").status, .cancelled)
        XCTAssertEqual(try f.store.windowSnapshot(1).status, .signedOut)
        XCTAssertEqual(try f.store.daySummary("2026-03-02")?.closedBy, "8001")

        r.feed(.character("2"))
        let pdf = folder.appendingPathComponent("day-summary-2026-03-02.pdf")
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("已写出日结汇总表"))
        let text = try run("/usr/bin/pdftotext", [pdf.path, "-"]).filter { !$0.isWhitespace }
        XCTAssertTrue(text.contains("日结汇总表"), text)
        XCTAssertTrue(text.contains("2026-03-02"), text)

        // A second 日结 the same day is refused by the store, in Chinese, on the screen.
        r.feed(.function(9)); r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("未能日结：2026-03-02 已日结"))
    }

    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
