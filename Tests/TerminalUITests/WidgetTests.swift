import XCTest
@testable import TerminalUI

final class WidgetTests: XCTestCase {
    /// Keys are never dropped: what does not fit one row wraps onto a second.
    func testKeyBarWrapsInsteadOfDropping() {
        var b = ScreenBuffer(width: 20, height: 3)
        b.put("旧内容旧内容旧内容旧内容", x: 0, y: 1)
        let items = [KeyBarItem("F1", "帮助"), KeyBarItem("Esc", "返回"), KeyBarItem("F10", "退出系统")]
        XCTAssertEqual(KeyBar.rows(items, width: 20), 2)
        KeyBar.render(items, y: 1, width: 20, into: &b)
        XCTAssertEqual(b.rowText(1), "F1帮助 Esc返回")
        XCTAssertEqual(b.rowText(2), "F10退出系统")
        XCTAssertEqual(b[0, 1].style, .keyLabel)
        XCTAssertEqual(b[2, 1].style, .reverse)
        XCTAssertEqual(b[7, 1].style, .keyLabel)

        var wide = ScreenBuffer(width: 30, height: 1)
        XCTAssertEqual(KeyBar.rows(Array(items.prefix(2)), width: 30), 1)
        KeyBar.render([KeyBarItem("F1", "帮助"), KeyBarItem("Esc", "返回")], y: 0, into: &wide)
        XCTAssertEqual(wide.rowText(0), "F1帮助 Esc返回")
        XCTAssertEqual(wide[6, 0].style, .plain)
    }

    func testBoxWithCentredTitle() {
        var b = ScreenBuffer(width: 12, height: 4)
        Box.render(Rect(x: 0, y: 0, width: 12, height: 4), title: "排队", into: &b)
        XCTAssertEqual(b.text, "┌── 排队 ──┐\n│          │\n│          │\n└──────────┘")
    }

    func testTableScrollsToSelectionAndClips() {
        let columns = [TableColumn("号码", width: 4), TableColumn("事项", width: 8), TableColumn("等待", width: 4, align: .right)]
        let rows = (1...10).map { ["A\(String(format: "%03d", $0))", "社保办理", "\($0)分"] }
        var b = ScreenBuffer(width: 16, height: 4)
        Table.render(columns: columns, rows: rows, selected: 5, in: Rect(x: 0, y: 0, width: 16, height: 4), into: &b)
        XCTAssertEqual(b.text, "号码 事项     等\nA004 社保办理  4\nA005 社保办理  5\nA006 社保办理  6")
        XCTAssertTrue(b[0, 0].style.bold && b[0, 0].style.underline)
        XCTAssertTrue(b[0, 3].style.reverse, "selected row highlighted")
        XCTAssertTrue(b[15, 3].style.reverse, "across the whole width")
        XCTAssertFalse(b[0, 2].style.reverse)

        Table.render(columns: columns, rows: rows, selected: 0, in: Rect(x: 0, y: 0, width: 16, height: 4), into: &b,
                     rowStyles: [1: .warning])
        XCTAssertEqual(b.rowText(1), "A001 社保办理  1")
        XCTAssertEqual(b[0, 2].style, .warning)
        XCTAssertEqual(Table.firstVisibleRow(selected: 9, count: 10, visible: 3), 7)
        XCTAssertEqual(Table.firstVisibleRow(selected: nil, count: 10, visible: 3), 0)
    }

    func testBigText() {
        var b = ScreenBuffer(width: 40, height: 5)
        let w = BigText.render("A1号", x: 0, y: 0, into: &b)
        XCTAssertEqual(w, BigText.width(of: "A1号"))
        XCTAssertEqual(w, 5 + 1 + 5 + 1 + 2)
        XCTAssertEqual(b.rowText(0), " ███    █")
        XCTAssertEqual(b.rowText(2), "█████   █   号")
        XCTAssertEqual(BigText.height, 5)
        XCTAssertEqual(BigText.width(of: "a"), BigText.width(of: "A"))
    }

    func testBarChart() {
        var b = ScreenBuffer(width: 24, height: 3)
        BarChart.render([(label: "社保", value: 10), (label: "不动产登记", value: 5), (label: "户籍", value: 2.5)],
                        maxValue: 10, in: Rect(x: 0, y: 0, width: 24, height: 3), into: &b)
        // Label column capped at a third of the width (8), values 3 wide, bars 24-8-3-2 = 11 columns.
        XCTAssertEqual(b.rowText(0), "社保     ███████████ 10")
        XCTAssertEqual(b.rowText(1), "不动产登 █████▌ 5")
        XCTAssertEqual(b.rowText(2), "户籍     ██▊ 2.5")
        XCTAssertEqual(BarChart.bar(value: 0, scale: 10, width: 10), "")
        XCTAssertEqual(BarChart.bar(value: 20, scale: 10, width: 4), "████", "clamped to the maximum")
    }

