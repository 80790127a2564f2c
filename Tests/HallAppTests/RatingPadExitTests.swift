import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 13: wrong PINs typed at a rating pad's exit must not lock staff accounts; the pad slows
/// itself down instead.
final class RatingPadExitTests: XCTestCase {
    func attempt(_ f: AppFixture, _ r: AppRunner, _ clerk: String, _ pin: String) {
        r.feed(.function(10)); f.type(r, clerk); r.feed(.enter); f.type(r, pin); r.feed(.enter)
    }

    /// The old pad checked the PIN through the sign-in, so the fifth wrong PIN at the public pad
    /// locked the supervisor out of every screen for five minutes.
    func testWrongPinsAtThePadNeverLockTheAccount() throws {
        let f = try AppFixture()
        let (r, pad) = f.pad(window: 1)
        // Five wrong PINs (the hall locks an account after five) within the five minutes a lock
        // lasts, each after the pad's own delay has passed.
        for _ in 0..<5 {
            attempt(f, r, "8001", "0000")
            XCTAssertFalse(r.isQuitting)
            f.clock.advance(seconds: 61)
            r.tick()
        }
        XCTAssertNoThrow(try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dash"),
                         "the supervisor can still sign in elsewhere")
        XCTAssertEqual(pad.message?.text, "工号或密码错误")
        attempt(f, r, "8001", "8888")
        XCTAssertTrue(r.isQuitting, "and close the pad")
    }

    /// Two mistakes are free; the third closes the exit for 15 s, the fourth for 30 s.
    func testThePadSlowsDownAfterRepeatedWrongPins() throws {
        let f = try AppFixture()
        let (r, pad) = f.pad(window: 1)
        attempt(f, r, "1001", "0000")
        attempt(f, r, "1001", "0000")
        attempt(f, r, "1001", "0000")
        r.feed(.function(10))                               // closed for 15 s: no 工号 prompt
        XCTAssertEqual(pad.message?.text, "工号或密码错误次数过多，请 15 秒后再试")
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("工号："))
        f.clock.advance(seconds: 15)
        r.tick()
        attempt(f, r, "1001", "0000")
        f.clock.advance(seconds: 29)
        r.tick()
        r.feed(.function(10))
        XCTAssertEqual(pad.message?.text, "工号或密码错误次数过多，请 1 秒后再试")
        f.clock.advance(seconds: 1)
        r.tick()
        attempt(f, r, "1001", "1234")
        XCTAssertTrue(r.isQuitting)
    }

    /// An unknown 工号 reads the same as a wrong PIN: the pad tells the public nothing about who works here.
    func testUnknownNumberAndWrongPinLookAlike() throws {
        let f = try AppFixture()
        let (r, pad) = f.pad(window: 1)
        attempt(f, r, "7777", "1234")
        XCTAssertEqual(pad.message?.text, "工号或密码错误")
    }

    func testThrottleDelaysGrowToFiveMinutes() {
        var t = ExitThrottle()
        let now = Date(timeIntervalSince1970: 0)
        var delays: [Int] = []
        for _ in 0..<8 {
            t.failed(at: now)
            delays.append(t.closedUntil.map { Int($0.timeIntervalSince(now)) } ?? 0)
        }
        XCTAssertEqual(delays, [0, 0, 15, 30, 60, 120, 240, 300])
        t.succeeded()
        XCTAssertNil(t.refusal(at: now))
    }
}

/// Issue 18, defect 6: marks a Chinese font draws wider than their cell (“ ” ✓) ran into their
/// neighbours on the pad (`您选择了“不满意”` lost its quote in alacritty; `[✓]` ran into its
/// bracket). The pad writes 「」 and ASCII marks, whose width is the same in every font and mode.
final class PadPunctuationTests: XCTestCase {
    func testThePadUsesMarksOfCertainWidth() throws {
        let f = try AppFixture()
        let pad = f.padScreen()
        _ = try f.consoleAfterFinish().1
        let (r, _) = f.runner(pad, width: 80, height: 24)
        r.storeChanged()
        r.feed(.character("5")); r.feed(.character("1")); r.feed(.character("5"))   // 非常不满意, reasons 1 and 5
        let frames = [f.frame(r, width: 80, height: 24), f.frame(r, width: 40, height: 12)]
        for frame in frames {
            for mark in ["“", "”", "✓", "✗"] { XCTAssertFalse(frame.contains(mark), "\(mark) in:\n\(frame)") }
        }
        XCTAssertTrue(frames[0].contains("您选择了「非常不满意」"), frames[0])
        XCTAssertTrue(frames[0].contains("[*] 5"), frames[0])
    }
}
