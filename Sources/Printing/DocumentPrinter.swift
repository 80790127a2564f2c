import Foundation
import HallCore

/// A document made ready for one kind of paper: the bytes, their format, and what the renderer
/// had to report (characters a thermal printer cannot print, glyphs missing from the fonts).
public struct RenderedDocument: Sendable {
    public var data: Data
    public var format: PrintFormat
    public var warnings: [String]
}

/// The one call the screens need: render a document for the printer's paper and send it.
/// Rendering errors and printer failures both come back as a failed outcome with a reason, so the
/// caller records the job and offers a retry in every case.
public struct DocumentPrinter: Sendable {
    public var pdf: PDFRenderer

    public init(pdf: PDFRenderer = PDFRenderer()) { self.pdf = pdf }

    public func render(_ doc: Document, for paper: Paper) throws -> RenderedDocument {
        if paper.isThermal {
            let out = try ESCPOSRenderer(paper: paper).render(doc)
            return RenderedDocument(data: Data(out.bytes), format: .escpos, warnings: [out.report.summary].compactMap { $0 })
        }
        let out = try pdf.render(doc)
        let warnings = out.unknownGlyphs > 0
            ? ["有\(out.unknownGlyphs)个字符在已安装的字体中没有字形，PDF中显示为方框（请安装 fonts-noto-cjk）"] : []
        return RenderedDocument(data: out.data, format: .pdf, warnings: warnings)
    }

    public struct Result: Sendable {
        public var outcome: PrintOutcome
        public var warnings: [String]
        /// Status bar text: the outcome, then any warning.
        public var message: String { ([outcome.message] + warnings).joined(separator: "；") }
        /// For the clerk's status line (no spool paths).
        public var screenMessage: String { ([outcome.screenMessage] + warnings).joined(separator: "；") }
    }

    public func print(_ doc: Document, to spec: PrinterSpec, printer: Printer? = nil) -> Result {
        let rendered: RenderedDocument
        do { rendered = try render(doc, for: spec.paper) } catch {
            return Result(outcome: .failed(error.localizedDescription), warnings: [])
        }
        let outcome = (printer ?? spec.makePrinter()).send(rendered.data, format: rendered.format, title: Self.jobTitle(doc))
        // A spooled thermal job is bytes for a printer; a text copy beside it lets a person read it.
        if case .spool = spec.connection, rendered.format == .escpos, let file = outcome.file, let columns = spec.paper.columns {
            let text = PlainTextRenderer(width: columns, measure: TextWidth.thermal).renderText(doc)
            try? text.write(toFile: String(file.dropLast(4)) + ".txt", atomically: true, encoding: .utf8)
        }
        return Result(outcome: outcome, warnings: rendered.warnings)
    }

    /// "示范区政务〔2026〕12号-一次性告知书", "A005-排队号票": what CUPS lists and a spool file is named.
    public static func jobTitle(_ doc: Document) -> String {
        var parts = [doc.number ?? doc.fields.first { $0.label == "办件编号" }?.value, doc.title]
        if doc.kind == .queueTicket, case .emphasis(let number)? = doc.body.first { parts[0] = number }
        if doc.copyMark != nil { parts.append("补打") }
        return parts.compactMap { $0 }.joined(separator: "-")
    }
}
