public struct KeyBarItem: Sendable, Equatable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The key bar at the bottom, as in htop and mc: "F1帮助 F2登记 Esc返回". The key name is drawn
/// in `keyLabel` style, the label reversed, a space between items. Nothing is ever dropped: when
/// the items do not fit one row they wrap onto a second (the screen gives up a row for it), and
/// only what would not fit two rows is clipped.
public enum KeyBar {
    static func itemWidth(_ item: KeyBarItem) -> Int { DisplayWidth.of(item.key) + DisplayWidth.of(item.label) }

    /// The items of each row, greedily filled.
    static func lines(_ items: [KeyBarItem], width: Int) -> [[KeyBarItem]] {
        var lines: [[KeyBarItem]] = [[]]
        var x = 0
        for item in items {
            let w = itemWidth(item)
            if x > 0, x + w > width { lines.append([]); x = 0 }
            lines[lines.count - 1].append(item)
            x += w + 1
        }
        return lines
    }

    /// 1, or 2 when the items do not fit one row.
    public static func rows(_ items: [KeyBarItem], width: Int) -> Int { min(2, lines(items, width: width).count) }

    public static func render(_ items: [KeyBarItem], y: Int, width: Int, into buffer: inout ScreenBuffer) {
        for (row, line) in lines(items, width: width).prefix(2).enumerated() {
            buffer.fill(Rect(x: 0, y: y + row, width: buffer.width, height: 1))
            var x = 0
            for item in line where x < buffer.width {
                x += buffer.put(item.key, x: x, y: y + row, style: .keyLabel)
                x += buffer.put(item.label, x: x, y: y + row, style: .reverse)
                x += 1
            }
        }
    }

    /// One row (kept for callers that lay out their own bottom line).
    public static func render(_ items: [KeyBarItem], y: Int, into buffer: inout ScreenBuffer) {
        render(Array(lines(items, width: buffer.width).first ?? []), y: y, width: buffer.width, into: &buffer)
    }
}
