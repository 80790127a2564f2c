import XCTest
@testable import TerminalUI

final class ScreenBufferTests: XCTestCase {
    func testPutWideCharsAndContinuation() {
        var b = ScreenBuffer(width: 10, height: 2)
        XCTAssertEqual(b.put("政务A", x: 1, y: 0), 5)
        XCTAssertEqual(b[1, 0].character, "政")
        XCTAssertTrue(b[2, 0].isContinuation)
        XCTAssertEqual(b[3, 0].character, "务")
        XCTAssertEqual(b[5, 0].character, "A")
        XCTAssertEqual(b.rowText(0), " 政务A")
    }

    func testChineseCutAtOddColumn() {
        var b = ScreenBuffer(width: 10, height: 1)
        let used = b.put("政务服务", x: 0, y: 0, maxWidth: 5)
        XCTAssertEqual(used, 5)
        XCTAssertEqual(b[4, 0].character, " ")
        XCTAssertFalse(b[4, 0].isContinuation)
        XCTAssertEqual(b.rowText(0), "政务")

        // Cut by the right edge of the buffer instead of maxWidth.
        var edge = ScreenBuffer(width: 7, height: 1)
        edge.put("ab政务服务", x: 0, y: 0, style: .bold)
        XCTAssertEqual(edge.rowText(0), "ab政务")
        XCTAssertEqual(edge[6, 0], Cell(character: " ", style: .bold))
    }

    func testOverwritingHalfOfAWideChar() {
        var b = ScreenBuffer(width: 8, height: 1)
        b.put("政务服务", x: 0, y: 0)
        b.put("x", x: 1, y: 0)          // right half of 政
        XCTAssertEqual(b.rowText(0), " x务服务")
        b.put("y", x: 4, y: 0)          // left half of 服
        XCTAssertEqual(b.rowText(0), " x务y 务")
        XCTAssertFalse(b[5, 0].isContinuation)
        b.put("大", x: 5, y: 0)          // wide char over a blank and the left half of the last 务
        XCTAssertEqual(b.rowText(0), " x务y大")
        assertInvariant(b)
    }

    func testPutBeyondEdges() {
        var b = ScreenBuffer(width: 6, height: 2)
        XCTAssertEqual(b.put("abc", x: -2, y: 0), 3)
        XCTAssertEqual(b.rowText(0), "c")
        b.put("政务", x: -1, y: 1)       // 政 straddles the left edge
        XCTAssertEqual(b.rowText(1), " 务")
        b.put("zzz", x: 0, y: 5)         // below the buffer: ignored
        b.put("zzz", x: 0, y: -1)
        b.put("zzz", x: 9, y: 0)
        XCTAssertEqual(b.text, "c\n 务")
        XCTAssertEqual(b[-1, 0], .blank)
        XCTAssertEqual(b[0, 7], .blank)
        assertInvariant(b)
    }

    func testPastedEscapeSequenceIsDrawnInert() {
        var b = ScreenBuffer(width: 30, height: 1)
        b.put("\u{1b}[2J\u{1b}]0;x\u{07}", x: 0, y: 0)
        XCTAssertEqual(b.rowText(0), "␛[2J␛]0;x\u{FFFD}")
        for x in 0..<30 {
            XCTAssertFalse(b[x, 0].character.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    func testFillTextAndClear() {
        var b = ScreenBuffer(width: 5, height: 3)
        b.fill(Rect(x: 1, y: 1, width: 3, height: 5), character: "#")
        XCTAssertEqual(b.text, "\n ###\n ###")
        b.fill(Rect(x: 0, y: 0, width: 5, height: 1), character: "政")
        XCTAssertEqual(b.rowText(0), "政政", "odd width leaves the last column blank")
        b.clear(style: .reverse)
        XCTAssertEqual(b.text, "\n\n")
        XCTAssertEqual(b[2, 2].style, .reverse)
    }

    func testEquatable() {
        var a = ScreenBuffer(width: 4, height: 1), b = ScreenBuffer(width: 4, height: 1)
        XCTAssertEqual(a, b)
        a.put("x", x: 0, y: 0, style: .bold)
        b.put("x", x: 0, y: 0)
        XCTAssertNotEqual(a, b, "style differences matter for presenting")
    }

    private func assertInvariant(_ b: ScreenBuffer, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<b.height {
            for x in 0..<b.width {
                let wide = !b[x, y].isContinuation && DisplayWidth.of(b[x, y].character) == 2
                let nextIsCont = x + 1 < b.width && b[x + 1, y].isContinuation
                XCTAssertEqual(wide, nextIsCont, "cell (\(x),\(y))", file: file, line: line)
            }
            XCTAssertFalse(b[0, y].isContinuation, file: file, line: line)
        }
    }
}
