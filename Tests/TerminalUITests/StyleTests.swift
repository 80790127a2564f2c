import XCTest
@testable import TerminalUI

/// Colours that read on a white and on a black terminal background (issue 18, defect 3).
final class StyleTests: XCTestCase {
    /// The shared styles name both colours, light text never on a light background.
    func testNamedStylesHaveExplicitReadablePairs() {
        for (name, style) in [("title", TextStyle.title), ("keyLabel", .keyLabel), ("warning", .warning), ("ok", .ok)] {
            XCTAssertNotEqual(style.fg, .standard, name)
            XCTAssertNotEqual(style.bg, .standard, name)
            XCTAssertNotEqual(style.fg.isLight, style.bg.isLight, "\(name): \(style.fg) on \(style.bg)")
        }
    }

    /// A screen's own "yellow text" (the board's window number) gets a background it reads on.
    func testAColourOnTheTerminalsBackgroundGetsItsOwnBackground() {
        for fg in TerminalColor.allCases where fg != .standard {
            let drawn = TextStyle(fg: fg, bold: true).onAnyBackground
            XCTAssertEqual(drawn.fg, fg)
            XCTAssertTrue(drawn.bold)
            if fg == .red || fg == .magenta { continue }   // read on black and on white alike
            XCTAssertNotEqual(drawn.bg, .standard, "\(fg)")
            XCTAssertNotEqual(fg.isLight, drawn.bg.isLight, "\(fg) on \(drawn.bg)")
        }
        XCTAssertEqual(TextStyle(fg: .yellow).onAnyBackground, TextStyle(fg: .yellow, bg: .black))
        XCTAssertEqual(TextStyle(bg: .cyan).onAnyBackground, TextStyle(fg: .black, bg: .cyan))
        XCTAssertEqual(TextStyle.muted.onAnyBackground, .muted, "the terminal's own pair always reads")
    }
}
