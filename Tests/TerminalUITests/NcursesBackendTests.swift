import XCTest
@testable import TerminalUI

/// NcursesBackend on a real pty (TERM=xterm-256color), the test playing the terminal: what a
/// clerk's terminal receives in each ambiguous-width mode, the cursor, repaints (issue 18).
final class NcursesBackendTests: XCTestCase {
    private static let clear = "\u{1B}[H\u{1B}[2J"
    private static let showCursor = "\u{1B}[?25h"
    private static let hideCursor = "\u{1B}[?25l"

    /// Starts the backend on a pty whose "terminal" answers the probe with `answers`, runs
    /// `body`, and returns what the terminal received after start-up.
    private func session(answers: [String], environment: [String: String?] = [:],
                         _ body: (NcursesBackend, PseudoTerminal) throws -> Void) throws -> String {
        let pty = try PseudoTerminal()
        pty.attach(environment: ["TERM": "xterm-256color", AmbiguousWidth.environmentKey: nil,
                                 "LC_ALL": nil, "LC_CTYPE": nil, "LANG": "C.UTF-8"].merging(environment) { $1 })
        defer { pty.detach() }
        let backend = NcursesBackend()
        defer { backend.stop() }
        _ = try pty.answering(answers) { try backend.start() }
        try body(backend, pty)
        return pty.drain()
    }

    /// The last absolute cursor move (`ESC[row;columnH`) in `output`.
    private func lastCursorMove(_ output: String) -> String? {
        let moves = output.ranges(of: /\x1B\[[0-9]+;[0-9]+H/)
        return moves.last.map { String(output[$0]) }
    }

    private func frame(_ text: String, width: Int = 80, height: Int = 24) -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        Box.render(Rect(x: 0, y: 0, width: 30, height: 5), title: "当前办理", into: &b)
        b.put(text, x: 2, y: 2)
        return b
    }

    func testAWideTerminalReceivesOnlyCharactersOfCertainWidth() throws {
        let received = try session(answers: ["\u{1B}[1;5R", "\u{1B}[1;5R"]) { backend, _ in
            XCTAssertEqual(backend.ambiguousWidth, .wide)
            backend.present(frame("A001 · 3号窗口 “不满意”"))
        }
        XCTAssertFalse(received.unicodeScalars.contains(where: DisplayWidth.isAmbiguous), received.debugDescription)
        XCTAssertTrue(received.contains("+---------"), received.debugDescription)
        XCTAssertTrue(received.contains("---------+"), received.debugDescription)
        XCTAssertTrue(received.contains("+----------------------------+"), received.debugDescription)
        XCTAssertTrue(received.contains("A001 - 3号窗口 \"不满意\""), received.debugDescription)
    }

    func testANarrowTerminalReceivesTheFrameAsDrawn() throws {
        let received = try session(answers: ["\u{1B}[1;5R", "\u{1B}[1;3R"]) { backend, _ in
            XCTAssertEqual(backend.ambiguousWidth, .narrow)
            backend.present(frame("A001 · 3号窗口"))
        }
        XCTAssertTrue(received.contains("┌────────"), received.debugDescription)
        XCTAssertTrue(received.contains("A001 · 3号窗口"), received.debugDescription)
    }

    /// The setting overrides the probe: nothing is asked, the mode is the one set.
    func testTheEnvironmentSettingOverridesTheProbe() throws {
        let pty = try PseudoTerminal()
        pty.attach(environment: ["TERM": "xterm-256color", AmbiguousWidth.environmentKey: "wide", "LC_ALL": nil, "LANG": "C.UTF-8"])
        defer { pty.detach() }
        let backend = NcursesBackend()
        defer { backend.stop() }
        let (_, written) = try pty.answering([]) { try backend.start() }
        XCTAssertEqual(backend.ambiguousWidth, .wide)
        XCTAssertFalse(written.contains("\u{1B}[6n"), "no probe when the mode is set")
    }

