import TerminalUI

/// Breaks text into lines of at most `width` columns for the column-counted layouts.
///
/// Chinese may break between any two characters; a run of Latin letters and digits (a case
/// number, a URL) moves whole to the next line when it fits there; closing punctuation never
/// starts a line and opening punctuation never ends one (避头尾, TerminalUI's `LineBreakRule`,
/// the same rule the screen wraps by).
public enum TextWrap {
    public static func lines(_ text: String, width: Int, measure: ColumnMeasure, firstLineIndent: Int = 0) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrap(Array(paragraph), width: width, measure: measure,
                          indent: lines.isEmpty ? firstLineIndent : 0)
        }
        return lines
    }

    private static func wrap(_ chars: [Character], width: Int, measure: ColumnMeasure, indent: Int) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var used = min(indent, width - 1)
        var prefix = String(repeating: " ", count: used)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let w = measure(c)
            if used + w <= width {
                line.append(c); used += w; i += 1
                continue
            }
            if line.isEmpty {   // a character wider than the whole line still has to go somewhere
                line.append(c); used += w; i += 1
                continue
            }
            // The line is full. Keep a Latin word whole, and keep punctuation where it belongs.
            var carry = 0
            if isWordChar(c) {
                var j = line.count
                while j > 0, isWordChar(line[j - 1]) { j -= 1 }
                let wordWidth = line[j...].reduce(0) { $0 + measure($1) } + w
                if j > 0, wordWidth <= width { carry = line.count - j }
            } else if LineBreakRule.noLineStart.contains(c), line.count > 1 {
                // Carry the closing marks already at the line's end (a ——) and the character
                // before them, so the next line starts with that character, not with a mark.
                var j = line.count - 1
                while j > 0, LineBreakRule.noLineStart.contains(line[j]) { j -= 1 }
                if j > 0 { carry = line.count - j }
            }
            if carry == 0, let last = line.last, LineBreakRule.noLineEnd.contains(last), line.count > 1 { carry = 1 }
            var next = Array(line.suffix(carry))
            line.removeLast(carry)
            lines.append(prefix + trimmedTrailing(line))
            prefix = ""
            while next.first == " " { next.removeFirst() }
            line = next
            used = line.reduce(0) { $0 + measure($1) }
            if line.isEmpty, c == " " { i += 1 }   // a space at a break is swallowed
        }
        lines.append(prefix + trimmedTrailing(line))
        return lines
    }

    private static func isWordChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    private static func trimmedTrailing(_ chars: [Character]) -> String {
        var s = chars
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
