/// A decoded key press. Backends turn terminal input into these; screens never see raw bytes.
public enum Key: Equatable, Hashable, Sendable {
    /// Printable text, including whole CJK characters from an input method. A backend may
    /// still hand over a control character as data; TextField stores those in their inert form
    /// from `sanitize`. (NcursesBackend reads an escape sequence whole: see `KeySequence`.)
    case character(Character)
    case enter, escape, backspace, delete, tab, backTab, up, down, left, right, home, end, pageUp, pageDown
    /// F1...F12.
    case function(Int)
    /// Ctrl-A..Ctrl-Z as a lowercase letter (Ctrl-C -> .control("c")). Ctrl-H, Ctrl-I, Ctrl-J
    /// and Ctrl-M are indistinguishable from Backspace, Tab and Enter and arrive as those.
    case control(Character)
    /// The terminal changed size: re-layout at `Backend.size` and redraw.
    case resize
    /// An escape sequence nobody understood (a key the terminal sends in a way neither terminfo
    /// nor `KeySequence` knows), swallowed whole so its bytes never act as letters. Carries the
    /// sequence in readable form, e.g. "ESC[25~". Screens ignore it or show `notUnderstood`.
    case unknown(String)
    /// Text that arrived all at once (a paste, or a burst the terminal had already buffered),
    /// handed over as one key so a field takes it in one step: 10,000 pasted characters are one
    /// event, not 10,000 (issue 14 defect 7). Never contains Enter, Tab or a control key.
    case paste(String)
}

extension Key {
    /// What to tell the clerk once when a key was not understood; nil for every other key.
    public var notUnderstood: String? {
        guard case .unknown(let name) = self else { return nil }
        return "无法识别的按键（\(name)），已忽略；若功能键无效，请检查终端类型 TERM 与键盘设置"
    }
}

extension Key: CustomStringConvertible {
    /// A short human-readable name, e.g. "F1", "Enter", "Ctrl-C", "字" (for logs and demos).
    public var description: String {
        switch self {
        case .character(let c): return sanitize(String(c))
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .resize: return "Resize"
        case .unknown(let name): return name
        case .paste(let text): return "粘贴\(text.count)字"
        }
    }
}
