/// Column width of text on a terminal, from a pure-Swift East Asian Width table.
///
/// Why not libc `wcwidth`: it depends on the process locale (it returns −1 for every
/// non-ASCII character in the C locale) and on the libc's Unicode version, so layout would
/// change with the environment. This table follows Unicode's East Asian Width property:
/// Wide (W) and Fullwidth (F) are 2 columns, Ambiguous (A) is 1 (what terminals do by default),
/// combining marks and zero-width format characters are 0.
public enum DisplayWidth {
    /// 0 for combining / zero-width / control, 1 for narrow, 2 for wide.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Fast path: printable ASCII is by far the most common input.
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }   // controls: sanitize() makes them visible
        if v < 0x300 { return 1 }                              // Latin-1 etc.: narrow
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) { return 2 }
        // Emoji with default emoji presentation are East Asian Wide since Unicode 9.
        // Regional indicators (flag halves) stay narrow, as in the EAW table and glibc.
        if v >= 0x2300, !(v >= 0x1F1E6 && v <= 0x1F1FF), scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Width of one grapheme cluster: the widest of its scalars (a base character plus
    /// combining marks keeps the base's width; an emoji sequence is 2), at most 2.
    /// A variation selector does not widen a narrow base: terminals and ncurses (which
    /// measure per code point) disagree about it, and agreeing with ncurses keeps rows aligned.
    public static func of(_ character: Character) -> Int {
        var widest = 0
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w > widest { widest = w; if widest == 2 { break } }
        }
        return widest
    }

    public static func of(_ string: String) -> Int {
        var total = 0
        for character in string { total += of(character) }
        return total
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x1160 && v <= 0x11FF { return true }   // Hangul Jamo medial vowels / finals combine
        if v >= 0xD7B0 && v <= 0xD7FF { return true }   // Hangul Jamo Extended-B, same
        if v == 0x200B { return true }                   // zero width space
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian Wide / Fullwidth ranges (Unicode 15), excluding emoji handled above.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2329...0x232A,   // angle brackets
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols & punctuation (。、「」)
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compat Jamo, Kanbun, enclosed CJK, CJK compat
        0x3400...0x4DFF,   // CJK Extension A, Yijing hexagrams
        0x4E00...0x9FFF,   // CJK Unified Ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms (，：（）Ａ); FF61–FF9F halfwidth katakana stay narrow
        0xFFE0...0xFFE6,   // fullwidth signs ￥
        0x16FE0...0x16FFF,  // ideographic symbols (Tangut/Nushu marks)
        0x17000...0x18DFF, // Tangut, Khitan, Tangut supplement
        0x1AFF0...0x1B2FF, // Kana supplement/extended, Nushu
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, // CJK Extensions B–F
        0x30000...0x3FFFD, // CJK Extension G+
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        // Binary search: the table is sorted and non-overlapping.
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
