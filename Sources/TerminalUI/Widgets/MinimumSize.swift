/// 80×24 is the smallest supported terminal. Below it, screens show this message instead of
/// a garbled layout.
public enum MinimumSize {
    public static let width = 80
    public static let height = 24

    public static func isSatisfied(width: Int, height: Int) -> Bool {
        width >= self.width && height >= self.height
    }

    public static func message(width: Int, height: Int) -> String {
        "终端窗口太小：至少需要 \(self.width)×\(self.height)，当前 \(width)×\(height)。请放大窗口。"
    }

    /// Clears the buffer and centres the message, wrapped to fit (down to about 20×5).
    public static func render(into buffer: inout ScreenBuffer) {
        buffer.clear()
        let margin = buffer.width >= 24 ? 2 : 0
        let lines = wrap(message(width: buffer.width, height: buffer.height), width: buffer.width - 2 * margin)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.prefix(buffer.height).enumerated() {
            let x = (buffer.width - DisplayWidth.of(line)) / 2
            buffer.put(line, x: max(0, x), y: top + i, style: .warning)
        }
    }
}
