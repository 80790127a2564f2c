import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 12, must-deliver 7: the dashboard shows what the reports count beside the average wait:
/// the p90 wait (a few long waits hide in an average) and the tickets a close of day found never
/// called (未叫到).
final class DashboardFiguresTests: XCTestCase {
    func testTheDashboardShowsTheP90WaitAndTheLastClosedDaysUncalledTickets() throws {
        let f = try AppFixture()
        let a = try XCTUnwrap(try f.store.services().first { $0.code == "A" })
        try f.issue("A", 10)
        let w1 = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by = Attribution(clerkId: w1.id, clerkNumber: w1.number, terminal: "tty1")
        for _ in 0..<7 {
            _ = try f.store.callNext(window: 1, by: by)
            f.clock.advance(seconds: 240)
            _ = try f.store.finish(window: 1, by: by)
        }
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        let waits = try XCTUnwrap(try f.store.dashboard().metrics[a.id]?.waits)
        let p90 = try XCTUnwrap(waits.p90), mean = try XCTUnwrap(waits.mean)
        XCTAssertNotEqual(formatDuration(p90), formatDuration(mean), "the fixture tells p90 from the mean")
        var frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("P90等候") && frame.contains("未叫到"), frame)
        let row = try XCTUnwrap(frame.split(separator: "\n").first { $0.contains(a.name) }, frame)
        XCTAssertTrue(row.contains(formatDuration(p90)), "p90 \(formatDuration(p90)) in: \(row)")
        XCTAssertTrue(row.hasSuffix("—") || row.trimmingCharacters(in: .whitespaces).hasSuffix("—"), "no day closed yet: \(row)")

        // Three A tickets are still waiting when the supervisor closes the day; the next morning
        // the dashboard says so.
        let supBy = Attribution(clerkId: sup.id, clerkNumber: sup.number, terminal: "sup")
        _ = try f.store.closeDay(by: supBy)
        f.clock.advance(seconds: 86_400)
        r.storeChanged()
        XCTAssertEqual(try f.store.dashboard().lastClose?.abandoned[a.code], 3)
        frame = f.frame(r, width: 80, height: 24)
        let next = try XCTUnwrap(frame.split(separator: "\n").first { $0.contains(a.name) }, frame)
        XCTAssertTrue(next.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "│|"))).hasSuffix(" 3"), "未叫到 3: \(next)")
        XCTAssertTrue(Dashboard.help(dash.state).joined().contains("上次日结 2026-03-02"), "the help names the day")
    }
}
