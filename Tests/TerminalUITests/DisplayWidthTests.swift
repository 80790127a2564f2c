import XCTest
@testable import TerminalUI

final class DisplayWidthTests: XCTestCase {
    func testRequiredWidths() {
        XCTAssertEqual(DisplayWidth.of("政务服务"), 8)
        XCTAssertEqual(DisplayWidth.of("A001"), 4)
        XCTAssertEqual(DisplayWidth.of("ｱ" as Character), 1, "halfwidth katakana")
        XCTAssertEqual(DisplayWidth.of("Ａ" as Character), 2, "fullwidth Latin")
        XCTAssertEqual(DisplayWidth.of("😀" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Unicode.Scalar), 0, "combining acute")
        XCTAssertEqual(DisplayWidth.of("，" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("·" as Character), 1, "middle dot is ambiguous -> 1")
    }

    func testCJKPunctuationIsWide() {
        for c in "。，、：「」（）；！？《》【】￥" {
            XCTAssertEqual(DisplayWidth.of(c), 2, "\(c)")
        }
    }

    func testNarrowAndAmbiguous() {
        for c in "aZ09 ~→×…—─│█é" {
            XCTAssertEqual(DisplayWidth.of(c), 1, "\(c)")
        }
    }

    func testZeroWidthAndClusters() {
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1, "base + combining mark")
        XCTAssertEqual(DisplayWidth.of("\u{200B}" as Unicode.Scalar), 0, "zero width space")
        XCTAssertEqual(DisplayWidth.of("\u{200D}" as Unicode.Scalar), 0, "zero width joiner")
        XCTAssertEqual(DisplayWidth.of("\u{1B}" as Unicode.Scalar), 0, "controls are sanitized before drawing")
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧" as Character), 2, "ZWJ emoji sequence")
        XCTAssertEqual(DisplayWidth.of("한국어"), 6, "Hangul")
        XCTAssertEqual(DisplayWidth.of("カタカナ"), 8, "fullwidth katakana")
        XCTAssertEqual(DisplayWidth.of("𠀀" as Character), 2, "CJK Extension B")
        XCTAssertEqual(DisplayWidth.of("3号窗口"), 7)
    }
}
