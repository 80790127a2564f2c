import HallCore

/// A document as an ESC/POS byte stream for a 58 or 80 mm thermal printer: the same column
/// layout as the preview, text in GB18030, a QR code drawn by the printer, then feed and cut.
public struct ESCPOSRenderer: Sendable {
    public var paper: Paper
    /// Multiplier for the ticket number (GS !): triple size reads from across the hall.
    public var largeScale: Int

    public init(paper: Paper, largeScale: Int = 3) {
        precondition(paper.isThermal, "ESC/POS is for thermal paper")
        self.paper = paper; self.largeScale = largeScale
    }

    public struct Output: Sendable {
        public var bytes: [UInt8]
        public var report: EncodingReport
    }

    public func render(_ doc: Document) throws -> Output {
        let width = paper.columns!
        let encoder = try GB18030Encoder()
        var report = EncodingReport()
        var out = ESCPOS.initialize + ESCPOS.chineseMode
        var current: (ESCPOS.Align, ColumnLine.Style) = (.left, .normal)
        func set(_ align: ESCPOS.Align, _ style: ColumnLine.Style) {
            if align != current.0 { out += ESCPOS.align(align) }
            if style != current.1 {
                if current.1 == .bold { out += ESCPOS.bold(false) }
                if current.1 == .large { out += ESCPOS.size(width: 1, height: 1) }
                if style == .bold { out += ESCPOS.bold(true) }
                if style == .large { out += ESCPOS.size(width: largeScale, height: largeScale) }
            }
            current = (align, style)
        }
        let layout = ColumnLayout(width: width, measure: TextWidth.thermal, largeScale: largeScale, tableAsGrid: false)
        for item in layout.items(for: doc) {
            switch item {
            case .blank:
                out += ESCPOS.lineFeed
            case .rule:
                set(.left, .normal)
                out += Array(repeating: UInt8(ascii: "-"), count: width) + ESCPOS.lineFeed
            case .qr(let payload):
                set(.center, .normal)
                out += ESCPOS.qr(Array(payload.utf8), moduleSize: paper == .thermal58 ? 5 : 6) + ESCPOS.lineFeed
            case .line(let line):
                let align: ESCPOS.Align = line.align == .center ? .center : line.align == .right ? .right : .left
                set(align, line.style)
                out += encoder.encode(line.text, report: &report) + ESCPOS.lineFeed
            }
        }
        set(.left, .normal)
        out += ESCPOS.feed(lines: 3) + ESCPOS.cut
        return Output(bytes: out, report: report)
    }
}
