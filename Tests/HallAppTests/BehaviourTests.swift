import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

final class BehaviourTests: XCTestCase {
    func testEveryWindowActionIsOneKey() throws {
        let f = try AppFixture()
        try f.issue("A", 4)
        let screen = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(screen, width: 80, height: 24)
        r.feed(.enter)                                        // call next
        XCTAssertEqual(screen.state.snapshot?.current?.number, "A001")
        r.feed(.function(6))                                  // hold
        XCTAssertEqual(screen.state.snapshot?.held.map(\.number), ["A001"])
        r.feed(.function(2))                                  // A002
        r.feed(.function(5))                                  // no-show (default: after 3 others)
        XCTAssertEqual(try f.store.ticket(number: "A002").status, .waiting)
        r.feed(.function(7))                                  // call back A001
        XCTAssertEqual(screen.state.snapshot?.current?.number, "A001")
        r.feed(.function(4))                                  // finish
        r.feed(.character("n"))
        for c in "a4" { r.feed(.character(c)) }
        r.feed(.enter)                                        // call A004 by number
        XCTAssertEqual(screen.state.snapshot?.current?.number, "A004")
        r.feed(.function(4))
        r.feed(.function(9)); r.feed(.character("1"))         // pause: 临时离开
        XCTAssertEqual(screen.state.snapshot?.status, .paused)
        r.feed(.function(2))
        XCTAssertEqual(screen.message, .error("已暂停叫号：请先按 F9 恢复叫号"))
        r.feed(.function(9))
        r.feed(.character("w")); r.feed(.character("2"))      // walk-up for 综合咨询
        XCTAssertEqual(screen.state.snapshot?.current?.isWalkUp, true)
        r.feed(.function(10))                                 // serving: asks what becomes of the ticket
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("退回队列"))
        r.feed(.escape)                                       // Esc closes the dialog, nothing else
        XCTAssertFalse(r.isQuitting)
        XCTAssertEqual(try f.store.windowSnapshot(1).status, .serving)
        r.feed(.function(4))
        r.feed(.function(10)); r.feed(.character("1"))        // 退出登录
        XCTAssertTrue(r.isQuitting)
        XCTAssertEqual(try f.store.windowSnapshot(1).status, .signedOut)
    }

    func testScreensSeeOtherProcessesWritesThroughTheWatcher() throws {
        let f = try AppFixture()
        let watcher = try ChangeWatcher(path: f.store.path)
        _ = watcher.hasChanged()
        let board = f.board()
        let (br, _) = f.runner(board, width: 80, height: 24)
        // Another process (a second store handle on the same file) issues and calls.
        let other = try HallStore(path: f.store.path, clock: f.clock)
        _ = try other.issueTicket(service: "B", by: .system("kiosk"))
        let c = try other.signIn(clerkNumber: "1003", pin: "1234", window: 3, terminal: "t")
        _ = try other.callNext(window: 3, by: Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "t"))
        XCTAssertTrue(watcher.hasChanged())
        br.storeChanged()
        XCTAssertEqual(board.state.calls.first?.ticketNumber, "B001")
        XCTAssertEqual(board.state.calls.first?.windowNumber, 3)
    }

    func testBoardAnnouncesEveryNewCallInOrderWithoutOverlap() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("voice-\(UUID().uuidString).log")
        // Each announcement takes 50 ms and appends start/end marks: overlaps would interleave.
        let clock = f.clock
        let announcer = Announcer(command: "echo \"start {text}\" >> \(log.path); sleep 0.05; echo \"end {text}\" >> \(log.path)",
                                  repeats: 2, now: { clock.now() }, bell: {})
        let (board, _) = f.runner(f.board(announcer: announcer), width: 80, height: 24)   // nothing called yet: nothing said
        let c = try f.console(window: 2, clerk: "1002")
        let (r, _) = f.runner(c, width: 80, height: 24)
        // The board sees each call while it is current (a call already finished is not spoken).
        for key in [2, 4, 2, 3] {
            r.feed(.function(key))
            board.storeChanged()
            announcer.drain()
        }
        XCTAssertEqual(announcer.spoken, ["请 A 零 零 一 号，到 2 号窗口办理", "请 A 零 零 二 号，到 2 号窗口办理", "请 A 零 零 二 号，到 2 号窗口办理"])
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 12, "each call twice")
        for i in stride(from: 0, to: 12, by: 2) {
            XCTAssertTrue(lines[i].hasPrefix("start"), lines.joined(separator: "\n"))
            XCTAssertTrue(lines[i + 1].hasPrefix("end"))
        }
    }

    func testAnnouncerFallsBackToTheBellWhenTheCommandFails() {
        final class Count: @unchecked Sendable { var n = 0; let lock = NSLock() }
        let count = Count()
        let a = Announcer(command: "exit 7", bell: { count.lock.lock(); count.n += 1; count.lock.unlock() })
        a.announce("请 A001 号")
        a.drain()
        XCTAssertEqual(count.n, 1)
    }

    func testReportCSVForADateRange() throws {
        let f = try AppFixture()
        try f.issue("A", 2)
        let c = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(c, width: 80, height: 24)
        r.feed(.function(2)); f.clock.advance(seconds: 120); r.feed(.function(4))
        let csv = try QueueReportCSV.make(store: f.store, fromDay: "2026-03-01", toDay: "2026-03-02")
        XCTAssertTrue(csv.contains("业务,A,社保医保,1,1,0,"), csv)
        XCTAssertTrue(csv.contains("工作人员,1001,李敏,1,1,0,"), csv)
        XCTAssertThrowsError(try QueueReportCSV.make(store: f.store, fromDay: "2026-02-30", toDay: "2026-03-02"))
        XCTAssertThrowsError(try QueueReportCSV.make(store: f.store, fromDay: "2026-03-05", toDay: "2026-03-02"))
        XCTAssertEqual(CSVWriter.row(["=cmd()", "a,b", "say \"hi\""]), "'=cmd(),\"a,b\",\"say \"\"hi\"\"\"")
    }

    func testOverdueCasesAreCountedOnTheDashboardAndTheConsole() throws {
        let f = try AppFixture()
        let c1 = try f.console(window: 1, clerk: "1001")
        let by = Attribution(clerkId: nil, clerkNumber: "1001", terminal: "t")
        let m = CaseMatter(code: "X1", version: 1, name: "居住证申领", promisedWorkingDays: 5)
        let c = try f.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [m], checks: [], by: by)
        _ = try f.store.decide(caseId: c.id, .accept, dueDate: { _, _ in "2026-03-01" }, by: by)   // already past
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (mr, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertTrue(f.frame(mr, width: 80, height: 24).contains("办件：今日到期 0 件，超期 1 件"))
        // The supervisor drills into the cases and back.
        mr.feed(.character("c"))
        let list = try XCTUnwrap(mr.currentScreen as? CaseListScreen)
        XCTAssertEqual(list.state.rows.map(\.caseNumber), [c.caseNumber])
        XCTAssertTrue(f.frame(mr, width: 80, height: 24).contains("已受理"))
        mr.feed(.escape)
        XCTAssertTrue(mr.currentScreen is DashboardScreen)
        let (cr, _) = f.runner(c1, width: 80, height: 24)
        XCTAssertTrue(f.frame(cr, width: 80, height: 24).contains("办件：今日到期0 · 超期1"))
    }

    func testConfigFileParsingNamesTheBadLine() throws {
        let ok = try ConfigFile.parse("# 注释\n[board]\nvoice_command = \"espeak-ng -v cmn {text}\"\n[store]\npath = \"/data/hall.sqlite\" # 本机\n", name: "f")
        XCTAssertEqual(ok["board.voice_command"], "espeak-ng -v cmn {text}")
        XCTAssertEqual(ok["store.path"], "/data/hall.sqlite")
        XCTAssertThrowsError(try ConfigFile.parse("[board]\nvoice_command \"x\"\n", name: "f")) {
            XCTAssertEqual($0.localizedDescription, "配置文件 f 第 2 行第 15 列：应为 键 = 值")
        }
    }
}
