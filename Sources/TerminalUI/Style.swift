/// The eight classic terminal colours plus the terminal's own default. Only these, so screens
/// look the same on a Linux console, an old xterm and a modern emulator.
public enum TerminalColor: Int, Sendable, CaseIterable {
    case standard   // the terminal's default foreground/background
    case black, red, green, yellow, blue, magenta, cyan, white
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
    /// Screen titles: bold white on blue.
    public static let title = TextStyle(fg: .white, bg: .blue, bold: true)
    /// The key name in the key bar ("F1"): black on cyan, as in mc/htop.
    public static let keyLabel = TextStyle(fg: .black, bg: .cyan)
    public static let warning = TextStyle(fg: .red, bold: true)
    public static let ok = TextStyle(fg: .green)
    public static let muted = TextStyle(dim: true)
    /// The selected row of a table or menu.
    public static let highlight = TextStyle(reverse: true)

    /// A copy with some attributes changed, e.g. `rowStyle.with(reverse: true)`.
    public func with(fg: TerminalColor? = nil, bg: TerminalColor? = nil, bold: Bool? = nil,
                     reverse: Bool? = nil, underline: Bool? = nil, dim: Bool? = nil) -> TextStyle {
        TextStyle(fg: fg ?? self.fg, bg: bg ?? self.bg, bold: bold ?? self.bold,
                  reverse: reverse ?? self.reverse, underline: underline ?? self.underline, dim: dim ?? self.dim)
    }
}
