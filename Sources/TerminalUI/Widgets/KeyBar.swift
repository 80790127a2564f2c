public struct KeyBarItem: Sendable, Equatable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The bottom-row key bar, as in htop and mc: "F1帮助 F2登记 Esc返回". The key name is drawn
/// in `keyLabel` style, the label reversed, a plain space between items. Clipped to the width;
/// the rest of the row is cleared. When the items do not fit at 80 columns with spaces, the
/// spaces go (the two styles still separate the items) before anything is clipped.
public enum KeyBar {
    public static func render(_ items: [KeyBarItem], y: Int, into buffer: inout ScreenBuffer) {
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1))
        let tight = items.reduce(0) { $0 + DisplayWidth.of($1.key) + DisplayWidth.of($1.label) }
        let gap = tight + items.count <= buffer.width ? 1 : 0
        var x = 0
        for item in items where x < buffer.width {
            x += buffer.put(item.key, x: x, y: y, style: .keyLabel)
            x += buffer.put(item.label, x: x, y: y, style: .reverse)
            x += gap
        }
    }
}
