/// 避头尾: the one line-breaking rule of Chinese typesetting that every wrapping layout uses
/// (the screen's `wrap`, the preview and thermal tickets in Printing): closing punctuation
/// never starts a line, opening punctuation never ends one.
public enum LineBreakRule {
    /// Closing marks: the character before them moves down with them instead.
    public static let noLineStart: Set<Character> = Set("，。、；：？！）》」』〕】”’…—·％.,;:?!)]%")
    /// Opening marks: they move down to the start of the next line.
    public static let noLineEnd: Set<Character> = Set("（《「『〔【“‘([")
}