    /// A terminal set to Latin-1 or GBK is refused at start with a message in Chinese and English.
    func testATerminalThatCannotShowChineseIsRefused() throws {
        XCTAssertThrowsError(try session(answers: ["\u{1B}[1;7R", "\u{1B}[1;3R"]) { _, _ in }) { error in
            XCTAssertEqual(error as? TerminalError, .notUTF8Terminal(columns: 6))
            XCTAssertTrue("\(error)".contains("UTF-8"))
            XCTAssertTrue("\(error)".contains("The terminal does not show UTF-8 Chinese"), "\(error)")
        }
    }

    func testANonUTF8LocaleIsRefused() throws {
        XCTAssertThrowsError(try session(answers: [], environment: ["LANG": "zh_CN.GBK"]) { _, _ in }) { error in
            XCTAssertEqual(error as? TerminalError, .notUTF8Locale("zh_CN.GBK"))
            XCTAssertTrue("\(error)".contains("is not UTF-8, so Chinese cannot be shown"), "\(error)")
        }
        XCTAssertNil(NcursesBackend.nonUTF8Locale(["LANG": "zh_CN.UTF-8"]))
        XCTAssertNil(NcursesBackend.nonUTF8Locale(["LANG": "C"]), "unset or C: UTF-8 is chosen, the probe checks the terminal")
        XCTAssertNil(NcursesBackend.nonUTF8Locale(["LC_ALL": "", "LANG": "en_US.utf8"]))
        XCTAssertEqual(NcursesBackend.nonUTF8Locale(["LC_ALL": "zh_CN.GB18030", "LANG": "C.UTF-8"]), "zh_CN.GB18030")
        XCTAssertEqual(NcursesBackend.nonUTF8Locale(["LANG": "zh_CN"]), "zh_CN")
    }

    /// The terminal's cursor is shown at a focused field's insertion point and hidden without one.
    func testTheCursorIsShownAtTheFocusedFieldAndHiddenWithoutOne() throws {
        var withField = ScreenBuffer(width: 80, height: 24)
        var field = TextField(text: "张三")
        field.render(x: 10, y: 5, width: 20, focused: true, into: &withField)
        var shown = "", hidden = ""
        _ = try session(answers: ["\u{1B}[1;5R", "\u{1B}[1;3R"]) { backend, pty in
            backend.present(withField)
            shown = pty.drain()
            backend.present(ScreenBuffer(width: 80, height: 24))
            hidden = pty.drain()
        }
        XCTAssertTrue(shown.contains(Self.showCursor), shown.debugDescription)
        // After drawing, the cursor is moved to row 6, column 15 (1-based): after "张三".
        XCTAssertEqual(lastCursorMove(shown), "\u{1B}[6;15H", shown.debugDescription)
        XCTAssertTrue(hidden.contains(Self.hideCursor), hidden.debugDescription)
    }

    /// Closing a dialog repaints the whole terminal; a frame that only changes text does not.
    func testClosingADialogRepaintsTheWholeTerminal() throws {
        let desk = frame("锁定5分钟")
        var dialog = desk
        MessageBox.render(title: "帮助", lines: ["超时锁定", "按任意键关闭帮助"], in: desk.bounds, into: &dialog)
        var ticked = desk
        ticked.put("锁定4分钟", x: 2, y: 2)
        var afterClose = "", afterTick = ""
        _ = try session(answers: ["\u{1B}[1;5R", "\u{1B}[1;3R"]) { backend, pty in
            backend.present(desk)
            backend.present(dialog)
            _ = pty.drain()
            backend.present(desk)
            afterClose = pty.drain()
            backend.present(ticked)
            afterTick = pty.drain()
        }
        XCTAssertTrue(afterClose.contains(Self.clear), afterClose.debugDescription)
        XCTAssertFalse(afterTick.contains(Self.clear), afterTick.debugDescription)
    }
}
