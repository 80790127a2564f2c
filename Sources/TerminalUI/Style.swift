/// The eight classic terminal colours plus the terminal's own default. Only these, so screens
/// look the same on a Linux console, an old xterm and a modern emulator.
public enum TerminalColor: Int, Sendable, CaseIterable {
    case standard   // the terminal's default foreground/background
    case black, red, green, yellow, blue, magenta, cyan, white

    /// Bright enough in every palette that black text reads on it and it reads on black.
    public var isLight: Bool { self == .green || self == .yellow || self == .cyan || self == .white }
}

public struct TextStyle: Hashable, Sendable {
    public var fg: TerminalColor
    public var bg: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: TerminalColor = .standard, bg: TerminalColor = .standard, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold
        self.reverse = reverse; self.underline = underline; self.dim = dim
    }

    public static let plain = TextStyle()
    public static let bold = TextStyle(bold: true)
    public static let reverse = TextStyle(reverse: true)
    // Every coloured style names both its colours: the terminal's own background is white on
    // some clerks' PCs and black on others, so a foreground alone (green, yellow) is faint on one
    // of them (issue 18, defect 3). Light colours (cyan, green, yellow, white) carry black text,
    // dark ones (blue, red, black) white text; both read on any palette.
    /// Screen titles: black on cyan, as mc's menu bar (not bold: bold black turns grey).
    public static let title = TextStyle(fg: .black, bg: .cyan)
    /// The key name in the key bar ("F1"): black on cyan, as in mc/htop.
    public static let keyLabel = TextStyle(fg: .black, bg: .cyan)
    public static let warning = TextStyle(fg: .white, bg: .red, bold: true)
    public static let ok = TextStyle(fg: .black, bg: .green)
    public static let muted = TextStyle(dim: true)
    /// The selected row of a table or menu.
    public static let highlight = TextStyle(reverse: true)

    /// This style with both colours explicit, as the backend draws it: a foreground colour on
    /// the terminal's default background gets a background it reads on (black behind the
    /// light colours, white behind blue and black), and a background colour on the default
    /// foreground gets black or white text. Red and magenta read on both and stay as they are;
    /// so do uncoloured styles (the terminal's own pair always reads).
    public var onAnyBackground: TextStyle {
        switch (fg, bg) {
        case (.standard, .standard): return self
        case (let f, .standard): return f.isLight ? with(bg: .black) : (f == .blue || f == .black ? with(bg: .white) : self)
        case (.standard, let b): return with(fg: b.isLight ? .black : .white)
        default: return self
        }
    }

    /// A copy with some attributes changed, e.g. `rowStyle.with(reverse: true)`.
    public func with(fg: TerminalColor? = nil, bg: TerminalColor? = nil, bold: Bool? = nil,
                     reverse: Bool? = nil, underline: Bool? = nil, dim: Bool? = nil) -> TextStyle {
        TextStyle(fg: fg ?? self.fg, bg: bg ?? self.bg, bold: bold ?? self.bold,
                  reverse: reverse ?? self.reverse, underline: underline ?? self.underline, dim: dim ?? self.dim)
    }
}
