import CPangoCairo
import Foundation
import HallCore

/// A document as an A4 PDF through Pango and Cairo. Cairo embeds the subset of each font the
/// document uses, so the PDF prints the same on any printer and any computer.
public struct PDFRenderer: Sendable {
    public var style: PDFStyle

    public init(style: PDFStyle = PDFStyle()) { self.style = style }

    public struct Output: Sendable {
        public var data: Data
        public var pages: Int
        /// Characters no installed font could draw (shown as boxes); 0 when the CJK font is there.
        public var unknownGlyphs: Int
    }

    public func render(_ doc: Document) throws -> Output {
        let sink = PDFSink()
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<PDFSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), style.pageWidth, style.pageHeight)
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PrintingError.rendering("无法创建 PDF（Cairo）")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, [doc.title, doc.number].compactMap { $0 }.joined(separator: " "))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "一窗 yichuang")
        let cr = cairo_create(surface)!
        let pages: Int, unknown: Int
        do {
            // The flow holds Pango layouts made for this context; it must go before the context.
            let flow = PageFlow(style: style, cr: cr)
            NoticeLayout(flow: flow, style: style).lay(doc)
            pages = flow.pages.count
            unknown = flow.unknownGlyphs
            for (i, ops) in flow.pages.enumerated() {
                cairo_set_source_rgb(cr, 0, 0, 0)
                for op in ops { op(cr) }
                if pages > 1 { pageNumber(cr, flow: flow, page: i + 1, of: pages) }
                cairo_show_page(cr)
            }
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintingError.rendering("生成 PDF 失败：\(String(cString: cairo_status_to_string(status)))")
        }
        return Output(data: Data(sink.bytes), pages: pages, unknownGlyphs: unknown)
    }

    /// "第 1 页 共 2 页" centred under the text area.
    private func pageNumber(_ cr: OpaquePointer, flow: PageFlow, page: Int, of total: Int) {
        let block = TextBlock("第 \(page) 页  共 \(total) 页", width: style.textWidth,
                              options: .init(family: style.serif, size: style.smallSize + 1, align: .center), cr: cr)
        let top = style.bottom + 3 * PDFStyle.millimetre
        for line in block.lines {
            cairo_move_to(cr, style.marginLeft + line.x, top + line.baseline)
            pango_cairo_show_layout_line(cr, line.line)
        }
    }

    /// Loads fontconfig and the CJK font once (a few hundred milliseconds the first time), so the
    /// first notice a window prints is as fast as the others. Call at start-up, off the UI thread.
    public static func warmUp() {
        let doc = Document(kind: .materialsReceipt, issuer: "预热", title: "预热 0123", body: [.paragraph("中文字体预热")])
        _ = try? PDFRenderer().render(doc)
    }
}

/// Collects the PDF bytes Cairo writes.
final class PDFSink {
    var bytes: [UInt8] = []
}
