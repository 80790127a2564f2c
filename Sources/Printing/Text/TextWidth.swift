/// How many columns a character takes, for the layouts that count columns (preview, thermal).
public typealias ColumnMeasure = @Sendable (Character) -> Int

public enum TextWidth {
    /// Terminal columns after Unicode's East Asian Width: wide and fullwidth characters take two.
    /// HallApp may pass TerminalUI's `DisplayWidth.of` instead, so the preview measures exactly
    /// like the screen it is drawn on; this table agrees with it on everything a notice contains,
    /// and keeps Printing free of the terminal engine.
    public static let terminal: ColumnMeasure = { character in
        guard let first = character.unicodeScalars.first else { return 0 }
        let v = first.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .format { return 0 }
        for range in wideRanges where range.contains(v) { return 2 }
        if v >= 0x2300, first.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Thermal printers in Chinese mode print every double-byte GB18030 character at double
    /// width, including punctuation such as “” and — that terminals draw narrow. So a thermal line
    /// is counted by the encoding: ASCII one column, everything else two (□ replacements included).
    public static let thermal: ColumnMeasure = { character in
        if let a = character.asciiValue, a >= 0x20, a != 0x7F { return 1 }
        return 2
    }

    public static func columns(_ text: String, _ measure: ColumnMeasure) -> Int {
        text.reduce(0) { $0 + measure($1) }
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
