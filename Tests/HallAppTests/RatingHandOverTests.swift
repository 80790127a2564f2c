import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// One-screen station hand-over (P on the window console), the staff PIN to close a standalone
/// pad, and the province default applied from the screens' periodic tick.
final class RatingHandOverTests: XCTestCase {
    func ratings(_ f: AppFixture) throws -> Int { try f.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02").tally.total }

    func testHandOverRatesOnTheSameScreenAndGivesItBack() throws {
        let f = try AppFixture()
        let r = try f.consoleAfterFinish().0
        let console = f.frame(r, width: 80, height: 24)
        assertGolden(console, "window-console-handover-80x24")
        for word in ["满意", "评价"] { XCTAssertFalse(console.contains(word), word) }   // nothing that picks or hints a level
        r.feed(.character("p"))
        let pad = try XCTUnwrap(r.currentScreen as? ModelScreen<RatingPad>)
        let padFrame = f.frame(r, width: 80, height: 24)
        assertGolden(padFrame, "pad-handover-80x24")
        XCTAssertFalse(padFrame.contains("李敏"))
        r.feed(.function(10))                               // the console's sign-out key does nothing here
        XCTAssertTrue(r.currentScreen === pad)
        r.feed(.character("2"))                             // the applicant: 满意
        XCTAssertEqual(try ratings(f), 1)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("感谢您的评价"))
        f.clock.advance(seconds: 6)
        r.tick()                                            // the loop's tick ends the thanks and gives the screen back
        let back = r.currentScreen
        XCTAssertTrue(back is ModelScreen<WindowConsole>, "the pad should give the screen back")
        XCTAssertEqual(back.message?.text, "群众已完成评价，屏幕已交还")
        XCTAssertFalse(back.keyBar.contains { $0.key == "P" }, "rated: nothing more to hand over")
    }

    func testEscOrTimeoutGivesTheScreenBackWithoutARating() throws {
        let f = try AppFixture()
        let r = try f.consoleAfterFinish().0
        r.feed(.character("P"))
        XCTAssertTrue(r.currentScreen is ModelScreen<RatingPad>)
        r.feed(.escape)                                     // declined: nothing recorded
        XCTAssertTrue(r.currentScreen is ModelScreen<WindowConsole>)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("未记录评价"))
        XCTAssertEqual(try ratings(f), 0)
        // Handed over again, then nobody answers in time.
        r.feed(.character("P"))
        let pad = try XCTUnwrap(r.currentScreen as? ModelScreen<RatingPad>)
        r.feed(.character("4"))                             // 不满意: the reasons list, still unanswered
        f.clock.advance(seconds: 61)
        XCTAssertTrue(r.currentScreen === pad)
        r.tick()
        let back = r.currentScreen
        XCTAssertTrue(back is ModelScreen<WindowConsole>, "timeout should give the screen back")
        XCTAssertEqual(back.message?.text, "评价已超时，本次未记录评价")
        XCTAssertEqual(try ratings(f), 0)
        // Nothing pending any more: P explains instead of handing over.
        r.feed(.escape)
        let console = try f.console(window: 1, clerk: "1001")
        let (c, _) = f.runner(console, width: 80, height: 24)
        c.feed(.character("p"))
        XCTAssertTrue(c.currentScreen is ModelScreen<WindowConsole>)
        XCTAssertEqual(console.message?.isError, true)
    }

    func testTheNextApplicantIsNotAskedToRateThePreviousService() throws {
        let f = try AppFixture()
        let r = try f.consoleAfterFinish().0
        try f.issue("A")
        r.feed(.function(2))                                // serving the next applicant
        r.feed(.character("p"))
        XCTAssertTrue(r.currentScreen is ModelScreen<WindowConsole>)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("没有可交给本位群众评价的服务"))
    }

    func testStandalonePadClosesOnlyWithAStaffPin() throws {
        let f = try AppFixture()
        let pad = f.padScreen()
        let (r, _) = f.runner(pad, width: 40, height: 12)
        r.feed(.function(10))
        XCTAssertFalse(r.isQuitting)
        assertGolden(f.frame(r, width: 40, height: 12), "pad-exit-pin-40x12")
        r.feed(.escape)                                     // an applicant backs out: the pad stays
        XCTAssertNil(pad.state.exit)
        func attempt(_ clerk: String, _ pin: String) {
            r.feed(.function(10)); f.type(r, clerk); r.feed(.enter); f.type(r, pin); r.feed(.enter)
        }
        attempt("1001", "9999")
        XCTAssertFalse(r.isQuitting)
        XCTAssertTrue(pad.message?.text.contains("密码错误") == true, pad.message?.text ?? "")
        attempt("2001", "2222")                             // 导服 is not enough
        XCTAssertFalse(r.isQuitting)
        XCTAssertTrue(pad.message?.text.contains("不能关闭评价器") == true, pad.message?.text ?? "")
        attempt("1001", "1234")
        XCTAssertTrue(r.isQuitting, "a clerk's PIN closes the pad")
    }

    func testConsoleTickAppliesTheProvinceDefault() throws {
        let f = try AppFixture()
        let r = try f.consoleAfterFinish().0
        var p = try f.store.ratingPolicy()
        p.defaultLevel = .fairlySatisfied
        let admin = try f.store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "t")   // rules are the admin's (issue 13)
        try f.store.updateRatingPolicy(p, by: Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "t"))
        r.tick()
        XCTAssertEqual(try ratings(f), 0, "inside the 7 days")
        f.clock.advance(seconds: 7 * 86_400 + 1)
        r.tick()
        let all = try f.store.ratingSummary(fromDay: "2026-03-01", toDay: "2026-03-31")
        XCTAssertEqual(all.tally.total, 1)
        XCTAssertEqual(all.defaults.total, 1)
        // A standalone pad applies it too (here: nothing left to do).
        let defaults = DefaultRatingSchedule(store: f.store, terminal: "pad")
        _ = f.runner(f.padScreen(defaults: defaults), width: 80, height: 24)
        XCTAssertNotNil(defaults.lastRun, "the pad's first load ran the schedule")
        XCTAssertEqual(defaults.lastRecorded, 0)
    }
}
