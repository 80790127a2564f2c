/// Large 5-row lettering from █ for the call board ("A001 → 3号窗口"), readable across a hall.
/// Digits, A–Z (lowercase is shown as uppercase), space and "-" have big glyphs; any other
/// character is drawn as itself on the middle row.
public enum BigText {
    public static let height = 5
    /// Columns between adjacent glyphs.
    public static let spacing = 1

    /// Draws `text` with its top-left at (x, y); returns the columns used.
    @discardableResult
    public static func render(_ text: String, x: Int, y: Int, into buffer: inout ScreenBuffer, style: TextStyle = .bold) -> Int {
        var column = x
        for (i, character) in sanitize(text).enumerated() {
            if i > 0 { column += spacing }
            if let glyph = glyph(for: character) {
                for (row, line) in glyph.enumerated() {
                    buffer.put(String(line.map { $0 == "#" ? "█" : $0 }), x: column, y: y + row, style: style)
                }
                column += glyph[0].count
            } else {
                column += buffer.put(String(character), x: column, y: y + height / 2, style: style)
            }
        }
        return column - x
    }

    /// The columns `render` would use.
    public static func width(of text: String) -> Int {
        var total = 0
        for (i, character) in sanitize(text).enumerated() {
            if i > 0 { total += spacing }
            total += glyph(for: character)?[0].count ?? DisplayWidth.of(character)
        }
        return total
    }

    private static func glyph(for character: Character) -> [String]? {
        let upper = Character(String(character).uppercased())
        return glyphs[upper]
    }

    private static let glyphs: [Character: [String]] = [
        " ": ["   ", "   ", "   ", "   ", "   "],
        "-": ["    ", "    ", "####", "    ", "    "],
        "0": [" ### ", "#  ##", "# # #", "##  #", " ### "],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "  ## ", " #   ", "#####"],
        "3": ["#### ", "    #", " ### ", "    #", "#### "],
        "4": ["#   #", "#   #", "#####", "    #", "    #"],
        "5": ["#####", "#    ", "#### ", "    #", "#### "],
        "6": [" ### ", "#    ", "#### ", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", "  #  "],
        "8": [" ### ", "#   #", " ### ", "#   #", " ### "],
        "9": [" ### ", "#   #", " ####", "    #", " ### "],
        "A": [" ### ", "#   #", "#####", "#   #", "#   #"],
        "B": ["#### ", "#   #", "#### ", "#   #", "#### "],
        "C": [" ####", "#    ", "#    ", "#    ", " ####"],
        "D": ["#### ", "#   #", "#   #", "#   #", "#### "],
        "E": ["#####", "#    ", "#### ", "#    ", "#####"],
        "F": ["#####", "#    ", "#### ", "#    ", "#    "],
        "G": [" ####", "#    ", "#  ##", "#   #", " ####"],
        "H": ["#   #", "#   #", "#####", "#   #", "#   #"],
        "I": ["#####", "  #  ", "  #  ", "  #  ", "#####"],
        "J": ["#####", "    #", "    #", "#   #", " ### "],
        "K": ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
        "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
        "M": ["#   #", "## ##", "# # #", "#   #", "#   #"],
        "N": ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        "O": [" ### ", "#   #", "#   #", "#   #", " ### "],
        "P": ["#### ", "#   #", "#### ", "#    ", "#    "],
        "Q": [" ### ", "#   #", "# # #", "#  # ", " ## #"],
        "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        "S": [" ####", "#    ", " ### ", "    #", "#### "],
        "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", " ### "],
        "V": ["#   #", "#   #", "#   #", " # # ", "  #  "],
        "W": ["#   #", "#   #", "# # #", "## ##", "#   #"],
        "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        "Y": ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        "Z": ["#####", "   # ", "  #  ", " #   ", "#####"],
    ]
}
