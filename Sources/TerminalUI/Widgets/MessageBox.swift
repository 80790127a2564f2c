/// A framed box centred in `area`, sized to its content: dialogs, confirmations, the F1 help.
/// Lines wrap to the space available; lines that still do not fit are cut and the last
/// visible line ends with "…".
public enum MessageBox {
    /// The rectangle `render` would use (e.g. to place a text field inside a dialog).
    public static func frame(title: String, lines: [String], in area: Rect) -> Rect {
        let maxInner = max(0, area.width - 4)                 // border + one space each side
        let wanted = max(DisplayWidth.of(sanitize(title)) + 2,
                         lines.map { line in line.split(separator: "\n", omittingEmptySubsequences: false)
                            .map { DisplayWidth.of(sanitize(String($0))) }.max() ?? 0 }.max() ?? 0)
        let inner = min(max(wanted, 10), maxInner)
        let wrapped = lines.flatMap { wrap($0, width: max(1, inner)) }
        return area.centered(width: inner + 4, height: wrapped.count + 2)
    }

    public static func render(title: String, lines: [String], in area: Rect, into buffer: inout ScreenBuffer,
                              style: TextStyle = .plain) {
        let box = frame(title: title, lines: lines, in: area)
        guard box.width >= 4, box.height >= 2 else { return }
        let inner = box.width - 4
        var wrapped = lines.flatMap { wrap($0, width: max(1, inner)) }
        let room = box.height - 2
        if wrapped.count > room {
            wrapped = Array(wrapped.prefix(room))
            if let last = wrapped.indices.last {
                wrapped[last] = clip(wrapped[last], toWidth: inner - 1) + "…"
            }
        }
        buffer.fill(box, style: style)
        buffer.cursor = nil   // a message box is on top: typing does not go to a field behind it
        Box.render(box, title: title, into: &buffer, style: style)
        for (i, line) in wrapped.enumerated() {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: inner, style: style)
        }
    }
}
