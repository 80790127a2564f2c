import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 13: the call board hangs in the hall like a rating pad; wrong PINs typed at its exit
/// must not lock a staff account. The old board checked them through the sign-in, so five
/// wrong PINs at the board locked the supervisor out of every screen for five minutes.
final class BoardExitTests: XCTestCase {
    func attempt(_ f: AppFixture, _ r: AppRunner, _ clerk: String, _ pin: String) {
        r.feed(.function(10)); f.type(r, clerk); r.feed(.enter); f.type(r, pin); r.feed(.enter)
    }

    func testWrongPinsAtTheBoardNeverLockTheAccount() throws {
        let f = try AppFixture()
        let board = f.board()
        let (r, _) = f.runner(board, width: 80, height: 24)
        for _ in 0..<5 {
            attempt(f, r, "8001", "0000")
            XCTAssertFalse(r.isQuitting)
            f.clock.advance(seconds: 61)
            r.tick()
        }
        XCTAssertEqual(board.state.message?.text, "工号或密码错误")
        XCTAssertNoThrow(try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dash"),
                         "the supervisor can still sign in elsewhere")
        attempt(f, r, "8001", "8888")
        XCTAssertTrue(r.isQuitting, "and close the board")
    }

    func testTheBoardSlowsDownAfterRepeatedWrongPins() throws {
        let f = try AppFixture()
        let board = f.board()
        let (r, _) = f.runner(board, width: 80, height: 24)
        for _ in 0..<3 { attempt(f, r, "1001", "0000") }
        r.feed(.function(10))
        XCTAssertEqual(board.state.message?.text, "工号或密码错误次数过多，请 15 秒后再试")
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("工号："))
        f.clock.advance(seconds: 15)
        r.tick()
        attempt(f, r, "1001", "1234")
        XCTAssertTrue(r.isQuitting)
    }
}
