import XCTest
@testable import TerminalUI

/// Issue 18, defect 2: sequences the TERM's terminfo lacks are read as the keys they are, or
/// swallowed whole as one unknown key; never split into letters that are commands.
final class KeySequenceTests: XCTestCase {
    private func decode(_ s: String, atEnd: Bool = true) -> KeySequence.Outcome {
        KeySequence.decode(Array(s.utf8), atEnd: atEnd)
    }

    private func key(_ s: String) -> Key? {
        guard case .key(let key, let length) = decode(s) else { return nil }
        XCTAssertEqual(length, s.utf8.count, "the whole of \(s.debugDescription) is one key")
        return key
    }

    func testFunctionKeysInEveryCommonDialect() {
        let dialects: [(String, [String])] = [
            ("xterm / VT100 / PuTTY SS3", ["\u{1B}OP", "\u{1B}OQ", "\u{1B}OR", "\u{1B}OS"]),
            ("rxvt / urxvt / PuTTY ESC[n~", ["\u{1B}[11~", "\u{1B}[12~", "\u{1B}[13~", "\u{1B}[14~", "\u{1B}[15~"]),
            ("Linux console", ["\u{1B}[[A", "\u{1B}[[B", "\u{1B}[[C", "\u{1B}[[D", "\u{1B}[[E"]),
            ("xterm CSI", ["\u{1B}[1P", "\u{1B}[1Q", "\u{1B}[1R", "\u{1B}[1S"]),
        ]
        for (dialect, sequences) in dialects {
            XCTAssertEqual(sequences.map(key), (1...sequences.count).map { .function($0) }, dialect)
        }
        // F5–F12 are the same everywhere but xterm's F5.
        XCTAssertEqual(["[15~", "[17~", "[18~", "[19~", "[20~", "[21~", "[23~", "[24~"].map { key("\u{1B}" + $0) },
                       (5...12).map { .function($0) })
    }

    func testCursorEditingAndKeypadKeys() {
        XCTAssertEqual(["[A", "OB", "[C", "OD", "[H", "OF", "[1~", "[4~", "[7~", "[8~", "[3~", "[5~", "[6~", "[Z", "OM"]
                        .map { key("\u{1B}" + $0) },
                       [.up, .down, .right, .left, .home, .end, .home, .end, .home, .end, .delete, .pageUp, .pageDown, .backTab, .enter])
        // The numeric keypad in application mode still types digits (the ticket desk takes digits).
        XCTAssertEqual(["Op", "Ot", "Oy", "On"].map { key("\u{1B}" + $0) },
                       [.character("0"), .character("4"), .character("9"), .character(".")])
    }

    /// F1 and F4 of xterm reached a TERM=linux program as ESC, O, P and ESC, O, S: P (交屏) and
    /// S (受理) ran. Any sequence not understood is one unknown key, named once.
    func testUnknownSequencesAreSwallowedWhole() {
        for (sequence, name) in [("\u{1B}[25~", "ESC[25~"), ("\u{1B}[1;5P", "ESC[1;5P"), ("\u{1B}O2S", "ESCO2S"),
                                 ("\u{1B}[?1;2c", "ESC[?1;2c"), ("\u{1B}[[Z", "ESC[[Z"), ("\u{1B}OX", "ESCOX")] {
            XCTAssertEqual(key(sequence), .unknown(name), sequence.debugDescription)
        }
        // Alt with a letter is not the letter's command either.
        XCTAssertEqual(key("\u{1B}s"), .unknown("ESCs"))
        XCTAssertEqual(key("\u{1B}\u{1B}OP"), .unknown("Alt-F1"))
        XCTAssertEqual(Key.unknown("ESC[25~").notUnderstood, "无法识别的按键（ESC[25~），已忽略；若功能键无效，请检查终端类型 TERM 与键盘设置")
        XCTAssertNil(Key.function(1).notUnderstood)
    }

    func testASequenceWaitsForItsEndAndLeavesWhatFollows() {
        XCTAssertEqual(decode("\u{1B}", atEnd: false), .needMore)
        XCTAssertEqual(decode("\u{1B}[1", atEnd: false), .needMore)
        XCTAssertEqual(decode("\u{1B}[[", atEnd: false), .needMore)
        XCTAssertEqual(decode("\u{1B}O", atEnd: false), .needMore)
        // Nothing more came: a lone ESC is Esc; a cut-off sequence is unknown, never letters.
        XCTAssertEqual(decode("\u{1B}"), .key(.escape, length: 1))
        XCTAssertEqual(decode("\u{1B}\u{1B}"), .key(.escape, length: 2))
        XCTAssertEqual(decode("\u{1B}[12"), .key(.unknown("ESC[12"), length: 4))
        // The final byte ends the sequence; what follows is the next key's.
        XCTAssertEqual(decode("\u{1B}OPs", atEnd: false), .key(.function(1), length: 3))
        // A byte that cannot belong to a sequence ends it there.
        XCTAssertEqual(decode("\u{1B}[1\r"), .key(.unknown("ESC[1"), length: 3))
    }
}
