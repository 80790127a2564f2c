import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

final class ScreenGoldenTests: XCTestCase {
    let sizes = [(80, 24), (120, 40)]

    func testSignIn() throws {
        let f = try AppFixture()
        for (w, h) in sizes {
            let screen = SignInScreen(store: f.store, purpose: .window(nil), terminal: "t", defaultWindow: 3) { _, _ in fatalError() }
            let (r, _) = f.runner(screen, width: w, height: h)
            for c in "1001" { r.feed(.character(c)) }
            r.feed(.enter)
            for c in "0000" { r.feed(.character(c)) }
            r.feed(.enter)    // wrong PIN
            assertGolden(f.frame(r, width: w, height: h), "signin-wrong-pin-\(w)x\(h)")
        }
    }

    func testWindowConsoleServingWithHistory() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        try f.issue("B", 2)
        try f.issue("A", green: true)
        let screen = try f.console(window: 2, clerk: "1002")
        let (r, _) = f.runner(screen, width: 120, height: 40)
        r.feed(.function(2))                    // green channel first
        f.clock.advance(seconds: 200)
        r.feed(.function(4))
        r.feed(.function(2))
        f.clock.advance(seconds: 95)
        r.feed(.function(3))                    // recall
        for (w, h) in sizes {
            r.tick()                            // waits move on with the clock
            assertGolden(f.frame(r, width: w, height: h), "window-console-\(w)x\(h)")
        }
        // Help overlay on F1, closed by any key.
        r.feed(.function(1))
        assertGolden(f.frame(r, width: 80, height: 24), "window-console-help-80x24")
        r.feed(.character("x"))
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("按任意键关闭帮助"))
    }

    func testTransferDialogFlowWithChineseNote() throws {
        let f = try AppFixture()
        try f.issue("A", 2)
        let screen = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(screen, width: 80, height: 24)
        r.feed(.function(2))
        r.feed(.function(8))
        assertGolden(f.frame(r, width: 80, height: 24), "transfer-choice-80x24")
        r.feed(.character("2"))                 // to a window
        assertGolden(f.frame(r, width: 80, height: 24), "transfer-window-80x24")
        r.feed(.character("5"))                 // a window is picked by its own number: window 5
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("5号综合窗口无人登录"), "nobody is signed in there: warned")
        r.feed(.character("2"))                 // still to window 5
        r.feed(.character("1"))                 // front
        for c in "需补办营业执照\u{1b}[31m" { r.feed(.character(c)) }
        assertGolden(f.frame(r, width: 80, height: 24), "transfer-note-80x24")
        r.feed(.enter)
        let t = try f.store.ticket(number: "A001")
        XCTAssertEqual(t.targetWindowNumber, 5)
        XCTAssertEqual(t.status, .waiting)
        XCTAssertEqual(t.note, "需补办营业执照␛[31m")
        XCTAssertEqual(screen.message?.isError, false)
    }

    func testTicketDeskBoardAndDashboard() throws {
        let f = try AppFixture()
        try f.issue("A", 4)
        try f.issue("C", 2)
        let guide = try f.store.signIn(clerkNumber: "2001", pin: "2222", window: nil, terminal: "desk")
        let desk = TicketDeskScreen(store: f.store, clerk: guide, terminal: "desk", calendar: f.calendar, printDesk: f.printDesk)
        let (dr, _) = f.runner(desk, width: 80, height: 24)
        dr.feed(.character("g"))
        dr.feed(.character("1"))
        for (w, h) in sizes { assertGolden(f.frame(dr, width: w, height: h), "desk-\(w)x\(h)") }
        XCTAssertEqual(try f.store.ticket(number: "A005").priority, .greenChannel)

        let c1 = try f.console(window: 1, clerk: "1001")
        let (r1, _) = f.runner(c1, width: 80, height: 24)
        r1.feed(.function(2))
        f.clock.advance(seconds: 60)
        let c4 = try f.console(window: 4, clerk: "1004")
        let (r4, _) = f.runner(c4, width: 80, height: 24)
        r4.feed(.function(2))
        f.clock.advance(seconds: 1500)          // long waits trigger the alert

        let (br, _) = f.runner(f.board(), width: 80, height: 24)
        for (w, h) in sizes { assertGolden(f.frame(br, width: w, height: h), "board-\(w)x\(h)") }

        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (mr, _) = f.runner(dash, width: 80, height: 24)
        for (w, h) in sizes { assertGolden(f.frame(mr, width: w, height: h), "dashboard-\(w)x\(h)") }
        XCTAssertTrue(f.frame(mr, width: 80, height: 24).contains("建议增开"))
    }

    func testTooSmallTerminal() throws {
        let f = try AppFixture()
        let (r, _) = f.runner(f.board(), width: 60, height: 20)
        let text = f.frame(r, width: 60, height: 20)
        XCTAssertTrue(text.contains("80×24"), text)
        XCTAssertTrue(text.contains("60×20"), text)
    }
}
