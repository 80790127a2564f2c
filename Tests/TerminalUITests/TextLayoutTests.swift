import XCTest
@testable import TerminalUI

final class TextLayoutTests: XCTestCase {
    func testSanitizeMakesControlsVisibleAndInert() {
        let pasted = "\u{1b}[2J\u{1b}]0;x\u{07}"
        let clean = sanitize(pasted)
        XCTAssertEqual(clean, "␛[2J␛]0;x\u{FFFD}")
        XCTAssertFalse(clean.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
        XCTAssertEqual(sanitize("a\tb\r\nc\nd"), "a b c d")
        XCTAssertEqual(sanitize("\u{9B}31m\u{7F}"), "\u{FFFD}31m\u{FFFD}", "C1 CSI and DEL")
        XCTAssertEqual(sanitize("abc\u{202E}cba"), "abc\u{FFFD}cba", "bidi override")
        XCTAssertEqual(sanitize("政务服务 A001"), "政务服务 A001")
        XCTAssertEqual(sanitize(sanitize(pasted)), clean, "idempotent")
    }

    func testClipByColumns() {
        XCTAssertEqual(clip("政务服务", toWidth: 5), "政务 ", "the wide char that does not fit becomes a space")
        XCTAssertEqual(clip("政务服务", toWidth: 4), "政务")
        XCTAssertEqual(clip("A001政务", toWidth: 5), "A001 ")
        XCTAssertEqual(clip("abc", toWidth: 10), "abc")
        XCTAssertEqual(clip("abc", toWidth: 0), "")
        XCTAssertEqual(DisplayWidth.of(clip("\u{1b}[31m红", toWidth: 6)), 6, "sanitized before measuring")
    }

    func testPad() {
        XCTAssertEqual(pad("政务", toWidth: 6), "政务  ")
        XCTAssertEqual(pad("政务", toWidth: 6, align: .right), "  政务")
        XCTAssertEqual(pad("政务", toWidth: 7, align: .center), " 政务  ")
        XCTAssertEqual(pad("政务服务", toWidth: 5), "政务 ")
        for w in 0..<12 { XCTAssertEqual(DisplayWidth.of(pad("政务A服务", toWidth: w)), w) }
    }

    func testWrapCJKAndWords() {
        XCTAssertEqual(wrap("政务服务大厅欢迎您", width: 8), ["政务服务", "大厅欢迎", "您"])
        XCTAssertEqual(wrap("hello world again", width: 11), ["hello world", "again"])
        XCTAssertEqual(wrap("请取号 A001 然后等待", width: 10), ["请取号", "A001 然后", "等待"])
        XCTAssertEqual(wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"], "over-long word is broken")
        XCTAssertEqual(wrap("第一行\n第二行", width: 20), ["第一行", "第二行"])
        XCTAssertEqual(wrap("", width: 5), [""])
        XCTAssertEqual(wrap("abc", width: 0), [])
        for line in wrap("终端窗口太小：至少需要 80×24，当前 20×5。请放大窗口。", width: 7) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(line), 7, line)
        }
    }

    func testWrapKeepsClosingPunctuationOffLineStart() {
        let lines = wrap("请稍候，马上就好", width: 6)
        XCTAssertEqual(lines, ["请稍", "候，马", "上就好"])
        XCTAssertFalse(lines.contains { $0.hasPrefix("，") })
    }
}
