import Foundation
import TerminalUI

/// The F1 help over a screen: its key table's lines and notes. When they fit, a box closed by any
/// key; when they are longer than the terminal (80×24 with a long table), the box scrolls with
/// ↑↓ and PgUp/PgDn instead of cutting the lines off, and Esc (or any other key) closes it.
public struct HelpView: Equatable, Sendable {
    /// The first help line shown.
    public var offset = 0
    public init(offset: Int = 0) { self.offset = offset }

    struct Layout {
        var box: Rect
        var lines: [String]
        /// Rows for help lines (the box less its frame and the footer).
        var room: Int
        var scrolls: Bool
        var maxOffset: Int { max(0, lines.count - room) }
    }

    static let closingHint = "按任意键关闭帮助"

    /// The help as the area fits it: the plain box when everything fits, else a scrolling box
    /// as tall as the area.
    static func layout(title: String, help: [String], in area: Rect) -> Layout {
        let all = help + ["", closingHint]
        let box = MessageBox.frame(title: title, lines: all, in: area)
        let inner = max(1, box.width - 4)
        let wrapped = help.flatMap { wrap($0, width: inner) }
        if wrapped.count + 2 + 2 <= area.height { return Layout(box: box, lines: wrapped, room: wrapped.count, scrolls: false) }
        let tall = area.centered(width: box.width, height: area.height)
        return Layout(box: tall, lines: wrapped, room: max(1, tall.height - 3), scrolls: true)
    }

    /// A key while the help is open: true if the help stays open (it scrolled).
    public mutating func handle(_ key: Key, title: String, help: [String], in area: Rect) -> Bool {
        let layout = Self.layout(title: title, help: help, in: area)
        guard layout.scrolls else { return false }
        let page = max(1, layout.room - 1)
        switch key {
        case .up: offset -= 1
        case .down: offset += 1
        case .pageUp: offset -= page
        case .pageDown, .character(" "): offset += page
        case .home: offset = 0
        case .end: offset = layout.maxOffset
        default: return false
        }
        offset = min(max(0, offset), layout.maxOffset)
        return true
    }

    public func render(title: String, help: [String], in area: Rect, into buffer: inout ScreenBuffer) {
        let layout = Self.layout(title: title, help: help, in: area)
        guard layout.scrolls else {
            MessageBox.render(title: title, lines: help + ["", Self.closingHint], in: area, into: &buffer)
            return
        }
        let box = layout.box
        guard box.width >= 8, box.height >= 4 else { return }
        let first = min(offset, layout.maxOffset)
        let shown = layout.lines[first..<min(layout.lines.count, first + layout.room)]
        buffer.fill(box)
        Box.render(box, title: title, into: &buffer)
        for (i, line) in shown.enumerated() {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: box.width - 4)
        }
        let position = "第\(first + 1)–\(first + shown.count)行/共\(layout.lines.count)行"
        buffer.put("↑↓ PgUp/PgDn 翻看 · Esc 关闭 · \(position)", x: box.x + 2, y: box.maxY - 2, maxWidth: box.width - 4, style: .muted)
    }
}
