import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

final class RatingPadTests: XCTestCase {
    func testPadScreensAtFullAndCompactSizes() throws {
        let f = try AppFixture()
        let pad = f.padScreen()
        for (w, h) in [(80, 24), (40, 12)] {
            let (r, _) = f.runner(pad, width: w, height: h)
            assertGolden(f.frame(r, width: w, height: h), "pad-idle-\(w)x\(h)")
        }
        _ = try f.consoleAfterFinish().1
        f.runner(pad, width: 80, height: 24).0.storeChanged()
        for (w, h) in [(80, 24), (40, 12)] {
            let (r, _) = f.runner(pad, width: w, height: h)
            assertGolden(f.frame(r, width: w, height: h), "pad-invitation-\(w)x\(h)")
        }
        let (r, _) = f.runner(pad, width: 80, height: 24)
        r.feed(.character("5"))
        r.feed(.character("1"))
        r.feed(.character("5"))
        for (w, h) in [(80, 24), (40, 12)] {
            assertGolden(f.frame(r, width: w, height: h), "pad-reasons-\(w)x\(h)")
        }
        // Neither the clerk's name nor their 工号 (half of a staff sign-in) on the public screen.
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("李敏"))
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("1001"))
        r.feed(.function(1))
        assertGolden(f.frame(r, width: 80, height: 24), "pad-help-80x24")
    }

    func testBadRatingWithReasonsTextAndRealName() throws {
        let f = try AppFixture()
        _ = try f.consoleAfterFinish().1
        let pad = f.padScreen()
        let (r, _) = f.runner(pad, width: 80, height: 24)
        r.feed(.down); r.feed(.down); r.feed(.down); r.feed(.down)
        r.feed(.enter)                                    // 非常不满意 by arrows
        r.feed(.enter)                                    // no reason yet: refused
        XCTAssertEqual(pad.state.message?.isError, true)
        r.feed(.character("1")); r.feed(.character("5")); r.feed(.enter)
        f.type(r, "等了很久")
        r.feed(.enter)
        r.feed(.character("1"))                           // 实名
        f.type(r, "张三"); r.feed(.enter)
        f.type(r, "13800138000"); r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("感谢您的评价"), f.frame(r, width: 80, height: 24))
        let boss = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dash")
        let task = try XCTUnwrap(f.store.rectificationTasks(reader: boss).first)
        XCTAssertEqual(task.level, .veryDissatisfied)
        XCTAssertEqual(task.reasons, ["服务态度", "等候时间"])
        XCTAssertEqual(task.text, "等了很久")
        XCTAssertEqual(task.rater?.phone, "13800138000")
        f.clock.advance(seconds: 6)
        r.tick()
        XCTAssertEqual(pad.state.phase, .idle)
    }

    func testTimeoutRecordsNothingAndGoodRatingIsOneKey() throws {
        let f = try AppFixture()
        _ = try f.consoleAfterFinish().1
        let pad = f.padScreen()
        let (r, _) = f.runner(pad, width: 80, height: 24)
        f.clock.advance(seconds: 61)
        r.tick()
        XCTAssertEqual(pad.state.phase, .idle)
        XCTAssertEqual(pad.message?.text, "评价已超时，本次未记录评价")
        r.feed(.character("1"))
        XCTAssertEqual(try f.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02").tally.total, 0)
        // The next service is rated with one key.
        try f.issue("A")
        let console = try f.console(window: 1, clerk: "1001")
        let (c, _) = f.runner(console, width: 80, height: 24)
        c.feed(.function(2)); c.feed(.function(4))
        r.storeChanged()
        r.feed(.character("2"))
        XCTAssertEqual(try f.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02").tally.satisfied, 1)
    }

    func testWindowConsoleHasNoRatingControls() throws {
        let f = try AppFixture()
        let console = try f.consoleAfterFinish().1
        let (r, _) = f.runner(console, width: 80, height: 24)
        let text = f.frame(r, width: 80, height: 24)
        for word in ["满意", "评价"] { XCTAssertFalse(text.contains(word), word) }
        for k in "12345" { r.feed(.character(k)) }
        XCTAssertEqual(try f.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02").tally.total, 0)
        XCTAssertNotNil(try f.store.pendingInvitation(window: 1))
    }

    func testSupervisorClosesTaskFromDashboard() throws {
        let f = try AppFixture()
        _ = try f.consoleAfterFinish().1
        let inv = try XCTUnwrap(f.store.pendingInvitation(window: 1))
        try f.store.rate(window: 1, eventId: inv.id, level: .dissatisfied, reasons: ["办事效率"], realName: RaterIdentity(name: "李四", phone: "13900000000"),
                         by: .system("pad"))
        let boss = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dash")
        let dash = DashboardScreen(store: f.store, clerk: boss, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory, printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("整改未结 1 超期 0"))
        r.feed(.character("R"))
        assertGolden(f.frame(r, width: 80, height: 24), "rectification-list-80x24")
        r.feed(.function(2)); r.feed(.character("1")); f.type(r, "已致歉"); r.feed(.enter)
        r.feed(.function(3)); r.feed(.character("1")); f.type(r, "调整窗口"); r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("待反馈"), f.frame(r, width: 80, height: 24))
        r.feed(.function(5)); f.type(r, "已电话告知"); r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("没有未办结的差评整改任务"), f.frame(r, width: 80, height: 24))
        r.feed(.escape)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("实名差评回访 100%"))
    }
}
