/// A one-line text input: names, ID numbers, PINs. Counts in characters (what a person
/// typed), draws in columns (CJK characters are two wide).
public struct TextField: Sendable {
    public var text: String { didSet { cursor = min(cursor, text.count) } }
    /// Cursor position as a character index into `text` (0...text.count).
    public var cursor: Int
    /// Maximum number of characters.
    public var maxLength: Int
    /// PIN entry: draws one "*" per character.
    public var isSecret: Bool
    /// Which characters may be typed, e.g. `{ $0.isASCII && $0.isNumber }`; nil allows all.
    public var allowed: (@Sendable (Character) -> Bool)?
    /// True when the last typed character was refused because the field is full, so the
    /// screen can say "已达最大长度 N 字". Cleared by the next key that edits or moves.
    public private(set) var overflowed = false
    /// How many characters of the last paste did not fit and were dropped (0 when none).
    public private(set) var droppedFromPaste = 0

    public init(text: String = "", maxLength: Int = 100, isSecret: Bool = false,
                allowed: (@Sendable (Character) -> Bool)? = nil) {
        self.text = text
        self.cursor = text.count
        self.maxLength = maxLength
        self.isSecret = isSecret
        self.allowed = allowed
    }

    /// "已达最大长度 N 字" — the message for `overflowed`; after a paste that did not fit, how
    /// much of it was dropped (said once, for the whole paste).
    public var overflowMessage: String {
        droppedFromPaste > 0 ? "粘贴的内容超过本栏上限 \(maxLength) 字，多出的 \(droppedFromPaste) 字已舍去" : "已达最大长度 \(maxLength) 字"
    }

    /// Handles editing keys: characters, Backspace, Delete, ←, →, Home, End, Ctrl-A/Ctrl-E
    /// (home/end) and Ctrl-U (clear). Returns true if the key was consumed.
    ///
    /// Control characters are never stored: one that arrives as `.character` (the ESC of a
    /// pasted escape sequence) is stored as its inert visible form from `sanitize` (␛).
    /// A character beyond `maxLength` is refused: returns true, text unchanged, `overflowed`
    /// set. A character the `allowed` filter rejects returns false, so the screen may use it
    /// as a command key (e.g. "?" for help in a digits-only field).
    public mutating func handle(_ key: Key) -> Bool {
        let position = min(max(0, cursor), text.count)
        droppedFromPaste = 0
        switch key {
        case .paste(let raw):
            // What fits is kept, the rest dropped at once; characters the filter refuses are left out.
            var typed = Array(sanitize(raw))
            if let allowed { typed = typed.filter(allowed) }
            let room = max(0, maxLength - text.count)
            if typed.count > room { droppedFromPaste = typed.count - room; typed = Array(typed.prefix(room)) }
            let index = text.index(text.startIndex, offsetBy: position)
            let before = text.count
            text.insert(contentsOf: typed, at: index)
            cursor = position + (text.count - before)
            overflowed = droppedFromPaste > 0
            return true
        case .character(let raw):
            let typed = Array(sanitize(String(raw)))
            if let allowed, !typed.allSatisfy(allowed) { return false }
            if text.count + typed.count > maxLength { overflowed = true; return true }
            let index = text.index(text.startIndex, offsetBy: position)
            let before = text.count
            text.insert(contentsOf: typed, at: index)
            // A combining mark merges with the previous character: advance by the real growth.
            cursor = position + (text.count - before)
        case .backspace:
            guard position > 0 else { overflowed = false; return true }
            text.remove(at: text.index(text.startIndex, offsetBy: position - 1))
            cursor = position - 1
        case .delete:
            guard position < text.count else { overflowed = false; return true }
            text.remove(at: text.index(text.startIndex, offsetBy: position))
            cursor = position
        case .left: cursor = max(0, position - 1)
        case .right: cursor = min(text.count, position + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"): text = ""; cursor = 0
        default: return false
        }
        overflowed = false
        return true
    }

    /// Draws the field in `width` columns, scrolled horizontally so the cursor is visible;
    /// underlined when focused. A focused field records its insertion point as the buffer's
    /// `cursor`, where the backend shows the terminal's cursor. Returns that column.
    @discardableResult
    public func render(x: Int, y: Int, width: Int, focused: Bool, into buffer: inout ScreenBuffer) -> Int {
        guard width > 0 else { return x }
        let style: TextStyle = focused ? TextStyle(underline: true) : .plain
        let shown: [Character] = isSecret ? Array(repeating: "*", count: text.count) : Array(sanitize(text))
        let position = min(max(0, cursor), shown.count)
        // Scroll: keep the cursor within the field, leaving its own cell free at the right end.
        var start = 0
        var cursorColumn = shown[..<position].reduce(0) { $0 + DisplayWidth.of($1) }
        while cursorColumn > width - 1, start < position {
            cursorColumn -= DisplayWidth.of(shown[start])
            start += 1
        }
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        buffer.put(String(shown[start...]), x: x, y: y, maxWidth: width, style: style)
        let column = x + min(cursorColumn, width - 1)
        if focused { buffer.cursor = CursorPosition(x: column, y: y) }
        return column
    }
}
