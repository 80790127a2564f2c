import CPangoCairo

/// Flows blocks down A4 pages inside the text area, starting a new page whenever the next line,
/// table row or band does not fit. Drawing is recorded per page and replayed at the end, so the
/// page footer can say how many pages there are.
final class PageFlow {
    typealias Op = (OpaquePointer) -> Void
    let style: PDFStyle
    let cr: OpaquePointer
    private(set) var pages: [[Op]] = [[]]
    private(set) var y: Double
    var unknownGlyphs = 0

    init(style: PDFStyle, cr: OpaquePointer) {
        self.style = style; self.cr = cr
        y = style.marginTop
    }

    var left: Double { style.marginLeft }
    var width: Double { style.textWidth }
    var remaining: Double { style.bottom - y }
    var isAtPageTop: Bool { y <= style.marginTop + 0.5 }

    func newPage() {
        pages.append([])
        y = style.marginTop
    }

    func draw(_ op: @escaping Op) { pages[pages.count - 1].append(op) }

    func space(_ points: Double) {
        if !isAtPageTop { y = min(style.bottom, y + points) }
    }

    /// Makes room for a band of `height` that must not be split (a table row, the seal area).
    func keep(_ height: Double) {
        if height > remaining, !isAtPageTop { newPage() }
    }

    func block(_ text: String, _ options: TextBlock.Options, x: Double? = nil, width: Double? = nil) -> TextBlock {
        let b = TextBlock(text, width: width ?? self.width, options: options, cr: cr)
        unknownGlyphs += b.unknownGlyphs
        return b
    }

    /// Draws a block line by line, breaking to a new page between lines when needed.
    func flow(_ block: TextBlock, x: Double? = nil) {
        let x0 = x ?? left
        guard let first = block.lines.first else { return }
        var offset = y - first.top
        for line in block.lines {
            if offset + line.top + line.height > style.bottom, !(offset + line.top <= style.marginTop + 0.5) {
                newPage()
                offset = y - line.top
            }
            let lx = x0 + line.x, ly = offset + line.baseline, l = line.line
            // The closure holds the block: its layout owns the line until the page is drawn.
            draw { [block] cr in
                withExtendedLifetime(block) {
                    cairo_move_to(cr, lx, ly)
                    pango_cairo_show_layout_line(cr, l)
                }
            }
            y = offset + line.top + line.height
        }
    }

    /// Draws a block whole at a given position (inside a table cell or a band): the caller has
    /// made room for it with `keep`.
    func place(_ block: TextBlock, x: Double, top: Double) {
        for line in block.lines {
            let lx = x + line.x, ly = top + line.baseline, l = line.line
            draw { [block] cr in
                withExtendedLifetime(block) {
                    cairo_move_to(cr, lx, ly)
                    pango_cairo_show_layout_line(cr, l)
                }
            }
        }
    }

    func advance(to newY: Double) { y = newY }
}
