import CPangoCairo

/// One piece of text laid out by Pango at a fixed width: wrapped (anywhere between hanzi, at
/// spaces between Latin words, inside a word only when it alone is wider than the line), with
/// its lines measured so the page flow can break a long paragraph across pages.
final class TextBlock {
    struct Options {
        var family: String
        var size: Double
        var bold = false
        var align: Align = .left
        var justify = false
        /// First-line indent in points (two characters for a paragraph).
        var indent = 0.0
        var lineSpacing = 1.0
        enum Align { case left, center, right }
    }

    struct Line {
        let line: UnsafeMutablePointer<PangoLayoutLine>
        let x: Double         // left edge of the line within the block (alignment, indent)
        let top: Double       // logical top within the block
        let height: Double
        let baseline: Double  // within the block
    }

    let layout: OpaquePointer
    let width: Double
    private(set) var lines: [Line] = []
    /// Characters no installed font can draw (they show as boxes in the PDF).
    let unknownGlyphs: Int

    init(_ text: String, width: Double, options o: Options, cr: OpaquePointer) {
        layout = pango_cairo_create_layout(cr)
        self.width = width
        let desc = pango_font_description_from_string(o.family)
        pango_font_description_set_absolute_size(desc, o.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, o.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch o.align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_justify(layout, o.justify ? 1 : 0)
        pango_layout_set_indent(layout, Int32(o.indent * Double(PANGO_SCALE)))
        if o.lineSpacing != 1.0 { pango_layout_set_line_spacing(layout, Float(o.lineSpacing)) }
        pango_layout_set_text(layout, text, -1)
        unknownGlyphs = Int(pango_layout_get_unknown_glyphs_count(layout))
        lines = measureLines()
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// The width the text takes on its widest line (for a rule drawn after a label).
    var naturalWidth: Double {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    var height: Double {
        guard let last = lines.last else { return 0 }
        return last.top + last.height
    }

    private func measureLines() -> [Line] {
        var out: [Line] = []
        let iter = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            // The y range includes the line spacing, so stacked lines keep their rhythm across a page break.
            var y0: Int32 = 0, y1: Int32 = 0
            pango_layout_iter_get_line_yrange(iter, &y0, &y1)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            if let line = pango_layout_iter_get_line_readonly(iter) {
                out.append(Line(line: line, x: Double(logical.x) / scale, top: Double(y0) / scale,
                                height: Double(y1 - y0) / scale, baseline: baseline))
            }
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }
}
