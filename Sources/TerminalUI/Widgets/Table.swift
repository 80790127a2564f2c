public struct TableColumn: Sendable, Equatable {
    public var title: String
    /// Width in display columns.
    public var width: Int
    public var align: Alignment
    public init(_ title: String, width: Int, align: Alignment = .left) {
        self.title = title; self.width = width; self.align = align
    }
}

/// A header row (bold, underlined) over data rows, one space between columns. Scrolls so the
/// `selected` row stays visible; the selected row is highlighted across the whole width.
/// Columns that do not fit in `rect` are clipped.
public enum Table {
    public static func render(columns: [TableColumn], rows: [[String]], selected: Int?, in rect: Rect,
                              into buffer: inout ScreenBuffer, rowStyles: [Int: TextStyle] = [:]) {
        guard rect.height > 0, rect.width > 0 else { return }
        let header = TextStyle(bold: true, underline: true)
        drawLine(columns.map(\.title), columns: columns, y: rect.y, rect: rect, style: header, into: &buffer)

        let visible = rect.height - 1
        guard visible > 0 else { return }
        let first = firstVisibleRow(selected: selected, count: rows.count, visible: visible)
        for i in 0..<visible {
            let index = first + i
            let y = rect.y + 1 + i
            guard index < rows.count else {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1))
                continue
            }
            var style = rowStyles[index] ?? .plain
            if index == selected { style = style.with(reverse: true) }
            drawLine(rows[index], columns: columns, y: y, rect: rect, style: style, into: &buffer)
        }
    }

    /// The first data row shown: 0 until the selection would fall below the visible rows,
    /// then just enough to keep it on the last visible row.
    public static func firstVisibleRow(selected: Int?, count: Int, visible: Int) -> Int {
        guard let selected, visible > 0, selected >= visible else { return 0 }
        return min(selected, count - 1) - visible + 1
    }

    private static func drawLine(_ values: [String], columns: [TableColumn], y: Int, rect: Rect,
                                 style: TextStyle, into buffer: inout ScreenBuffer) {
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
        var x = rect.x
        for (i, column) in columns.enumerated() {
            guard x < rect.maxX else { break }
            let value = i < values.count ? values[i] : ""
            let cell = pad(value, toWidth: column.width, align: column.align)
            buffer.put(cell, x: x, y: y, maxWidth: rect.maxX - x, style: style)
            x += column.width + 1
        }
    }
}
