/// A single-line frame ┌─┐│└┘ (box-drawing characters are one column wide) with an optional
/// title centred in the top border. Only the frame is drawn; the inside is left alone.
public enum Box {
    public static func render(_ rect: Rect, title: String?, into buffer: inout ScreenBuffer, style: TextStyle = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        buffer.frames.append(rect)
        let inner = rect.width - 2
        let horizontal = String(repeating: "─", count: inner)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, maxWidth: rect.width, style: style)
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: y, style: style)
            buffer.put("│", x: rect.maxX - 1, y: y, style: style)
        }
        if let title, !title.isEmpty, inner >= 3 {
            let shown = clip(" " + title + " ", toWidth: inner)
            let w = DisplayWidth.of(shown)
            buffer.put(shown, x: rect.x + 1 + (inner - w) / 2, y: rect.y, maxWidth: w, style: style.with(bold: true))
        }
    }
}
