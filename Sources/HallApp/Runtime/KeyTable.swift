import Foundation
import TerminalUI

/// One row of a screen's key table: the keys that trigger it, the name and label the key bar
/// shows, the F1 help line, when it applies, and what it does. The bar, the help and the dispatch
/// are all read from the same rows, so they cannot disagree.
public struct KeyCommand<Context, Action: Sendable>: Sendable {
    public var keys: [Key]
    /// The key as the bar and the help name it: "F2", "N", "1-9".
    public var name: String
    public var label: String
    public var help: String
    /// Nil when the command applies now; otherwise why not, in Chinese (shown when pressed).
    public var unavailable: @Sendable (Context) -> String?
    /// Shown on the bar only while available; unavailable rows stay in the help.
    public var action: Action

    public init(_ keys: [Key], _ name: String, _ label: String, help: String,
                unavailable: @escaping @Sendable (Context) -> String? = { _ in nil }, action: Action) {
        self.keys = keys; self.name = name; self.label = label; self.help = help
        self.unavailable = unavailable; self.action = action
    }
}

public struct KeyTable<Context, Action: Sendable>: Sendable {
    public var commands: [KeyCommand<Context, Action>]
    public init(_ commands: [KeyCommand<Context, Action>]) { self.commands = commands }

    public enum Dispatch { case run(Action), refused(String), notInTable }

    /// F1 帮助 first (the runner answers it on every screen), then every available command.
    public func keyBar(_ context: Context) -> [KeyBarItem] {
        [KeyBarItem("F1", "帮助")] + commands.filter { $0.unavailable(context) == nil }.map { KeyBarItem($0.name, $0.label) }
    }

    /// One line per command, available or not, in table order.
    public var help: [String] { commands.map { "\($0.name) \($0.label)：\($0.help)" } }

    /// The first available row for the key (a key may have one row per state, like F9 暂停 and
    /// F9 恢复); if every row for it is unavailable, the first one's reason.
    public func dispatch(_ key: Key, _ context: Context) -> Dispatch {
        let rows = commands.filter { $0.keys.contains(key) }
        guard let first = rows.first else { return .notInTable }
        if let available = rows.first(where: { $0.unavailable(context) == nil }) { return .run(available.action) }
        return .refused(first.unavailable(context) ?? "")
    }
}

/// Letters are commands whichever case the keyboard sends.
public func letter(_ c: Character) -> [Key] {
    [.character(Character(c.lowercased())), .character(Character(c.uppercased()))]
}

/// A list's selection after ↑ ↓ (one row) or PgUp PgDn (ten), kept within its `count` rows.
public func listSelection(_ selected: Int, after key: Key, count: Int) -> Int {
    let last = max(0, count - 1)
    switch key {
    case .up: return max(0, selected - 1)
    case .down: return min(last, selected + 1)
    case .pageUp: return max(0, selected - 10)
    case .pageDown: return min(last, selected + 10)
    default: return min(selected, last)
    }
}
