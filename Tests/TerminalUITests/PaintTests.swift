import XCTest
@testable import TerminalUI

/// `ScreenBuffer.paint`: a screen's own colour pair for everything drawn in the terminal's.
final class PaintTests: XCTestCase {
    func testPaintFillsOnlyTheTerminalsOwnColoursInsideTheRect() {
        var b = ScreenBuffer(width: 10, height: 3)
        b.put("号", x: 0, y: 0, style: .bold)
        b.put("7", x: 2, y: 0, style: TextStyle(fg: .yellow))
        b.put("A", x: 3, y: 0, style: .title)
        b.put("x", x: 4, y: 0, style: .highlight)
        b.paint(Rect(x: 0, y: 0, width: 10, height: 2), fg: .white, bg: .black)
        XCTAssertEqual(b[0, 0].style, TextStyle(fg: .white, bg: .black, bold: true))
        XCTAssertEqual(b[1, 0].style, TextStyle(fg: .white, bg: .black, bold: true), "the wide character's second half too")
        XCTAssertEqual(b[2, 0].style, TextStyle(fg: .yellow, bg: .black))
        XCTAssertEqual(b[3, 0].style, .title, "a style's own pair stays")
        XCTAssertEqual(b[4, 0].style, TextStyle(fg: .white, bg: .black, reverse: true))
        XCTAssertEqual(b[9, 1].style, TextStyle(fg: .white, bg: .black), "blank cells get the background")
        XCTAssertEqual(b[0, 2].style, .plain, "outside the rect nothing changes")
        XCTAssertEqual(b.rowText(0), "号7Ax")
        b.paint(Rect(x: -5, y: -5, width: 100, height: 100), fg: .white, bg: .black)   // clipped, no trap
    }
}
