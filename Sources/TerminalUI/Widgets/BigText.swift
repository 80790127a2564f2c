/// Large 5-row lettering from █ for the call board ("A001 → 3号窗口"), readable across a hall.
/// Digits, A–Z (lowercase is shown as uppercase), space and "-" have big glyphs; any other
/// character is drawn as itself on the middle row ("→", "号窗口").
public enum BigText {
    public static let height = 5
    /// Columns between adjacent glyphs.
    public static let spacing = 1

    /// Draws `text` with its top-left at (x, y); returns the columns used.
    @discardableResult
    public static func render(_ text: String, x: Int, y: Int, into buffer: inout ScreenBuffer, style: TextStyle = .bold) -> Int {
        var column = x
        var previous: Character?
        for character in sanitize(text) {
            if let p = previous, needsSpacing(p, character) { column += spacing }
            previous = character
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
        var previous: Character?
        for character in sanitize(text) {
            if let p = previous, needsSpacing(p, character) { total += spacing }
            previous = character
            total += glyph(for: character)?[0].count ?? DisplayWidth.of(character)
        }
        return total
    }

    /// Big glyphs are separated by a blank column; runs of ordinary characters ("号窗口") are not.
    private static func needsSpacing(_ a: Character, _ b: Character) -> Bool {
        glyph(for: a) != nil || glyph(for: b) != nil
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
