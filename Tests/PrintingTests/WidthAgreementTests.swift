import XCTest
import TerminalUI
@testable import Printing

/// Issue 17, point 4: one display-width table and one line-breaking rule for the screen, the
/// preview and thermal tickets. (The PDF is laid out by Pango with real glyph metrics and
/// counts no columns.)
final class WidthAgreementTests: XCTestCase {
    /// Printing's own table used to disagree with the screen's on 11,162 code points.
    func testEveryCodePointMeasuresAsOnTheScreen() {
        var disagreements: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }   // surrogates are not characters
            let c = Character(scalar)
            if TextWidth.terminal(c) != DisplayWidth.of(c) { disagreements.append(String(format: "U+%04X", v)) }
        }
        XCTAssertEqual(disagreements.count, 0, "first: \(disagreements.prefix(10))")
    }

    /// The ticket agrees with the screen wherever the screen is certain; it differs only where
    /// the printer prints a double-byte character the screen draws narrow.
    func testThermalWidthIsTheScreensWhereTheScreenIsCertain() {
        var disagreements: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = Character(scalar)
            let screen = DisplayWidth.of(c)
            let certain = screen == 2 || (v >= 0x20 && v < 0x7F)
            if certain, TextWidth.thermal(c) != screen { disagreements.append(String(format: "U+%04X", v)) }
            if !certain, TextWidth.thermal(c) != 2 { disagreements.append(String(format: "U+%04X", v)) }
        }
        XCTAssertEqual(disagreements.count, 0, "first: \(disagreements.prefix(10))")
    }

    /// 避头尾 once: the screen's `wrap` and Printing's `TextWrap` break alike. The screen used to
    /// let “ end a line and ” start one.
    func testScreenAndPrintBreakLinesByOneRule() {
        XCTAssertEqual(wrap("一二三“身份证”", width: 8), ["一二三", "“身份证”"])
        XCTAssertEqual(wrap("一二三四”五", width: 8), ["一二三", "四”五"])
        let samples = ["请携带“身份证”原件及复印件一份。", "一次性告知：缺少（营业执照）副本——请补正。",
                       "办件编号YC202603020001，请凭此号查询「办理进度」！", "一二三四”五", "一二三“身份证”"]
        for text in samples {
            for width in 6...24 {
                XCTAssertEqual(wrap(text, width: width), TextWrap.lines(text, width: width, measure: TextWidth.terminal),
                               "\(text) at \(width)")
            }
        }
    }
}
