import Foundation
import TerminalUI

/// A modal question with numbered choices: digits pick, arrows + Enter pick, Esc cancels.
public struct ChoiceDialog: Sendable {
    public var title: String
    public var options: [String]
    public var selected = 0
    /// The number each line is picked by, when it means something (a window's own number, so
    /// "6" picks 6号窗口); 1, 2, 3… otherwise.
    public var numbers: [Int]?
    public init(title: String, options: [String], numbers: [Int]? = nil) {
        self.title = title; self.options = options; self.numbers = numbers
    }

    var labels: [Int] { numbers ?? Array(1...max(1, options.count)) }

    public enum Outcome: Equatable { case pending, chosen(Int), cancelled }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .cancelled
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(options.count - 1, selected + 1)
        case .enter: return options.isEmpty ? .cancelled : .chosen(selected)
        case .character(let c):
            if let d = c.wholeNumberValue, c.isASCII, let i = labels.prefix(options.count).firstIndex(of: d) { return .chosen(i) }
        default: break
        }
        return .pending
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let lines = zip(labels, options).map { "\($0). \($1)" }
        let width = min(area.width - 4, max(DisplayWidth.of(title) + 6, (lines.map(DisplayWidth.of).max() ?? 0) + 6, 36))
        let box = area.centered(width: width, height: min(area.height, lines.count + 4))
        buffer.fill(box)
        buffer.cursor = nil   // a choice is on top: typing does not go to a field behind it
        Box.render(box, title: title, into: &buffer)
        for (i, line) in lines.enumerated() where i < box.height - 3 {
            buffer.put(" " + line, x: box.x + 1, y: box.y + 1 + i, maxWidth: box.width - 2,
                       style: i == selected ? .highlight : .plain)
        }
        buffer.put("数字或↑↓+回车选择，Esc 取消", x: box.x + 2, y: box.maxY - 2, maxWidth: box.width - 4, style: .muted)
    }
}

/// A modal one-line input: Enter confirms, Esc cancels.
public struct InputDialog: Sendable {
    public var title: String
    public var prompt: String
    public var field: TextField
    public init(title: String, prompt: String, field: TextField) { self.title = title; self.prompt = prompt; self.field = field }

    public enum Outcome: Equatable { case pending, submitted(String), cancelled }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted(field.text)
        default:
            _ = field.handle(key)
            return .pending
        }
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let width = min(area.width - 4, 60)
        let box = area.centered(width: width, height: 6)
        buffer.fill(box)
        Box.render(box, title: title, into: &buffer)
        let used = buffer.put(prompt, x: box.x + 2, y: box.y + 2, maxWidth: box.width - 4)
        field.render(x: box.x + 3 + used, y: box.y + 2, width: max(4, box.width - used - 6), focused: true, into: &buffer)
        let hint = field.overflowed ? "已达最大长度 \(field.maxLength) 字" : "回车确认，Esc 取消"
        buffer.put(hint, x: box.x + 2, y: box.y + 4, maxWidth: box.width - 4, style: field.overflowed ? .warning : .muted)
    }
}
