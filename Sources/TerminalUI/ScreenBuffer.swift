/// One terminal cell. A wide character occupies its own cell plus the next one, which is
/// marked `isContinuation` (its `character` is a space and is never drawn).
public struct Cell: Equatable, Hashable, Sendable {
    public var character: Character
    public var style: TextStyle
    public var isContinuation: Bool

    public init(character: Character = " ", style: TextStyle = .plain, isContinuation: Bool = false) {
        self.character = character; self.style = style; self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// What a screen looks like, cell by cell. Views draw here (pure, testable); a Backend then
/// presents it. We never let ncurses lay out text itself: it wraps instead of clipping and
/// counts characters, not columns.
///
/// Invariant: every wide character's cell is followed by a continuation cell, and every
/// continuation cell follows a wide character. `put` keeps it by blanking the other half of
/// any wide character it partly overwrites.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]
    /// Where typing goes: the insertion point of the focused text field, set by
    /// `TextField.render`. The backend puts the terminal's own cursor there (so an input
    /// method's candidate window follows it) and hides the cursor when this is nil. Anything
    /// drawn later over that cell (a dialog, the help) takes it away.
    public var cursor: CursorPosition?
    /// The framed boxes drawn, in order (`Box.render`, so also every dialog and the help). A
    /// backend repaints the whole terminal when they differ from the last frame's: a dialog
    /// opened or closed, or another screen came up (issue 18, defect 5).
    public var frames: [Rect] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// The cells of row `y` (empty outside the buffer). Backends compare rows to find changes.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public mutating func clear(style: TextStyle = .plain) {
        cursor = nil
        frames = []
        let cell = Cell(character: " ", style: style)
        for i in cells.indices { cells[i] = cell }
    }

    /// Draws sanitized text at (x, y), clipped to `maxWidth` columns (default: to the right
    /// edge) and to the buffer. Returns the columns used counted from `x` (including any
    /// that fell off the left edge), so callers can chain: `x += buffer.put(...)`.
    /// A wide character that does not fit becomes a space. Zero-width characters that are
    /// not attached to a base character are dropped (a cell cannot hold them alone).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: TextStyle = .plain) -> Int {
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)   // exclusive end column
        guard x < limit else { return 0 }
        let rowVisible = y >= 0 && y < height
        var column = x
        for character in sanitize(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit {
                if column < limit { setCells(at: column, y: y, character: " ", width: 1, style: style, visible: rowVisible); column += 1 }
                break
            }
            if column < 0 && column + w > 0 {
                // A wide char straddling the left edge: only its right half would show.
                setCells(at: 0, y: y, character: " ", width: 1, style: style, visible: rowVisible)
            } else if column >= 0 {
                setCells(at: column, y: y, character: character, width: w, style: style, visible: rowVisible)
            }
            column += w
        }
        return column - x
    }

    /// Fills a rectangle (clipped to the buffer) with a character.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: TextStyle = .plain) {
        let w = max(1, DisplayWidth.of(character))
        let line = String(repeating: String(character), count: rect.width / w + 1)
        for row in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            put(line, x: rect.x, y: row, maxWidth: rect.width, style: style)
        }
    }

    /// Gives every cell of `rect` drawn in the terminal's own colours the screen's own pair
    /// instead, keeping colours a style names: a call board on a hall's TV looks the same
    /// whatever palette the terminal has (issue 18, defect 3). Call it after drawing.
    public mutating func paint(_ rect: Rect, fg: TerminalColor, bg: TerminalColor) {
        for y in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for x in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) {
                var style = cells[y * width + x].style
                if style.fg == .standard { style.fg = fg }
                if style.bg == .standard { style.bg = bg }
                cells[y * width + x].style = style
            }
        }
    }

    /// Row `y` as plain text: continuation cells omitted, trailing spaces trimmed.
    public func rowText(_ y: Int) -> String {
        var s = ""
        for cell in row(y) where !cell.isContinuation { s.append(cell.character) }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// All rows joined by "\n", each trimmed of trailing spaces (stable golden-file text).
    public var text: String {
        (0..<height).map(rowText).joined(separator: "\n")
    }

    /// Replaces every cell; `transform` must keep each cell's width (a stand-in for a
    /// one-column character is one column), so the wide-character invariant holds.
    mutating func mapCells(_ transform: (Cell) -> Cell) {
        for i in cells.indices { cells[i] = transform(cells[i]) }
    }

    /// Writes a character of `width` (1 or 2) columns starting at `column`, keeping the
    /// wide-character invariant for whatever it overwrites.
    private mutating func setCells(at column: Int, y: Int, character: Character, width w: Int, style: TextStyle, visible: Bool) {
        guard visible, column >= 0, column + w <= width else { return }
        if let c = cursor, c.y == y, c.x >= column, c.x < column + w { cursor = nil }   // covered: no longer where typing goes
        let base = y * width
        // Overwriting the right half of a wide char: blank its left half.
        if cells[base + column].isContinuation, column > 0 {
            cells[base + column - 1] = Cell(character: " ", style: cells[base + column - 1].style)
        }
        // Overwriting the left half of a wide char: blank its orphaned right half.
        let after = column + w
        if after < width, cells[base + after].isContinuation {
            cells[base + after] = Cell(character: " ", style: cells[base + after].style)
        }
        cells[base + column] = Cell(character: character, style: style)
        if w == 2 { cells[base + column + 1] = Cell(character: " ", style: style, isContinuation: true) }
    }
}

/// A cell position on the terminal (column, row).
public struct CursorPosition: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}
