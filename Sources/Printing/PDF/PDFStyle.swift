/// The A4 page and its typography. Sizes follow the Chinese 号 scale and the proportions of
/// GB/T 9704-2012 (党政机关公文格式); the margins are narrower than a 公文's 37 mm top and
/// 28 mm left, because a window notice with its materials table should fit on one sheet.
public struct PDFStyle: Sendable {
    public static let millimetre = 72.0 / 25.4

    public var pageWidth = 595.276
    public var pageHeight = 841.89
    public var marginTop = 20.0 * millimetre
    public var marginLeft = 25.0 * millimetre
    public var textWidth = 160.0 * millimetre
    public var textHeight = 263.0 * millimetre

    /// Latin and digits in Liberation Serif (Times New Roman's metrics, what official documents
    /// use for numbers), Chinese in Noto Serif CJK SC (a 宋体). Keeping digits in their own font
    /// also keeps them extractable after CUPS turns the PDF into PostScript and back.
    public var serif = "Liberation Serif, Noto Serif CJK SC"

    public var issuerSize = 15.0      // between 三号 and 小三
    public var titleSize = 20.0       // between 二号 and 小二
    public var bodySize = 12.0        // 小四
    public var tableSize = 10.5       // 五号
    public var smallSize = 9.0        // 小五
    public var ticketNumberSize = 54.0
    public var lineSpacing = 1.15
    public var tableLineSpacing = 1.0

    public var sealDiameter = 42.0 * millimetre   // a round official seal is 42 mm across
    public var qrSide = 26.0 * millimetre
    public var fieldLabelWidth = 26.0 * millimetre

    public init() {}

    var bottom: Double { marginTop + textHeight }
}
