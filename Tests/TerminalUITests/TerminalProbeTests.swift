import XCTest
@testable import TerminalUI

/// The start-up probe against a real pty, the test answering as terminals in each mode do
/// (issue 18, defect 1 and must-deliver 3).
final class TerminalProbeTests: XCTestCase {
    private func probe(answers: [String]) throws -> (TerminalProbe.Answer?, String) {
        let pty = try PseudoTerminal()
        return pty.answering(answers) { TerminalProbe.run(input: pty.slave, output: pty.slave, timeoutMilliseconds: 500) }
    }

    /// A default terminal: "好好" ends at column 5 (4 columns after column 1), "·─" at column 3.
    func testANarrowTerminalIsReadAsNarrow() throws {
        let (answer, written) = try probe(answers: ["\u{1B}[24;5R", "\u{1B}[24;3R"])
        XCTAssertEqual(answer, TerminalProbe.Answer(showsUTF8: true, chineseColumns: 4, ambiguous: .narrow))
        XCTAssertTrue(written.hasPrefix("\r好好\u{1B}[6n\r·─\u{1B}[6n"), written)
        XCTAssertTrue(written.hasSuffix("\r\u{1B}[K"), "the test characters are erased: \(written.debugDescription)")
    }

    /// PuTTY with "treat CJK ambiguous characters as wide", xterm -cjk_width: "·─" takes 4 columns.
    func testAWideTerminalIsReadAsWide() throws {
        let (answer, _) = try probe(answers: ["\u{1B}[24;5R", "\u{1B}[24;5R"])
        XCTAssertEqual(answer, TerminalProbe.Answer(showsUTF8: true, chineseColumns: 4, ambiguous: .wide))
    }

    /// A terminal set to Latin-1 draws the six UTF-8 bytes of "好好" as six characters.
    func testATerminalThatIsNotUTF8IsToldApart() throws {
        let (answer, _) = try probe(answers: ["\u{1B}[24;7R", "\u{1B}[24;5R"])
        XCTAssertEqual(answer?.showsUTF8, false)
        XCTAssertEqual(answer?.chineseColumns, 6)
    }

    /// No answer: nothing is known; the caller keeps its default instead of guessing.
    func testATerminalThatDoesNotAnswerGivesNoAnswer() throws {
        let (answer, _) = try probe(answers: [])
        XCTAssertNil(answer)
    }

    /// Keys typed before the answer arrives do not hide it.
    func testTheReportIsFoundAmongTypedKeys() {
        let bytes = Array("ab\u{1B}[A\u{1B}[12;34Rc".utf8)
        XCTAssertEqual(TerminalProbe.cursorPosition(in: bytes).map { [$0.row, $0.column] }, [12, 34])
        XCTAssertNil(TerminalProbe.cursorPosition(in: Array("\u{1B}[1;5".utf8)), "an incomplete report is no report")
    }
}
