import HallCore

/// The on-screen preview: the document as lines of at most `width` terminal columns, aligned
/// with spaces, measured by default with the screen's own table (`TextWidth.terminal`, which
/// is TerminalUI's `DisplayWidth`).
public struct PlainTextRenderer: Sendable {
    public var width: Int
    public var measure: ColumnMeasure

    public init(width: Int = 76, measure: @escaping ColumnMeasure = TextWidth.terminal) {
        self.width = width; self.measure = measure
    }

    public func render(_ doc: Document) -> [String] {
        let layout = ColumnLayout(width: width, measure: measure, largeScale: 1, tableAsGrid: true)
        return layout.items(for: doc).map { item in
            switch item {
            case .blank: return ""
            case .rule: return String(repeating: "-", count: width)
            case .qr: return aligned(ColumnLine("［二维码：扫码核验］", align: .right))
            case .line(let line): return aligned(line)
            }
        }
    }

    public func renderText(_ doc: Document) -> String { render(doc).joined(separator: "\n") + "\n" }

    private func aligned(_ line: ColumnLine) -> String {
        let free = max(0, width - TextWidth.columns(line.text, measure))
        switch line.align {
        case .left: return line.text
        case .center: return String(repeating: " ", count: free / 2) + line.text
        case .right: return String(repeating: " ", count: free) + line.text
        }
    }
}
