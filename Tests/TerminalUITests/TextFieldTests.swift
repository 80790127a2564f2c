import XCTest
@testable import TerminalUI

final class TextFieldTests: XCTestCase {
    private func type(_ s: String, into field: inout TextField) {
        for c in s { XCTAssertTrue(field.handle(.character(c))) }
    }

    func testChineseInputCursorAndBackspace() {
        var f = TextField()
        type("张三丰", into: &f)
        XCTAssertEqual(f.text, "张三丰")
        XCTAssertEqual(f.cursor, 3)
        XCTAssertTrue(f.handle(.left))
        XCTAssertTrue(f.handle(.backspace))             // removes 三, a wide char, whole
        XCTAssertEqual(f.text, "张丰")
        XCTAssertEqual(f.cursor, 1)
        type("无", into: &f)
        XCTAssertEqual(f.text, "张无丰")
        XCTAssertTrue(f.handle(.home))
        XCTAssertTrue(f.handle(.delete))
        XCTAssertEqual(f.text, "无丰")
        XCTAssertEqual(f.cursor, 0)
        XCTAssertTrue(f.handle(.backspace), "backspace at start is consumed, no change")
        XCTAssertEqual(f.text, "无丰")
        XCTAssertTrue(f.handle(.end))
        XCTAssertEqual(f.cursor, 2)
        XCTAssertTrue(f.handle(.right))
        XCTAssertEqual(f.cursor, 2, "cannot move past the end")
        XCTAssertTrue(f.handle(.control("u")))
        XCTAssertEqual(f.text, "")
        XCTAssertFalse(f.handle(.enter), "Enter is for the screen")
        XCTAssertFalse(f.handle(.function(1)))
    }

    func testRenderReturnsCursorColumnAndScrolls() {
        var f = TextField(text: "政务服务")
        var b = ScreenBuffer(width: 20, height: 1)
        XCTAssertEqual(f.render(x: 2, y: 0, width: 10, focused: true, into: &b), 10)
        XCTAssertEqual(b.rowText(0), "  政务服务")
        XCTAssertTrue(b[11, 0].style.underline, "focused field is underlined to its full width")
        f.cursor = 1
        XCTAssertEqual(f.render(x: 2, y: 0, width: 10, focused: false, into: &b), 4)
        XCTAssertFalse(b[2, 0].style.underline)

        // Longer than the field: scroll so the cursor (at the end) stays visible.
        var long = TextField(text: "一二三四五六七八")
        var b2 = ScreenBuffer(width: 10, height: 1)
        let cx = long.render(x: 0, y: 0, width: 7, focused: true, into: &b2)
        XCTAssertEqual(b2.rowText(0), "六七八")
        XCTAssertEqual(cx, 6)
        long.cursor = 0
        XCTAssertEqual(long.render(x: 0, y: 0, width: 7, focused: true, into: &b2), 0)
        XCTAssertEqual(b2.rowText(0), "一二三")
    }

    func testMaxLengthRefusal() {
        var f = TextField(maxLength: 3)
        type("政务服", into: &f)
        XCTAssertFalse(f.overflowed)
        XCTAssertTrue(f.handle(.character("务")), "refused input is still consumed")
        XCTAssertEqual(f.text, "政务服")
        XCTAssertTrue(f.overflowed)
        XCTAssertEqual(f.overflowMessage, "已达最大长度 3 字")
        XCTAssertTrue(f.handle(.backspace))
        XCTAssertFalse(f.overflowed)
    }

    func testDigitsOnlyFilter() {
        var f = TextField(maxLength: 18, allowed: { $0.isASCII && $0.isNumber })
        XCTAssertTrue(f.handle(.character("1")))
        XCTAssertFalse(f.handle(.character("a")), "refused by the filter: left for the screen")
        XCTAssertFalse(f.handle(.character("一")))
        XCTAssertFalse(f.handle(.character("\u{1b}")))
        XCTAssertTrue(f.handle(.character("2")))
        XCTAssertEqual(f.text, "12")
    }

    func testSecretMode() {
        var f = TextField(maxLength: 6, isSecret: true)
        type("1234", into: &f)
        var b = ScreenBuffer(width: 10, height: 1)
        XCTAssertEqual(f.render(x: 0, y: 0, width: 8, focused: true, into: &b), 4)
        XCTAssertEqual(b.rowText(0), "****")
        XCTAssertFalse(b.text.contains("1"))
        XCTAssertEqual(f.text, "1234")
    }

    func testControlCharactersAreStoredInert() {
        var f = TextField()
        for c in "\u{1b}[31mX" { XCTAssertTrue(f.handle(.character(c))) }
        XCTAssertEqual(f.text, "␛[31mX")
        XCTAssertTrue(f.handle(.character("\u{07}")))
        XCTAssertEqual(f.text, "␛[31mX\u{FFFD}")
        XCTAssertFalse(f.text.unicodeScalars.contains { $0.value < 0x20 })
    }

    /// Issue 14 defect 7: a paste is taken in one step; what does not fit is dropped and counted.
    func testAPasteKeepsWhatFitsAndCountsWhatWasDropped() {
        var f = TextField(text: "ab", maxLength: 5)
        XCTAssertTrue(f.handle(.paste("1234567")))
        XCTAssertEqual(f.text, "ab123")
        XCTAssertTrue(f.overflowed)
        XCTAssertEqual(f.overflowMessage, "粘贴的内容超过本栏上限 5 字，多出的 4 字已舍去")
        XCTAssertTrue(f.handle(.backspace))
        XCTAssertEqual(f.overflowMessage, "已达最大长度 5 字", "the count is for the last paste only")
        var digits = TextField(maxLength: 4, allowed: { $0.isNumber })
        _ = digits.handle(.paste("1a2b3"))
        XCTAssertEqual(digits.text, "123", "characters the field refuses are left out")
    }
}
