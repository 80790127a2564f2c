import CPangoCairo
import HallCore

/// Ruled tables: the header fields (label | value) and the materials table. Rows are never split;
/// a row that does not fit starts a new page, where the column titles are repeated. Every cell
/// wraps inside its column, so a 500-character name makes a tall row, never a wide one.
struct TableLayout {
    let flow: PageFlow
    let style: PDFStyle
    let padding = 4.0
    let rule = 0.6

    func options(_ bold: Bool = false, center: Bool = false) -> TextBlock.Options {
        TextBlock.Options(family: style.serif, size: style.tableSize, bold: bold, align: center ? .center : .left,
                          lineSpacing: style.tableLineSpacing)
    }

    /// 办件编号 | YC… as a ruled table. Two short fields share a row (label | value | label |
    /// value); a long one (the matters, a 500-character name) has a row to itself and wraps.
    func fields(_ fields: [DocumentField]) {
        let single = [style.fieldLabelWidth, flow.width - style.fieldLabelWidth]
        let half = (flow.width - 2 * style.fieldLabelWidth) / 2
        let paired = [style.fieldLabelWidth, half, style.fieldLabelWidth, half]
        func short(_ f: DocumentField) -> Bool { f.label.count <= 6 && f.value.count <= 18 }
        var i = 0
        while i < fields.count {
            let f = fields[i]
            if i + 1 < fields.count, short(f), short(fields[i + 1]) {
                let g = fields[i + 1]
                row([f.label, f.value, g.label, g.value], widths: paired, bold: [true, false, true, false], shaded: false,
                    header: nil, centred: [false, false, false, false])
                i += 2
            } else {
                row([f.label, f.value], widths: single, bold: [true, false], shaded: false, header: nil, centred: [false, false])
                i += 1
            }
        }
    }

    func table(_ table: DocumentTable) {
        let total = table.columns.reduce(0) { $0 + $1.weight }
        let widths = table.columns.map { flow.width * $0.weight / total }
        let titles = table.columns.map(\.title)
        // Narrow columns (序号) are centred; text columns read from the left.
        let centred = table.columns.map { $0.weight < 1 }
        let header = { self.row(titles, widths: widths, bold: titles.map { _ in true }, shaded: true, header: nil,
                                centred: titles.map { _ in true }) }
        header()
        for r in table.rows {
            let cells = (0..<widths.count).map { $0 < r.count ? r[$0] : "" }
            row(cells, widths: widths, bold: cells.map { _ in false }, shaded: false, header: header, centred: centred)
        }
    }

    /// One ruled row. `header` redraws the column titles when the row moves to a new page.
    private func row(_ cells: [String], widths: [Double], bold: [Bool], shaded: Bool,
                     header: (() -> Void)?, centred: [Bool]) {
        let blocks = cells.indices.map { i in
            flow.block(cells[i], options(bold[i], center: centred[i]), width: widths[i] - 2 * padding)
        }
        // Cells share their first baseline: a cell of digits only (Liberation Serif) would
        // otherwise sit higher than its Chinese neighbours, whose font has a taller ascent.
        let baseline = blocks.map { $0.lines.first?.baseline ?? 0 }.max() ?? 0
        let shifts = blocks.map { baseline - ($0.lines.first?.baseline ?? 0) }
        let height = zip(blocks, shifts).map { $0.height + $1 }.max().map { $0 + 2 * padding } ?? 2 * padding
        let pageBefore = flow.pages.count
        flow.keep(height)
        if flow.pages.count != pageBefore, let header { header() }
        let top = flow.y
        // A row taller than a whole page (never seen in practice) is cut at the page edge
        // rather than drawn over the margin.
        let visible = min(height, style.bottom - top)
        var x = flow.left
        for (i, (block, w)) in zip(blocks, widths).enumerated() {
            let cellX = x
            flow.draw { cr in
                cairo_save(cr)
                cairo_rectangle(cr, cellX, top, w, visible)
                if shaded {
                    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
                    cairo_fill_preserve(cr)
                    cairo_set_source_rgb(cr, 0, 0, 0)
                }
                cairo_set_line_width(cr, self.rule)
                cairo_stroke(cr)
                cairo_restore(cr)
            }
            flow.draw { cr in cairo_save(cr); cairo_rectangle(cr, cellX, top, w, visible); cairo_clip(cr) }
            flow.place(block, x: cellX + padding, top: top + padding + shifts[i])
            flow.draw { cr in cairo_restore(cr) }
            x += w
        }
        flow.advance(to: top + visible)
    }
}
