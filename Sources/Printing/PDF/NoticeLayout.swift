import CPangoCairo
import HallCore

/// Lays a document out as a formal notice: issuer and centred title, 文号 on the right, the
/// QR code in the top right corner, the header fields as a ruled table, the body (paragraphs
/// indented two characters and justified, the materials table), then the seal band with the
/// signature lines, and the small print.
struct NoticeLayout {
    let flow: PageFlow
    let style: PDFStyle

    func text(_ size: Double, bold: Bool = false, align: TextBlock.Options.Align = .left, justify: Bool = false,
              indent: Double = 0, spacing: Double = 1.0) -> TextBlock.Options {
        TextBlock.Options(family: style.serif, size: size, bold: bold, align: align, justify: justify,
                          indent: indent, lineSpacing: spacing)
    }

    func lay(_ doc: Document) {
        if let mark = doc.copyMark { copyMark(mark) }
        // With the QR code in the top right corner, the centred heading keeps clear of it on
        // both sides, so it stays centred on the page.
        let headingWidth = doc.qrPayload == nil ? flow.width : flow.width - 2 * (style.qrSide + 4)
        let headingX = flow.left + (flow.width - headingWidth) / 2
        if let qr = doc.qrPayload { QRCorner(flow: flow, style: style).lay(qr) }
        let top = flow.y
        flow.flow(flow.block(doc.issuer, text(style.issuerSize, bold: true, align: .center), width: headingWidth), x: headingX)
        flow.space(4)
        if doc.kind != .queueTicket {
            flow.flow(flow.block(doc.title, text(style.titleSize, bold: true, align: .center), width: headingWidth), x: headingX)
        }
        if let sub = doc.subtitle {
            flow.flow(flow.block(sub, text(style.bodySize, align: .center), width: headingWidth), x: headingX)
        }
        if doc.qrPayload != nil { flow.advance(to: max(flow.y, top + style.qrSide + style.smallSize + 4)) }
        if let number = doc.number {
            flow.space(4)
            flow.flow(flow.block(number, text(style.bodySize, align: .right)))
        }
        flow.space(6)
        if !doc.fields.isEmpty {
            TableLayout(flow: flow, style: style).fields(doc.fields)
            flow.space(8)
        }
        if let s = doc.salutation { flow.flow(flow.block(s, text(style.bodySize, spacing: style.lineSpacing))) }
        for block in doc.body { lay(block) }
        flow.space(8)
        SealBand(flow: flow, style: style).lay(seal: doc.seal, contacts: doc.contacts, signatures: doc.signatures)
        if !doc.footer.isEmpty {
            flow.space(4)
            for line in doc.footer { flow.flow(flow.block(line, text(style.smallSize + 1, spacing: 1.2))) }
        }
    }

    func lay(_ block: DocumentBlock) {
        let body = style.bodySize
        switch block {
        case .paragraph(let t):
            flow.flow(flow.block(t, text(body, justify: true, indent: 2 * body, spacing: style.lineSpacing)))
        case .heading(let t):
            flow.space(4)
            flow.keep(body * 4)          // a heading never ends a page alone
            flow.flow(flow.block(t, text(body, bold: true, spacing: style.lineSpacing)))
        case .table(let table):
            flow.space(4)
            TableLayout(flow: flow, style: style).table(table)
            flow.space(8)
        case .emphasis(let t):
            flow.space(8)
            flow.flow(flow.block(t, text(style.ticketNumberSize, bold: true, align: .center)))
            flow.space(8)
        case .note(let t):
            flow.flow(flow.block(t, text(body, align: .center, spacing: style.lineSpacing)))
        case .details(let fields):
            details(fields)
        }
    }

    /// Label–value items side by side, as many to a line as fit, so 经办窗口, 经办人 and 咨询电话
    /// take one line rather than three.
    func details(_ fields: [DocumentField]) {
        let gap = "\u{3000}\u{3000}"
        let gapWidth = 2 * style.bodySize
        var rows: [[String]] = [[]]
        var used = 0.0
        for f in fields {
            let item = "\(f.label)：\(f.value)"
            let w = flow.block(item, text(style.bodySize)).naturalWidth
            if !rows[rows.count - 1].isEmpty, used + gapWidth + w > flow.width { rows.append([]); used = 0 }
            used += (rows[rows.count - 1].isEmpty ? 0 : gapWidth) + w
            rows[rows.count - 1].append(item)
        }
        for row in rows { flow.flow(flow.block(row.joined(separator: gap), text(style.bodySize, spacing: style.lineSpacing))) }
    }

    /// A boxed 补打 in the top right corner, above the text area, so a copy is seen at once.
    func copyMark(_ mark: String) {
        let block = flow.block(mark, text(style.bodySize, bold: true))
        let w = block.naturalWidth + 12, h = block.height + 6
        let x = style.marginLeft + style.textWidth - w, top = style.marginTop - h - 14
        flow.place(block, x: x + 6, top: top + 3)
        flow.draw { cr in
            cairo_set_line_width(cr, 1.2)
            cairo_rectangle(cr, x, top, w, h)
            cairo_stroke(cr)
        }
    }
}
