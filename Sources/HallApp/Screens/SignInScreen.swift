import Foundation
import HallCore
import HallStore
import TerminalUI

/// 登录: window number (unless fixed by --window), clerk number and PIN.
public final class SignInScreen: LegacyScreen {
    public enum Purpose { case window(Int?), desk, dashboard }

    public struct State {
        var windowField = TextField(maxLength: 3, allowed: { $0.isASCII && $0.isNumber })
        var clerkField = TextField(maxLength: 10, allowed: { $0.isASCII && ($0.isNumber || $0.isLetter) })
        var pinField = TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber })
        var focus = 0
        var message: StatusMessage?
    }

    let store: HallStore
    let purpose: Purpose
    let terminal: String
    let onSignedIn: (Clerk, Int?) -> Screen
    public private(set) var state = State()
    public var transition: ScreenTransition?

    /// `defaultWindow` pre-fills the window field (the demo starts at window 1) while letting the
    /// clerk change it.
    public init(store: HallStore, purpose: Purpose, terminal: String, defaultWindow: Int? = nil,
                onSignedIn: @escaping (Clerk, Int?) -> Screen) {
        self.store = store; self.purpose = purpose; self.terminal = terminal; self.onSignedIn = onSignedIn
        if case .window(let n?) = purpose { state.windowField.text = String(n); state.windowField.cursor = String(n).count }
        if case .window(nil) = purpose, let d = defaultWindow {
            state.windowField.text = String(d); state.windowField.cursor = String(d).count
        }
        state.focus = asksWindow && defaultWindow == nil ? 0 : 1
    }

    var asksWindow: Bool { if case .window(nil) = purpose { return true }; return false }
    var fixedWindow: Int? { if case .window(let n) = purpose { return n }; return nil }

    public var title: String {
        switch purpose {
        case .window(let n): return n.map { "\($0)号窗口 登录" } ?? "窗口登录"
        case .desk: return "取号台 登录"
        case .dashboard: return "大厅监控 登录"
        }
    }
    public var keyBar: [KeyBarItem] { [.init("F1", "帮助"), .init("Tab", "下一项"), .init("Enter", "登录"), .init("F10", "退出")] }
    public var help: [String] {
        ["输入工号和密码（数字）后按回车登录。", "Tab 或 ↑↓ 在输入框之间移动。",
         "密码连续输错5次，账号锁定5分钟。", "演示大厅：窗口人员工号1001–1007，密码1234；导服2001/2222；大厅管理8001/8888。"]
    }
    public var message: StatusMessage? { state.message }
    public func reload() {}

    public func handle(_ key: Key) {
        let firstField = asksWindow ? 0 : 1
        switch key {
        case .function(10): transition = .confirmExit("退出登录界面？")
        case .tab, .down: state.focus = state.focus >= 2 ? firstField : state.focus + 1
        case .backTab, .up: state.focus = state.focus <= firstField ? 2 : state.focus - 1
        case .enter:
            if state.focus < 2 { state.focus += 1 } else { submit() }
        default:
            switch state.focus {
            case 0: _ = state.windowField.handle(key)
            case 1: _ = state.clerkField.handle(key)
            default: _ = state.pinField.handle(key)
            }
        }
    }

    func submit() {
        var window: Int?
        if case .window = purpose {
            guard let n = Int(state.windowField.text), n > 0 else {
                state.message = .error("请输入窗口号"); state.focus = 0; return
            }
            window = n
        }
        guard !state.clerkField.text.isEmpty else { state.message = .error("请输入工号"); state.focus = 1; return }
        do {
            let clerk = try store.signIn(clerkNumber: state.clerkField.text, pin: state.pinField.text, window: window, terminal: terminal)
            if case .dashboard = purpose, !clerk.role.canSuperviseHall {
                state.message = .error("\(clerk.name) 的角色是\(clerk.role.label)：大厅监控需要大厅管理或系统管理员")
                state.pinField = TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber })
                state.clerkField.text = ""
                state.clerkField.cursor = 0
                state.focus = 1
                return
            }
            transition = .replace(onSignedIn(clerk, window))
        } catch {
            state.message = .from(error)
            state.pinField = TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber })
            state.focus = 2
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let box = area.centered(width: min(area.width - 4, 56), height: 11)
        Box.render(box, title: title, into: &buffer)
        let labels = ["窗口号", "工  号", "密  码"]
        let fields = [state.windowField, state.clerkField, state.pinField]
        for i in 0..<3 {
            let y = box.y + 2 + i * 2
            let enabled = i > 0 || asksWindow || fixedWindow != nil
            guard enabled else { continue }
            buffer.put(labels[i] + "：", x: box.x + 4, y: y, style: state.focus == i ? .bold : .plain)
            if i == 0 && !asksWindow {
                buffer.put(state.windowField.text, x: box.x + 14, y: y)
            } else {
                fields[i].render(x: box.x + 14, y: y, width: 20, focused: state.focus == i, into: &buffer)
            }
        }
        buffer.put("回车登录 · 连续输错5次锁定5分钟", x: box.x + 4, y: box.maxY - 2, maxWidth: box.width - 6, style: .muted)
    }
}
