import XCTest
@testable import HallApp
import TerminalUI

/// Issue 18, defect 3: the call board has its own background, so its yellow window number is
/// never yellow on a white terminal and the rest never depends on the TV's palette.
final class BoardBackgroundTests: XCTestCase {
    func testEveryCellOfTheBoardBodyHasTheBoardsOwnColours() throws {
        let f = try AppFixture()
        try f.issue("A", 2)
        let clerk = try f.console(window: 1, clerk: "1001")
        let (cr, _) = f.runner(clerk, width: 80, height: 24)
        cr.feed(.function(2))
        for (w, h) in [(80, 24), (120, 40)] {
            let (br, _) = f.runner(f.board(), width: w, height: h)
            var buffer = ScreenBuffer(width: w, height: h)
            br.render(into: &buffer)
            XCTAssertTrue(buffer.text.contains("请 A001 号 到 1 号窗口 办理"), buffer.text)
            // The body: below the title bar, above the message line and the key bar.
            for y in 1..<(h - 2) {
                for x in 0..<w {
                    let s = buffer[x, y].style
                    XCTAssertNotEqual(s.bg, .standard, "(\(x),\(y)) “\(buffer[x, y].character)” on the terminal's background")
                    XCTAssertNotEqual(s.fg, .standard, "(\(x),\(y)) “\(buffer[x, y].character)” in the terminal's foreground")
                }
            }
            let yellow = (1..<(h - 2)).flatMap { y in (0..<w).map { buffer[$0, y].style } }.filter { $0.fg == .yellow }
            XCTAssertFalse(yellow.isEmpty, "the window number is drawn in yellow")
            XCTAssertTrue(yellow.allSatisfy { $0.bg == .black }, "yellow on black, never on the terminal's white")
        }
    }
}