    func testMessageBoxWrapsAndCentres() {
        var b = ScreenBuffer(width: 30, height: 9)
        MessageBox.render(title: "帮助", lines: ["按 F2 取号，按 Esc 返回上一级菜单。"], in: b.bounds, into: &b)
        let lines = b.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[2], "┌─────────── 帮助 ───────────┐")
        XCTAssertEqual(lines[3], "│ 按 F2 取号，按 Esc 返回上  │")
        XCTAssertEqual(lines[4], "│ 一级菜单。                 │")
        XCTAssertEqual(lines[5], "└────────────────────────────┘")
        XCTAssertEqual(lines[0], "")
    }

    func testMinimumSizeAt60x20() {
        var b = ScreenBuffer(width: 60, height: 20)
        MinimumSize.render(into: &b)
        let nonEmpty = b.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        XCTAssertEqual(nonEmpty, ["终端窗口太小：至少需要 80×24，当前 60×20。请放大窗口。"])
        XCTAssertEqual(b.rowText(9).first, " ", "centred")
        XCTAssertFalse(MinimumSize.isSatisfied(width: 60, height: 20))
        XCTAssertTrue(MinimumSize.isSatisfied(width: 80, height: 24))
    }

    func testMinimumSizeFitsTinyTerminal() {
        var b = ScreenBuffer(width: 20, height: 5)
        MinimumSize.render(into: &b)
        let rows = (0..<5).map(b.rowText)
        XCTAssertTrue(rows.allSatisfy { DisplayWidth.of($0) <= 20 })
        // Every character of the message is on screen, in order (spaces at line breaks dropped).
        let shown = rows.joined().filter { $0 != " " }
        XCTAssertEqual(shown, MinimumSize.message(width: 20, height: 5).filter { $0 != " " })
        XCTAssertTrue(shown.contains("20×5"))
    }

    func testTextBackendQueuesKeysAndFrames() {
        let backend = TextBackend(width: 80, height: 24, keys: [.function(1), .character("政")])
        var frame = ScreenBuffer(width: 80, height: 24)
        frame.put("你好", x: 0, y: 0)
        backend.present(frame)
        XCTAssertEqual(backend.frames, 1)
        XCTAssertEqual(backend.lastFrame?.rowText(0), "你好")
        XCTAssertEqual(backend.readKey(timeoutMilliseconds: 0), .function(1))
        backend.resize(width: 100, height: 30)
        XCTAssertEqual(backend.readKey(timeoutMilliseconds: 0), .character("政"))
        XCTAssertEqual(backend.readKey(timeoutMilliseconds: 0), .resize)
        XCTAssertNil(backend.readKey(timeoutMilliseconds: 0))
        XCTAssertEqual(backend.size.width, 100)
        XCTAssertEqual(backend.size.height, 30)
    }

    func testErrorsAreChinese() {
        XCTAssertEqual(TerminalError.unknownTerminal("foo").description,
                       "无法识别终端类型 TERM=foo：请设置 TERM=xterm-256color，或安装 ncurses-term 软件包。")
        XCTAssertTrue(TerminalError.unknownTerminal("\u{1b}[2J").description.contains("␛[2J"))
        XCTAssertTrue(TerminalError.notATerminal.description.contains("不是终端"))
    }

    func testNcursesBackendRefusesWithoutATerminal() throws {
        // Under `swift test` stdin/stdout are usually not a terminal; then start() must throw,
        // not exit the process or leave the terminal in curses mode.
        guard isatty(0) == 0 || isatty(1) == 0 else { throw XCTSkip("running on a real terminal") }
        let backend = NcursesBackend()
        XCTAssertThrowsError(try backend.start()) { error in
            XCTAssertEqual(error as? TerminalError, .notATerminal)
        }
        backend.stop()   // idempotent, safe after a failed start
        backend.stop()
    }

    func testRectHelpers() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        XCTAssertEqual(r.inset(by: 1), Rect(x: 1, y: 1, width: 78, height: 22))
        XCTAssertEqual(r.row(23), Rect(x: 0, y: 23, width: 80, height: 1))
        XCTAssertEqual(r.splitBottom(1).bottom, Rect(x: 0, y: 23, width: 80, height: 1))
        XCTAssertEqual(r.splitTop(30).rest.height, 0, "never negative")
        XCTAssertEqual(r.columns(3, gap: 1).map(\.width), [26, 26, 26])
        XCTAssertEqual(r.centered(width: 20, height: 4), Rect(x: 30, y: 10, width: 20, height: 4))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 3, height: 3).inset(by: 2).width, 0)
    }
}
