import Foundation
import HallCore
import HallStore
import TerminalUI

/// 登录: window number (unless fixed by --window), clerk number and PIN. The check is a command
/// over the `StaffSignIn` port; once signed in, the screen puts its front end in its place. A PIN
/// an admin reset is one-time: the store refuses it with `pinChangeRequired`, and the screen then
/// asks for a new PIN twice, changes it and signs in with it.
public enum SignIn: ScreenModel {
    public enum Purpose: Sendable, Equatable { case window(Int?), desk, dashboard }

    public struct State {
        public let purpose: Purpose
        var windowField = TextField(maxLength: 3, allowed: { $0.isASCII && $0.isNumber })
        var clerkField = TextField(maxLength: 10, allowed: { $0.isASCII && ($0.isNumber || $0.isLetter) })
        var pinField = State.emptyPin
        /// Set once the store said the PIN is one-time: fields 3 and 4 take the new PIN twice.
        public internal(set) var changingPIN = false
        var newPinField = State.emptyPin
        var repeatPinField = State.emptyPin
        public internal(set) var focus = 0
        public internal(set) var message: StatusMessage?
        /// A check is out: a second Enter does not send another.
        var checking = false

        static var emptyPin: TextField { TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber }) }

        /// `defaultWindow` pre-fills the window field (the demo starts at window 1) while letting
        /// the clerk change it.
        public init(purpose: Purpose, defaultWindow: Int? = nil) {
            self.purpose = purpose
            if let n = fixedWindow ?? (asksWindow ? defaultWindow : nil) {
                windowField.text = String(n); windowField.cursor = String(n).count
            }
            focus = asksWindow && defaultWindow == nil ? 0 : 1
        }

        var asksWindow: Bool { purpose == .window(nil) }
        var fixedWindow: Int? { if case .window(let n) = purpose { return n }; return nil }
        var firstField: Int { asksWindow ? 0 : 1 }
        var lastField: Int { changingPIN ? 4 : 2 }
    }

    public enum Command: Sendable, Equatable {
        case signIn(clerkNumber: String, pin: String, window: Int?)
        /// The one-time PIN changed to `new`, then the sign-in with it.
        case changePINAndSignIn(clerkNumber: String, current: String, new: String, window: Int?)
    }

    public enum Outcome {
        case signedIn(Clerk, window: Int?)
        case refused(String)
        case mustChangePIN(String)
    }

    public enum Destination {
        case signedIn(Clerk, window: Int?)
    }

    public typealias Effects = [ModelEffect<Command, Destination>]

    enum KeyAction: Sendable { case next, enter, cancelChange, leave }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.tab, .down], "Tab", "下一项", help: "Tab 或 ↓ 到下一个输入框，Shift-Tab 或 ↑ 回到上一个", action: .next),
        KeyCommand([.enter], "Enter", "登录", help: "输入工号和密码（数字）后按回车登录；在前面的输入框按回车到下一项",
                   unavailable: { $0.changingPIN ? "请输入新密码" : nil }, action: .enter),
        KeyCommand([.enter], "Enter", "改密并登录", help: "管理员重置的一次性密码须先修改：新密码输入两次（4–12 位数字）后回车，修改后即登录",
                   unavailable: { $0.changingPIN ? nil : "密码不需修改" }, action: .enter),
        KeyCommand([.escape], "Esc", "取消改密", help: "不修改密码，回到登录（一次性密码不能用于登录）",
                   unavailable: { $0.changingPIN ? nil : "没有在修改密码" }, action: .cancelChange),
        KeyCommand([.function(10)], "F10", "退出", help: "退出登录界面（先确认）", action: .leave),
    ])

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .tick, .resumed, .resize: return []
        case .done(.signedIn(let clerk, let window)):
            state.checking = false
            if state.purpose == .dashboard, !clerk.role.canSuperviseHall {
                state.message = .error("\(clerk.name) 的角色是\(clerk.role.label)：大厅监控需要大厅管理或系统管理员")
                state.pinField = State.emptyPin
                state.clerkField.text = ""
                state.clerkField.cursor = 0
                state.focus = 1
                return []
            }
            return [.replace(.signedIn(clerk, window: window))]
        case .done(.refused(let text)):
            state.checking = false
            state.message = .error(text)
            if state.changingPIN {
                // The one-time PIN still stands: only the new one is typed again.
                state.newPinField = State.emptyPin; state.repeatPinField = State.emptyPin
                state.focus = 3
            } else {
                state.pinField = State.emptyPin
                state.focus = 2
            }
            return []
        case .done(.mustChangePIN(let text)):
            state.checking = false
            state.changingPIN = true
            state.message = .info(text + "：请输入新密码两次")
            state.focus = 3
            return []
        case .key(let key):
            switch keys.dispatch(key, state) {
            case .run(.next): state.focus = state.focus >= state.lastField ? state.firstField : state.focus + 1
            case .run(.enter):
                if state.focus < state.lastField { state.focus += 1 } else { return submit(&state) }
            case .run(.cancelChange):
                state.changingPIN = false
                state.newPinField = State.emptyPin; state.repeatPinField = State.emptyPin; state.pinField = State.emptyPin
                state.focus = 2
                state.message = .info("已取消修改密码")
            case .run(.leave): return [.confirmQuit("退出登录界面？")]
            case .refused(let why):
                // Esc means something only while changing the PIN; elsewhere it stays silent, as before.
                if key != .escape { state.message = .error(why) }
            case .notInTable: edit(&state, key)
            }
            return []
        }
    }

    /// Keys that are not commands move back a field or edit the one in focus.
    static func edit(_ state: inout State, _ key: Key) {
        switch key {
        case .backTab, .up: state.focus = state.focus <= state.firstField ? state.lastField : state.focus - 1
        default:
            switch state.focus {
            case 0: _ = state.windowField.handle(key)
            case 1: _ = state.clerkField.handle(key)
            case 2: _ = state.pinField.handle(key)
            case 3: _ = state.newPinField.handle(key)
            default: _ = state.repeatPinField.handle(key)
            }
        }
    }

    static func submit(_ state: inout State) -> Effects {
        guard !state.checking else { return [] }
        var window: Int?
        if case .window = state.purpose {
            guard let n = Int(state.windowField.text), n > 0 else {
                state.message = .error("请输入窗口号"); state.focus = 0; return []
            }
            window = n
        }
        guard !state.clerkField.text.isEmpty else { state.message = .error("请输入工号"); state.focus = 1; return [] }
        if state.changingPIN {
            let new = state.newPinField.text
            guard !new.isEmpty else { state.message = .error("请输入新密码"); state.focus = 3; return [] }
            guard new == state.repeatPinField.text else {
                state.message = .error("两次输入的新密码不一致，请重新输入")
                state.newPinField = State.emptyPin; state.repeatPinField = State.emptyPin; state.focus = 3
                return []
            }
            state.checking = true
            return [.run(.changePINAndSignIn(clerkNumber: state.clerkField.text, current: state.pinField.text, new: new, window: window))]
        }
        state.checking = true
        return [.run(.signIn(clerkNumber: state.clerkField.text, pin: state.pinField.text, window: window))]
    }

    public static func execute(staff: StaffSignIn, terminal: String) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .signIn(let number, let pin, let window):
                do { return .signedIn(try staff.signIn(clerkNumber: number, pin: pin, window: window, terminal: terminal), window: window) }
                catch AdminError.pinChangeRequired(let n) { return .mustChangePIN("工号 \(n) 的密码是一次性密码，须先修改") }
                catch { return .refused(ErrorText.of(error)) }
            case .changePINAndSignIn(let number, let current, let new, let window):
                do {
                    try staff.changeOwnPIN(staff: number, current: current, new: new, terminal: terminal)
                    return .signedIn(try staff.signIn(clerkNumber: number, pin: new, window: window, terminal: terminal), window: window)
                } catch { return .refused(ErrorText.of(error)) }
            }
        }
    }

    public static func title(_ state: State) -> String {
        switch state.purpose {
        case .window(let n): return n.map { "\($0)号窗口 登录" } ?? "窗口登录"
        case .desk: return "取号台 登录"
        case .dashboard: return "大厅监控 登录"
        }
    }
    public static func keyBar(_ state: State) -> [KeyBarItem] { keys.keyBar(state) }
    public static func help(_ state: State) -> [String] {
        keys.help + ["", "密码连续输错5次，账号锁定5分钟。", "演示大厅：窗口人员工号1001–1007，密码1234；导服2001/2222；大厅管理8001/8888。"]
    }
    public static func message(_ state: State) -> StatusMessage? { state.message }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let box = area.centered(width: min(area.width - 4, 56), height: state.changingPIN ? 15 : 11)
        Box.render(box, title: title(state), into: &buffer)
        let labels = ["窗口号", "工  号", "密  码", "新密码", "再输一次"]
        let fields = [state.windowField, state.clerkField, state.pinField, state.newPinField, state.repeatPinField]
        for i in 0...state.lastField {
            let y = box.y + 2 + i * 2
            let enabled = i > 0 || state.asksWindow || state.fixedWindow != nil
            guard enabled else { continue }
            buffer.put(labels[i] + "：", x: box.x + 4, y: y, style: state.focus == i ? .bold : .plain)
            if i == 0 && !state.asksWindow {
                buffer.put(state.windowField.text, x: box.x + 14, y: y)
            } else {
                fields[i].render(x: box.x + 14, y: y, width: 20, focused: state.focus == i, into: &buffer)
            }
        }
        buffer.put(state.changingPIN ? "一次性密码须修改：新密码4–12位数字，输两次后回车" : "回车登录 · 连续输错5次锁定5分钟", x: box.x + 4, y: box.maxY - 2, maxWidth: box.width - 6, style: .muted)
    }
}
