/// Column-based string helpers. Everything measures display columns (DisplayWidth), never
/// characters: "政务" is 4 columns. All of them sanitize first so that the width they compute
/// is the width that will actually be drawn.

public enum Alignment: Sendable { case left, right, center }

/// Cuts `s` to at most `toWidth` columns. A wide character that would straddle the edge
/// becomes a space, so the result is exactly `toWidth` columns whenever `s` is at least that wide.
public func clip(_ s: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    let clean = sanitize(s)
    var used = 0
    var out = ""
    for character in clean {
        let w = DisplayWidth.of(character)
        if used + w > width {
            if used < width { out.append(" ") }   // half a wide char would not fit
            break
        }
        out.append(character)
        used += w
    }
    return out
}

/// Clips, then pads with spaces to exactly `toWidth` columns.
public func pad(_ s: String, toWidth width: Int, align: Alignment = .left) -> String {
    guard width > 0 else { return "" }
    let clipped = clip(s, toWidth: width)
    let gap = width - DisplayWidth.of(clipped)
    guard gap > 0 else { return clipped }
    switch align {
    case .left: return clipped + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + clipped
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + clipped + String(repeating: " ", count: gap - left)
    }
}

/// Wraps text to lines of at most `width` columns. "\n" starts a new line.
/// CJK text may break between any two characters, except as `LineBreakRule` (避头尾) forbids:
/// closing punctuation (，。、：；！？）」…) does not start a line (the character before it moves
/// down with it), and opening punctuation (（“「…) does not end one (it moves down).
/// Runs of narrow non-space characters (ASCII words, numbers like A001) are kept whole
/// unless a single word is longer than the line.
public func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        lines.append(contentsOf: wrapParagraph(sanitize(String(paragraph)), width: width))
    }
    return lines
}

private func wrapParagraph(_ text: String, width: Int) -> [String] {
    // Tokens: a run of narrow non-space characters (a "word"), a single space, or a single wide char.
    var tokens: [String] = []
    var word = ""
    for character in text {
        if character == " " || DisplayWidth.of(character) == 2 {
            if !word.isEmpty { tokens.append(word); word = "" }
            tokens.append(String(character))
        } else {
            word.append(character)
        }
    }
    if !word.isEmpty { tokens.append(word) }

    var lines: [String] = []
    var line: [Character] = []
    var lineWidth = 0
    func flush() {
        while line.last == " " { line.removeLast() }   // no trailing spaces at a break
        lines.append(String(line)); line = []; lineWidth = 0
    }
    for token in tokens {
        let w = DisplayWidth.of(token)
        if lineWidth + w <= width {
            if !(token == " " && line.isEmpty && !lines.isEmpty) {   // no leading space after a break
                line.append(contentsOf: token); lineWidth += w
            }
            continue
        }
        if token == " " { flush(); continue }
        if let first = token.first, LineBreakRule.noLineStart.contains(first), line.count > 1 {
            // Keep closing punctuation off the start of a line: carry the closing marks already
            // at the line's end (」 before ！) and the character before them.
            var j = line.count - 1
            while j > 0, LineBreakRule.noLineStart.contains(line[j]) { j -= 1 }
            if j > 0, line[j] != " " {
                let carried = Array(line[j...])
                line.removeLast(carried.count)
                flush()
                line = carried; lineWidth = DisplayWidth.of(String(carried))
                if lineWidth + w <= width { line.append(contentsOf: token); lineWidth += w; continue }
            }
        }
        if line.count > 1, let opening = line.last, LineBreakRule.noLineEnd.contains(opening) {
            // An opening mark moves down to start the next line with what it opens.
            line.removeLast()
            flush()
            line = [opening]; lineWidth = DisplayWidth.of(opening)
            if lineWidth + w <= width { line.append(contentsOf: token); lineWidth += w; continue }
        }
        if !line.isEmpty { flush() }
        if w <= width {
            line.append(contentsOf: token); lineWidth = w
        } else {
            // A word longer than a whole line: break it by columns.
            for character in token {
                let cw = DisplayWidth.of(character)
                if lineWidth + cw > width { flush() }
                if cw <= width { line.append(character); lineWidth += cw }
            }
        }
    }
    if !line.isEmpty || lines.isEmpty { flush() }
    return lines
}
