import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// F2 while serving: 办结并叫号 through the real store, one transaction.
final class ConsoleFinishAndCallTests: XCTestCase {
    func testF2WhileServingFinishesAndCallsTheNextAt80x24() throws {
        let f = try AppFixture()
        try f.issue("A", 2)
        let console = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.function(2))                                   // calls the first
        let first = try XCTUnwrap(f.store.windowSnapshot(1).current)
        f.clock.advance(seconds: 120)

        r.feed(.function(2))                                   // finishes it and calls the second

        let second = try XCTUnwrap(f.store.windowSnapshot(1).current)
        XCTAssertNotEqual(second.id, first.id)
        XCTAssertEqual(try f.store.ticket(number: first.number).status, .finished)
        let screen = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(screen.contains("\(first.number) 已办结；已叫号 \(second.number)"), screen)
        XCTAssertTrue(screen.contains("F2办结叫号"), "the key bar offers it while serving:\n\(screen)")

        f.clock.advance(seconds: 60)
        r.feed(.function(2))                                   // nobody left: the finish stands
        XCTAssertNil(try f.store.windowSnapshot(1).current)
        XCTAssertEqual(try f.store.ticket(number: second.number).status, .finished)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("\(second.number) 已办结；1 号窗口所办业务暂无等候"))
    }
}
