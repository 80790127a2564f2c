import XCTest
@testable import TerminalUI

/// Where typing goes is where the terminal's cursor is (issue 18, defect 4).
final class CursorTests: XCTestCase {
    func testAFocusedFieldRecordsItsInsertionPoint() {
        var b = ScreenBuffer(width: 40, height: 5)
        var field = TextField(text: "张三丰")
        field.cursor = 2
        field.render(x: 5, y: 2, width: 20, focused: true, into: &b)
        XCTAssertEqual(b.cursor, CursorPosition(x: 9, y: 2))
        var unfocused = ScreenBuffer(width: 40, height: 5)
        field.render(x: 5, y: 2, width: 20, focused: false, into: &unfocused)
        XCTAssertNil(unfocused.cursor)
    }

    func testTheBackendShowsTheCursorOfTheFrameItPresents() {
        let backend = TextBackend(width: 40, height: 5)
        var b = ScreenBuffer(width: 40, height: 5)
        TextField(text: "12").render(x: 3, y: 1, width: 10, focused: true, into: &b)
        backend.present(b)
        XCTAssertEqual(backend.cursor.map { [$0.x, $0.y] }, [5, 1])
        backend.present(ScreenBuffer(width: 40, height: 5))
        XCTAssertNil(backend.cursor.map { [$0.x, $0.y] }, "no focused field: hidden")
    }

    /// The help or a dialog over the screen takes the cursor away from the field behind it.
    func testABoxDrawnOverTheFieldTakesTheCursorAway() {
        var b = ScreenBuffer(width: 80, height: 24)
        TextField(text: "").render(x: 2, y: 20, width: 10, focused: true, into: &b)
        XCTAssertNotNil(b.cursor)
        MessageBox.render(title: "帮助", lines: ["F2 叫号"], in: Rect(x: 0, y: 1, width: 80, height: 10), into: &b)
        XCTAssertNil(b.cursor, "the help does not cover the field, but it has the keyboard")
        var c = ScreenBuffer(width: 80, height: 24)
        TextField(text: "").render(x: 2, y: 3, width: 10, focused: true, into: &c)
        c.fill(Rect(x: 0, y: 3, width: 80, height: 1))
        XCTAssertNil(c.cursor, "drawn over")
        var d = ScreenBuffer(width: 80, height: 24)
        TextField(text: "").render(x: 2, y: 3, width: 10, focused: true, into: &d)
        d.put("提示", x: 14, y: 3)
        XCTAssertEqual(d.cursor, CursorPosition(x: 2, y: 3), "text beside the field leaves it")
    }

    /// A dialog's own field, drawn inside its box, has the cursor.
    func testAFieldInsideADialogHasTheCursor() {
        var b = ScreenBuffer(width: 80, height: 24)
        TextField(text: "").render(x: 2, y: 20, width: 10, focused: true, into: &b)
        let box = MessageBox.frame(title: "密码", lines: ["密码：          "], in: b.bounds)
        MessageBox.render(title: "密码", lines: ["密码："], in: b.bounds, into: &b)
        TextField(text: "12", isSecret: true).render(x: box.x + 8, y: box.y + 1, width: 8, focused: true, into: &b)
        XCTAssertEqual(b.cursor, CursorPosition(x: box.x + 10, y: box.y + 1))
    }
}
