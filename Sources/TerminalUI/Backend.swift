import Foundation

/// Where frames go and keys come from: the real terminal (NcursesBackend) or memory (TextBackend).
///
/// Threading: a backend is used from one thread only (the UI loop). ncurses is not
/// thread-safe; effects that run elsewhere come back to the UI loop as events.
///
/// Error handling contract for apps: if the app throws or fails while the terminal is in
/// curses mode, it must call `stop()` BEFORE printing the error, or the message is lost
/// on the alternate screen / printed into a raw-mode terminal.
public protocol Backend: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Takes over the terminal. Throws `TerminalError`.
    func start() throws
    /// Restores the terminal. Idempotent; safe to call when `start` failed or never ran.
    func stop()
    /// Shows a frame. Only rows that changed since the last frame are sent.
    func present(_ buffer: ScreenBuffer)
    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    func bell()
    /// Shows the hardware cursor at (x, y) from the next frame on (e.g. a focused text field,
    /// using the column `TextField.render` returns). Hidden by default.
    func showCursor(at x: Int, y: Int)
    func hideCursor()
    /// Makes the next `present` repaint the whole terminal (clear, then every cell), e.g. when
    /// the runner changes screens. Frames that open or close a box do so by themselves.
    func invalidate()
}

extension Backend {
    public func showCursor(at x: Int, y: Int) {}
    public func hideCursor() {}
    public func invalidate() {}
}

/// Why the terminal could not be started. Descriptions are for the person at the terminal.
public enum TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
    case notATerminal
    case unknownTerminal(String)
    case initFailed(String)
    /// The locale names another character set, e.g. "zh_CN.GBK".
    case notUTF8Locale(String)
    /// The terminal drew the two test characters "好好" in this many columns, not 4.
    case notUTF8Terminal(columns: Int)

    public var description: String {
        switch self {
        case .notATerminal:
            return "标准输入或标准输出不是终端：请在终端窗口中直接运行本程序（不要通过管道或重定向）。"
        case .unknownTerminal(let term):
            let shown = term.isEmpty ? "（未设置）" : sanitize(term)
            return "无法识别终端类型 TERM=\(shown)：请设置 TERM=xterm-256color，或安装 ncurses-term 软件包。"
        case .initFailed(let reason):
            return "终端初始化失败：\(sanitize(reason))"
        // Each also in plain English: a terminal that cannot show Chinese shows the Chinese as garbage.
        case .notUTF8Locale(let name):
            let shown = sanitize(name)
            return "区域设置 \(shown) 不是 UTF-8，终端无法正确显示中文：请设置 LANG=zh_CN.UTF-8（或 C.UTF-8），"
                + "并把终端的字符集设为 UTF-8（PuTTY：Window > Translation；Xshell：编码 Unicode (UTF-8)）。\n"
                + "The locale \(shown) is not UTF-8, so Chinese cannot be shown: set LANG=C.UTF-8 and set the "
                + "terminal's character set to UTF-8 (PuTTY: Window > Translation > Remote character set)."
        case .notUTF8Terminal(let columns):
            return "终端没有按 UTF-8 显示中文（两个汉字占了 \(columns) 列，应为 4 列）：请把终端的字符集设为 UTF-8 并选用中文字体"
                + "（PuTTY：Window > Translation 选 UTF-8；Xshell：编码 Unicode (UTF-8)）。\n"
                + "The terminal does not show UTF-8 Chinese (two Chinese characters took \(columns) columns, not 4): "
                + "set its character set to UTF-8 and choose a Chinese font (PuTTY: Window > Translation > UTF-8)."
        }
    }
}

/// So `error.localizedDescription` (what the command line prints) is the Chinese text too.
extension TerminalError: LocalizedError {
    public var errorDescription: String? { description }
}
