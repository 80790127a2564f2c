import XCTest
@testable import TerminalUI

/// Screens drawn for terminals that draw ambiguous characters one or two columns wide
/// (issue 18, defect 1): every row must be exactly the terminal's width on that terminal.
final class AmbiguousWidthTests: XCTestCase {
    /// A screen with everything the program draws that is ambiguous: frames, dialogs, the key
    /// bar, a table, bars, big digits and the punctuation of the screens' texts.
    private func sampleScreen(width: Int = 80, height: Int = 24) -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        b.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .title)
        b.put(" 政务服务大厅 · 窗口叫号台", x: 0, y: 0, style: .title)
        Box.render(Rect(x: 0, y: 1, width: 40, height: 12), title: "当前办理", into: &b)
        BigText.render("B001", x: 2, y: 2, into: &b)
        b.put("已办理 3分21秒 → 3号窗口 ↑↓", x: 2, y: 7, maxWidth: 36)
        b.put("≥30分钟 ×2 … 您选择了“不满意”", x: 2, y: 8, maxWidth: 36)
        b.put("[✓] ○离线 ●在线 — ✗ ⚠ § ① ▌", x: 2, y: 9, maxWidth: 36)
        BarChart.render([("行政审批", 21), ("社保", 5.5)], maxValue: 21, in: Rect(x: 2, y: 10, width: 36, height: 2), into: &b)
        Table.render(columns: [TableColumn("号码", width: 6), TableColumn("事项", width: 20)],
                     rows: [["A001", "营业执照·设立"], ["A002", "“一件事”开办企业…"]], selected: 0,
                     in: Rect(x: 42, y: 2, width: 36, height: 4), into: &b)
        MessageBox.render(title: "帮助 · 窗口", lines: ["F2 叫号 → 下一位", "阿卜杜·热合曼 ±1℃"], in: Rect(x: 40, y: 8, width: 40, height: 12), into: &b)
        KeyBar.render([KeyBarItem("F1", "帮助"), KeyBarItem("F2", "叫号·下一位"), KeyBarItem("Esc", "返回")], y: height - 1, into: &b)
        return b
    }

    /// Columns a terminal in `mode` uses for row `y` of what the backend sends it.
    private func drawnWidth(_ b: ScreenBuffer, row y: Int, mode: AmbiguousWidth) -> Int {
        b.row(y).filter { !$0.isContinuation }.reduce(0) { $0 + mode.columns($1.character) }
    }

    func testEveryRowIsExactlyTheTerminalWidthInBothModes() {
        let screen = sampleScreen()
        for mode in AmbiguousWidth.allCases {
            let drawn = screen.drawable(in: mode)
            for y in 0..<drawn.height {
                XCTAssertEqual(drawnWidth(drawn, row: y, mode: mode), 80, "\(mode) row \(y): \(drawn.rowText(y))")
            }
        }
    }

    /// What a wide terminal gets holds no ambiguous character at all, and reads as an ASCII frame.
    func testAWideTerminalGetsOneColumnStandIns() {
        let drawn = sampleScreen().drawable(in: .wide)
        for y in 0..<drawn.height {
            for cell in drawn.row(y) {
                XCTAssertFalse(cell.character.unicodeScalars.contains(where: DisplayWidth.isAmbiguous), "row \(y): \(cell.character)")
            }
        }
        XCTAssertEqual(drawn.rowText(0), " 政务服务大厅 - 窗口叫号台")
        XCTAssertTrue(drawn.rowText(1).hasPrefix("+-------------- 当前办理 --------------+"), drawn.rowText(1))
        XCTAssertTrue(drawn.rowText(3).hasPrefix("|"), drawn.rowText(3))
        XCTAssertTrue(drawn.rowText(7).hasPrefix("| 已办理 3分21秒 > 3号窗口 ^v"), drawn.rowText(7))
        XCTAssertTrue(drawn.rowText(8).hasPrefix("| >30分钟 x2 ~ 您选择了\"不满意\""), drawn.rowText(8))
        XCTAssertTrue(drawn.rowText(9).hasPrefix("| [v] o离线 *在线 - x ! S 1"), drawn.rowText(9))
        // The big digits' blocks are reversed spaces: solid, and one column in every mode.
        let block = sampleScreen()[2, 2]
        XCTAssertEqual(block.character, "█")
        XCTAssertEqual(drawn[2, 2], Cell(character: " ", style: block.style.with(reverse: !block.style.reverse)))
    }

    /// A narrow terminal gets the frame as drawn, but for full blocks drawn as reversed spaces (a
    /// CJK font's █ leaves gaps: the board's big digits looked striped in PuTTY).
    func testANarrowTerminalGetsTheFrameAsDrawnButSolidBlocks() {
        let screen = sampleScreen()
        let drawn = screen.drawable(in: .narrow)
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                let expected = cell.character == "█" ? Cell(character: " ", style: cell.style.with(reverse: !cell.style.reverse)) : cell
                XCTAssertEqual(drawn[x, y], expected, "(\(x), \(y))")
            }
        }
        XCTAssertTrue(drawn.rowText(1).hasPrefix("┌──"), drawn.rowText(1))
    }

    /// No ambiguous character anywhere, from the screens or from data (names, pinyin, symbols),
    /// is drawn wider than the layout counted it.
    func testEveryAmbiguousCharacterHasAStandInOfTheLayoutsWidth() {
        var checked = 0
        for v in UInt32(0xA1)...0x1FFFF {
            guard let scalar = Unicode.Scalar(v), DisplayWidth.isAmbiguous(scalar) else { continue }
            let character = Character(scalar)
            guard DisplayWidth.of(character) == 1 else { continue }
            checked += 1
            let standIn = AmbiguousWidth.wide.safeForm(character)
            XCTAssertNotNil(standIn, "U+\(String(v, radix: 16))")
            if let standIn { XCTAssertEqual(AmbiguousWidth.wide.columns(standIn.character), 1, "U+\(String(v, radix: 16))") }
            if character != "█" { XCTAssertNil(AmbiguousWidth.narrow.safeForm(character)) }
        }
        XCTAssertGreaterThan(checked, 800)
        XCTAssertEqual(AmbiguousWidth.wide.safeForm("ǎ")?.character, "a", "pinyin keeps its letter")
        XCTAssertNil(AmbiguousWidth.wide.safeForm("中"))
        XCTAssertNil(AmbiguousWidth.wide.safeForm("A"))
    }

    /// A focused field's cursor stays on its character in wide mode: stand-ins keep every column.
    func testTheCursorKeepsItsColumnInWideMode() {
        var b = ScreenBuffer(width: 40, height: 3)
        var field = TextField(text: "“张三”·李")
        field.cursor = 4
        field.render(x: 2, y: 1, width: 20, focused: true, into: &b)
        let drawn = b.drawable(in: .wide)
        XCTAssertEqual(drawn.cursor, CursorPosition(x: 2 + 1 + 2 + 2 + 1, y: 1))
        XCTAssertEqual(drawn.rowText(1), "  \"张三\"-李")
    }

    func testTheSettingIsReadOrRefusedWithAReason() throws {
        XCTAssertEqual(try AmbiguousWidth.setting("wide"), .wide)
        XCTAssertEqual(try AmbiguousWidth.setting(" Narrow "), .narrow)
        XCTAssertEqual(try AmbiguousWidth.setting("2"), .wide)
        XCTAssertNil(try AmbiguousWidth.setting("auto"))
        XCTAssertNil(try AmbiguousWidth.setting(nil))
        XCTAssertThrowsError(try AmbiguousWidth.setting("double")) { error in
            XCTAssertTrue("\(error)".contains("ambiguous_width）= double"), "\(error)")
        }
    }
}
