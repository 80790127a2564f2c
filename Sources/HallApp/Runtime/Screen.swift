import Foundation
import TerminalUI

/// A line shown above the key bar: the result of the last action, in Chinese.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public static func info(_ t: String) -> StatusMessage { StatusMessage(text: t, isError: false) }
    public static func error(_ t: String) -> StatusMessage { StatusMessage(text: t, isError: true) }
    public static func from(_ error: Error) -> StatusMessage { .error(ErrorText.of(error)) }
}

/// One full-screen view: state in a value, `update` turns an event into effects (the runner
/// carries them out), `render` draws the state without touching anything else.
public protocol Screen: AnyObject {
    var title: String { get }
    var keyBar: [KeyBarItem] { get }
    var help: [String] { get }
    var message: StatusMessage? { get }
    func update(_ event: AppEvent) -> [Effect]
    func render(into buffer: inout ScreenBuffer, area: Rect)
    /// True while a free-text field has the keyboard, so "?" is typed rather than opening help.
    var isTypingText: Bool { get }
    /// The smallest terminal the screen lays out on; 80×24 unless it has a compact layout
    /// (the rating pad runs on small applicant-facing displays, down to 40×12).
    var minimumSize: (width: Int, height: Int) { get }
    /// True for screens the applicant uses (the rating pad): Ctrl-C must not close them, and the
    /// staff's sync state is not shown on them.
    var facesApplicant: Bool { get }
}

extension Screen {
    public var isTypingText: Bool { false }
    public var facesApplicant: Bool { false }
    public var minimumSize: (width: Int, height: Int) { (MinimumSize.width, MinimumSize.height) }
}

/// The frame every screen shares: title bar on top, message line (with the sync state at its
/// right) and key bar at the bottom,
/// F1 help overlay, and the "too small" notice below 80×24.
public enum Chrome {
    /// Where the help box goes: everything but the title bar and the bottom row.
    static func helpArea(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    public static func render(_ screen: Screen, hallName: String, status: String, sync: SyncIndicator? = nil,
                              showHelp: Bool, help: HelpView = HelpView(), notice: StatusMessage? = nil, into buffer: inout ScreenBuffer) {
        let message = notice ?? screen.message
        buffer.clear()
        guard buffer.width >= screen.minimumSize.width, buffer.height >= screen.minimumSize.height else {
            MinimumSize.render(into: &buffer)
            return
        }
        let w = buffer.width, h = buffer.height
        buffer.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .title)
        let left = " \(hallName) · \(screen.title)"
        buffer.put(left, x: 0, y: 0, maxWidth: w, style: .title)
        let statusWidth = DisplayWidth.of(status)
        if DisplayWidth.of(left) + statusWidth + 2 <= w {
            buffer.put(status, x: w - statusWidth - 1, y: 0, style: .title)
        }
        let bar = screen.keyBar
        let barRows = KeyBar.rows(bar, width: w)
        screen.render(into: &buffer, area: Rect(x: 0, y: 1, width: w, height: h - 2 - barRows))
        // The sync state sits at the right of the message line and gives way to a long message.
        var messageWidth = w - 2
        if let sync, !screen.facesApplicant {
            let width = DisplayWidth.of(sync.text)
            let messageNeeds = message.map { DisplayWidth.of($0.text) } ?? 0
            if width + 3 <= w - messageNeeds - 2 {
                buffer.put(sync.text, x: w - width - 1, y: h - 1 - barRows, style: sync.isWarning ? .warning : .muted)
                messageWidth = w - width - 4
            }
        }
        if let m = message {
            buffer.put(m.text, x: 1, y: h - 1 - barRows, maxWidth: messageWidth, style: m.isError ? .warning : .ok)
        }
        KeyBar.render(bar, y: h - barRows, width: w, into: &buffer)
        if showHelp {
            help.render(title: "帮助 · \(screen.title)", help: screen.help, in: helpArea(width: w, height: h), into: &buffer)
        }
    }
}
