import HallCore

/// One line of a column-counted layout (thermal roll, on-screen preview).
public struct ColumnLine: Equatable, Sendable {
    public enum Style: Sendable { case normal, bold, large }
    public enum Align: Sendable { case left, center, right }
    public var text: String
    public var style: Style
    public var align: Align
    public init(_ text: String, style: Style = .normal, align: Align = .left) {
        self.text = text; self.style = style; self.align = align
    }
}

public enum ColumnItem: Equatable, Sendable {
    case line(ColumnLine)
    case blank
    case rule
    case qr(String)
}

/// Lays a document out in fixed columns. Thermal printing and the plain-text preview share it,
/// so what the clerk previews is what the roll prints, line for line at the same width.
public struct ColumnLayout: Sendable {
    public var width: Int
    public var measure: ColumnMeasure
    /// Columns one character of `.large` text takes per column of normal text (ESC/POS prints
    /// the ticket number at triple size; a terminal cannot enlarge, so the preview uses 1).
    public var largeScale: Int
    /// Tables as a bordered grid (previews 60 columns and wider) or as a numbered list (thermal
    /// rolls, narrow previews), where a cell would be too narrow to read.
    public var tableAsGrid: Bool

    public init(width: Int, measure: @escaping ColumnMeasure, largeScale: Int = 1, tableAsGrid: Bool = false) {
        self.width = max(8, width); self.measure = measure; self.largeScale = max(1, largeScale); self.tableAsGrid = tableAsGrid
    }

    public func items(for doc: Document) -> [ColumnItem] {
        var out: [ColumnItem] = []
        func add(_ text: String, _ style: ColumnLine.Style = .normal, _ align: ColumnLine.Align = .left, indent: Int = 0) {
            let w = style == .large ? width / largeScale : width
            for l in TextWrap.lines(text, width: w, measure: measure, firstLineIndent: indent) {
                out.append(.line(ColumnLine(l, style: style, align: align)))
            }
        }
        if let mark = doc.copyMark { add("【\(mark)】", .bold, .center) }
        add(doc.issuer, .bold, .center)
        if doc.kind != .queueTicket { add(doc.title, .bold, .center) }
        if let sub = doc.subtitle { add(sub, .normal, .center) }
        if let number = doc.number { add(number, .normal, .right) }
        out.append(.rule)
        for f in doc.fields { add("\(f.label)：\(f.value)") }
        if !doc.fields.isEmpty { out.append(.blank) }
        if let s = doc.salutation { add(s) }
        for block in doc.body {
            switch block {
            case .paragraph(let t): add(t, indent: 4)
            case .heading(let t):
                if out.last != .blank { out.append(.blank) }
                add(t, .bold)
            case .emphasis(let t):
                out.append(.blank)
                add(t, .large, .center)
                out.append(.blank)
            case .note(let t): add(t, .normal, .center)
            case .details(let fields): for f in fields { add("\(f.label)：\(f.value)") }
            case .table(let table): out += tableAsGrid && width >= 60 ? grid(table) : list(table)
            }
        }
        if !doc.contacts.isEmpty { out.append(.blank) }
        for f in doc.contacts { add("\(f.label)：\(f.value)") }
        if let seal = doc.seal {
            out.append(.blank)
            add(seal.issuer, .normal, .right)
            add(seal.date, .normal, .right)
        }
        if !doc.signatures.isEmpty { out.append(.blank) }
        for label in doc.signatures {
            let head = "\(label)："
            let blank = max(8, min(width - TextWidth.columns(head, measure), 20))
            add(head + String(repeating: "_", count: blank))
        }
        if let qr = doc.qrPayload { out.append(.qr(qr)) }
        if !doc.footer.isEmpty { out.append(.rule) }
        for f in doc.footer { add(f) }
        return out
    }

    /// 1. 材料名称 / 形式及份数：原件1份 / 备注：… with a hanging indent under the number.
    func list(_ table: DocumentTable) -> [ColumnItem] {
        var out: [ColumnItem] = []
        for row in table.rows {
            let head = row.first.map { "\($0). " } ?? ""
            let hang = TextWidth.columns(head, measure)
            let name = row.count > 1 ? row[1] : ""
            var lines = TextWrap.lines(name, width: width - hang, measure: measure)
            lines[0] = head + lines[0]
            for i in 1..<lines.count { lines[i] = String(repeating: " ", count: hang) + lines[i] }
            for (col, value) in zip(table.columns.dropFirst(2), row.dropFirst(2)) where !value.isEmpty && value != "—" {
                for l in TextWrap.lines("\(col.title)：\(value)", width: width - hang, measure: measure) {
                    lines.append(String(repeating: " ", count: hang) + l)
                }
            }
            out += lines.map { .line(ColumnLine($0)) }
        }
        return out
    }

    /// +----+----------+ grid with wrapped cells, in ASCII so every terminal draws it aligned.
    func grid(_ table: DocumentTable) -> [ColumnItem] {
        let n = table.columns.count
        let inner = width - (n + 1) - 2 * n          // borders and one space of padding each side
        let total = table.columns.reduce(0) { $0 + $1.weight }
        var widths = table.columns.map { max(2, Int(Double(inner) * $0.weight / total)) }
        widths[widths.count - 1] += inner - widths.reduce(0, +)
        let border = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func row(_ cells: [String]) -> [ColumnItem] {
            let wrapped = zip(cells, widths).map { TextWrap.lines($0, width: $1, measure: measure) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { i in
                let parts = zip(wrapped, widths).map { lines, w -> String in
                    let text = i < lines.count ? lines[i] : ""
                    return " " + text + String(repeating: " ", count: max(0, w - TextWidth.columns(text, measure))) + " "
                }
                return .line(ColumnLine("|" + parts.joined(separator: "|") + "|"))
            }
        }
        var out: [ColumnItem] = [.line(ColumnLine(border))]
        out += row(table.columns.map(\.title))
        out.append(.line(ColumnLine(border)))
        for r in table.rows { out += row((0..<n).map { $0 < r.count ? r[$0] : "" }) }
        out.append(.line(ColumnLine(border)))
        return out
    }
}
