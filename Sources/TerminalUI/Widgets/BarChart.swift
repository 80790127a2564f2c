/// Horizontal bars with (Chinese) labels, one item per row:
/// "行政审批 ██████████▌ 21". Bars use eighth blocks so small differences still show.
public enum BarChart {
    public static func render(_ items: [(label: String, value: Double)], maxValue: Double, in rect: Rect,
                              into buffer: inout ScreenBuffer) {
        guard rect.width > 0, rect.height > 0 else { return }
        let shownItems = items.prefix(rect.height)
        let labelWidth = min(shownItems.map { DisplayWidth.of(sanitize($0.label)) }.max() ?? 0, rect.width / 3)
        let values = shownItems.map { format($0.value) }
        let valueWidth = values.map(\.count).max() ?? 0
        let barWidth = max(0, rect.width - labelWidth - valueWidth - 2)
        let scale = maxValue > 0 ? maxValue : (shownItems.map(\.value).max() ?? 0)
        for (i, item) in shownItems.enumerated() {
            let y = rect.y + i
            buffer.fill(rect.row(i))
            var x = rect.x
            x += buffer.put(pad(item.label, toWidth: labelWidth), x: x, y: y, maxWidth: rect.maxX - x)
            x += 1
            let bar = self.bar(value: item.value, scale: scale, width: barWidth)
            buffer.put(bar, x: x, y: y, maxWidth: barWidth, style: TextStyle(fg: .cyan))
            x += DisplayWidth.of(bar) + 1
            buffer.put(values[i], x: x, y: y, maxWidth: rect.maxX - x)
        }
    }

    /// A bar of `width * value / scale` columns, to the nearest eighth of a column.
    static func bar(value: Double, scale: Double, width: Int) -> String {
        guard scale > 0, width > 0, value > 0, value.isFinite else { return "" }
        let eighths = Int((min(value, scale) / scale * Double(width * 8)).rounded())
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var s = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { s.append(partials[eighths % 8 - 1]) }
        return s
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let tenths = (value * 10).rounded() / 10
        return String(tenths)
    }
}
