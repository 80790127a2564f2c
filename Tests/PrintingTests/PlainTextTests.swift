import XCTest
import HallCore
@testable import Printing

final class PlainTextTests: XCTestCase {
    func testPreviewGolden() throws {
        let text = PlainTextRenderer(width: 76).renderText(Fixtures.correction())
        let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden/correction-preview-76.txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text, expected, "preview differs from the golden file:\n\(text)")
    }

    func testPreviewNeverExceedsItsWidthAndKeepsEverything() {
        let name = String(repeating: "欧阳龙飞", count: 100) + String(repeating: "X", count: 100)
        for width in [40, 60, 76, 118] {
            let lines = PlainTextRenderer(width: width).render(Fixtures.correction(name: name))
            for line in lines {
                XCTAssertLessThanOrEqual(TextWidth.columns(line, TextWidth.terminal), width, "at \(width): \(line)")
            }
            let flat = lines.joined().filter { !$0.isWhitespace && $0 != "|" }
            XCTAssertTrue(flat.contains(name), "the long name survives wrapping at \(width)")
            for m in Fixtures.missing { XCTAssertTrue(flat.contains(m.name), m.name) }
        }
    }

    func testWrapKeepsLatinRunsAndChinesePunctuationRules() {
        let m = TextWidth.terminal
        // A case number moves whole to the next line instead of breaking.
        XCTAssertEqual(TextWrap.lines("办件编号YC202603020001", width: 16, measure: m), ["办件编号", "YC202603020001"])
        // A closing mark never starts a line: the character before it comes along.
        XCTAssertEqual(TextWrap.lines("一二三四，五", width: 8, measure: m), ["一二三", "四，五"])
        // Too long to move: broken where it must be.
        XCTAssertEqual(TextWrap.lines(String(repeating: "A", count: 10), width: 4, measure: m), ["AAAA", "AAAA", "AA"])
        XCTAssertEqual(TextWrap.lines("中文", width: 1, measure: m), ["中", "文"], "a character wider than the line still prints")
    }
}
