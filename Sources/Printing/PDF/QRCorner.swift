import CPangoCairo

/// The QR code in the top right corner of the first page, with its caption.
struct QRCorner {
    let flow: PageFlow
    let style: PDFStyle

    func lay(_ payload: String) {
        guard let qr = try? QRMatrix(payload) else { return }
        let side = style.qrSide
        let x = flow.left + flow.width - side, top = style.marginTop
        let module = side / Double(qr.size + 4)           // a two-module quiet zone each side
        flow.draw { cr in
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
            for row in 0..<qr.size {
                for col in 0..<qr.size where qr.isDark(x: col, y: row) {
                    cairo_rectangle(cr, x + Double(col + 2) * module, top + Double(row + 2) * module, module, module)
                }
            }
            cairo_fill(cr)
            cairo_restore(cr)
        }
        let caption = flow.block("扫码核验", .init(family: style.serif, size: style.smallSize, align: .center), width: side)
        flow.place(caption, x: x, top: top + side)
    }
}
