import CPangoCairo
import HallCore

/// The closing band of a notice: on the right the issuing agency and the date with a dashed
/// 42 mm circle where the seal goes (GB/T 9704 puts the seal over the agency name and the date,
/// "上压下", so the circle is centred on them); on the left who to come back to (经办窗口, 经办人,
/// 咨询电话) and under it the applicant's signature and time of receipt, each a label and a rule
/// to write on. Using the room beside the seal keeps a usual notice on one sheet.
struct SealBand {
    let flow: PageFlow
    let style: PDFStyle

    func lay(seal: SealArea?, contacts: [DocumentField], signatures: [String]) {
        guard seal != nil || !signatures.isEmpty || !contacts.isEmpty else { return }
        let sealWidth = 70 * PDFStyle.millimetre
        let sealX = flow.left + flow.width - sealWidth
        let body = TextBlock.Options(family: style.serif, size: style.bodySize, align: .center, lineSpacing: style.lineSpacing)
        let issuer = seal.map { flow.block($0.issuer, body, width: sealWidth) }
        let date = seal.map { flow.block($0.date, body, width: sealWidth) }
        let textHeight = (issuer?.height ?? 0) + (date?.height ?? 0)
        let sealHeight = seal == nil ? 0 : max(style.sealDiameter + 6, textHeight + 8)

        let signWidth = flow.width - (seal == nil ? 0 : sealWidth + 6 * PDFStyle.millimetre)
        let labels = signatures.map {
            flow.block("\($0)：", TextBlock.Options(family: style.serif, size: style.bodySize), width: signWidth)
        }
        let rowHeight = (labels.map(\.height).max() ?? 0) + 10
        let contactBlocks = contacts.map {
            flow.block("\($0.label)：\($0.value)", TextBlock.Options(family: style.serif, size: style.bodySize,
                                                                  lineSpacing: style.lineSpacing), width: signWidth)
        }
        let contactHeight = contactBlocks.reduce(0) { $0 + $1.height } + (contactBlocks.isEmpty ? 0 : 4)
        let signHeight = contactHeight + Double(labels.count) * rowHeight
        flow.keep(max(sealHeight, signHeight))
        let top = flow.y
        var contactTop = top
        for block in contactBlocks {
            flow.place(block, x: flow.left, top: contactTop)
            contactTop += block.height
        }

        if let issuer, let date {
            let middle = top + sealHeight / 2
            let textTop = middle - textHeight / 2
            flow.place(issuer, x: sealX, top: textTop)
            flow.place(date, x: sealX, top: textTop + issuer.height)
            circle(centreX: sealX + sealWidth / 2, centreY: middle, width: sealWidth)
        }
        // The signature rows sit at the bottom of the band, level with the date.
        var rowTop = max(top + contactHeight, top + max(sealHeight, signHeight) - Double(labels.count) * rowHeight)
        for label in labels {
            flow.place(label, x: flow.left, top: rowTop)
            let x0 = flow.left + label.naturalWidth + 4, x1 = flow.left + signWidth
            let baseline = rowTop + (label.lines.last?.baseline ?? style.bodySize) + 3
            flow.draw { cr in
                cairo_set_line_width(cr, 0.6)
                cairo_move_to(cr, x0, baseline)
                cairo_line_to(cr, max(x0 + 20, x1), baseline)
                cairo_stroke(cr)
            }
            rowTop += rowHeight
        }
        flow.advance(to: top + max(sealHeight, signHeight))
    }

    private func circle(centreX cx: Double, centreY cy: Double, width: Double) {
        let r = style.sealDiameter / 2
        let hint = flow.block("（印章）", .init(family: style.serif, size: style.smallSize, align: .center), width: width)
        flow.draw { cr in
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0.55, 0.55, 0.55)
            cairo_set_line_width(cr, 0.8)
            var dashes: [Double] = [4, 3]
            cairo_set_dash(cr, &dashes, 2, 0)
            // Text drawn before leaves a current point; without a new path the arc starts with a
            // line from it (a stray stroke across the seal's date in every notice).
            cairo_new_path(cr)
            cairo_arc(cr, cx, cy, r, 0, 2 * .pi)
            cairo_stroke(cr)
            cairo_restore(cr)
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0.55, 0.55, 0.55)
        }
        flow.place(hint, x: cx - width / 2, top: cy - r + 6)
        flow.draw { cr in cairo_restore(cr) }
    }
}
