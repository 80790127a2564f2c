import Foundation

/// The stand-ins drawn in wide mode. Each is one column in every terminal and every mode
/// (printable ASCII, or a space with reverse video for a solid block), the same width the
/// layout gave the original, so a row stays exactly as wide as the layout made it.
extension AmbiguousWidth {
    /// What the backend draws for `character` in this mode: nil to draw it as it is, else a
    /// one-column stand-in, with `invert` when it is a solid block drawn as a reversed space.
    /// In both modes a full block "█" (the board's big digits) is a reversed space: CJK fonts draw
    /// their █ narrower than the cell, with gaps between blocks (seen in PuTTY, issue 18 defect 6).
    public func safeForm(_ character: Character) -> (character: Character, invert: Bool)? {
        if character == "█" { return (" ", true) }
        guard self == .wide, let base = character.unicodeScalars.first, DisplayWidth.of(character) == 1 else { return nil }
        let v = base.value
        if v < 0xA1 { return nil }
        if let mark = Self.fontWideMarks[base] { return (mark, false) }
        guard DisplayWidth.isAmbiguous(base) else { return nil }
        if (0x2500...0x257F).contains(v) { return (Self.boxStandIn(v), false) }
        if (0x2580...0x259F).contains(v) { return Self.blockStandIn(v) }
        if let mapped = Self.standIns[base] { return (mapped, false) }
        return (Self.decomposed(character) ?? "?", false)
    }

    /// Not ambiguous by Unicode, but drawn two columns wide by the CJK fonts a wide-mode terminal
    /// is set up with (issue 18, defect 6: "[✓]" runs into its bracket).
    private static let fontWideMarks: [Unicode.Scalar: Character] = [
        "✓": "v", "✔": "v", "✗": "x", "✘": "x", "⚠": "!", "−": "-", "‐": "-", "‑": "-",
    ]

    /// The punctuation, arrows and marks the screens use, and their ASCII look-alikes.
    private static let standIns: [Unicode.Scalar: Character] = [
        "·": "-", "‧": "-", "•": "*", "∙": "-", "–": "-", "—": "-", "―": "-",
        "“": "\"", "”": "\"", "„": "\"", "″": "\"", "‘": "'", "’": "'", "′": "'", "…": "~",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "↔": "-", "↕": "|", "⇒": ">", "⇐": "<",
        "≥": ">", "≤": "<", "≈": "~", "≠": "#", "×": "x", "÷": "/", "±": "+", "°": "o", "℃": "C", "§": "S",
        "※": "*", "★": "*", "☆": "*", "○": "o", "◯": "O", "●": "*", "◎": "@", "◇": "o", "◆": "*",
        "□": "o", "■": "#", "△": "^", "▲": "^", "▽": "v", "▼": "v", "▶": ">", "►": ">", "◀": "<", "◄": "<",
        "\u{FFFD}": "?",
    ]

    /// Box drawing as an ASCII frame: "-" and "=" across, "|" down, "+" at corners and joints.
    private static func boxStandIn(_ v: UInt32) -> Character {
        switch v {
        case 0x2550: return "="
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D,
             0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E: return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551,
             0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F: return "|"
        case 0x2571: return "/"
        case 0x2572: return "\\"
        case 0x2573: return "X"
        default: return "+"
        }
    }

    /// █ and the blocks of at least half a cell (the call board's big digits, the bar charts'
    /// ends) as a reversed space, which looks the same; thinner eighths as a space; shades "#".
    private static func blockStandIn(_ v: UInt32) -> (character: Character, invert: Bool) {
        switch v {
        case 0x2588...0x258C: return (" ", true)
        case 0x258D...0x258F: return (" ", false)
        default: return ("#", false)
        }
    }

    /// Letters with accents (pinyin ǎ, é) and circled or compatibility digits (①) by their
    /// plain ASCII letter, when that is a single character.
    private static func decomposed(_ character: Character) -> Character? {
        let visible = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { DisplayWidth.of($0) > 0 }
        guard visible.count == 1, let only = visible.first, only.isASCII, only.value >= 0x21, only.value < 0x7F else { return nil }
        return Character(only)
    }
}

extension ScreenBuffer {
    /// This frame as a terminal that draws ambiguous characters `mode` wide must be given it:
    /// in wide mode every ambiguous character replaced by its one-column stand-in, so every row
    /// is still exactly `width` columns on that terminal; in narrow mode only "█" is replaced.
    public func drawable(in mode: AmbiguousWidth) -> ScreenBuffer {
        var out = self
        out.mapCells { cell in
            guard !cell.isContinuation, let (character, invert) = mode.safeForm(cell.character) else { return cell }
            return Cell(character: character, style: invert ? cell.style.with(reverse: !cell.style.reverse) : cell.style)
        }
        return out
    }
}
