import TerminalUI

/// How many columns a character takes, for the layouts that count columns (preview, thermal).
public typealias ColumnMeasure = @Sendable (Character) -> Int

/// Column widths for Printing come from the screen's one table, TerminalUI's `DisplayWidth`,
/// so a preview is laid out exactly as the screen draws it. (Printing kept a table of its own
/// once; it disagreed with the screen on 11,162 code points.)
public enum TextWidth {
    /// The screen's width: `DisplayWidth`, nothing else.
    public static let terminal: ColumnMeasure = { DisplayWidth.of($0) }

    /// A thermal ticket's width: the screen's, where the screen is certain (printable ASCII one
    /// column, wide and fullwidth characters two), plus the one fact of the printer: in Chinese
    /// mode it prints every double-byte GB18030 character in its 24-dot font, so a mark the
    /// screen draws narrow (“ ” — · …, East Asian Width "ambiguous") takes two columns on paper,
    /// as do the □ that replace what it cannot print. Counting them as one would overflow the roll.
    public static let thermal: ColumnMeasure = { character in
        if let a = character.asciiValue, a >= 0x20, a != 0x7F { return DisplayWidth.of(character) }
        return 2
    }

    public static func columns(_ text: String, _ measure: ColumnMeasure) -> Int {
        text.reduce(0) { $0 + measure($1) }
    }
}
