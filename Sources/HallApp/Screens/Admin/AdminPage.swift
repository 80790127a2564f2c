import Foundation
import HallCore
import HallStore
import TerminalUI

/// The four parts of hall administration, each a page with its own key table.
public enum AdminSection: Int, CaseIterable, Sendable, Equatable {
    case services, windows, staff, live, printers

    public var title: String {
        switch self {
        case .services: return "业务设置"
        case .windows: return "窗口设置"
        case .staff: return "人员管理"
        case .live: return "现场调度"
        case .printers: return "打印机"
        }
    }

    /// Who may open the page at all; each row of its table may need more (see `AdminPage.keys`).
    public func isOpen(to role: ClerkRole) -> Bool {
        switch self {
        case .services, .windows: return role.canSuperviseHall
        case .staff: return RoleMatrix.allows(HallRole(role), .manageStaff)
        case .live: return RoleMatrix.allows(HallRole(role), .liveControl)
        case .printers: return role.canSuperviseHall
        }
    }
}

/// One change to the hall, as the store's administration API takes it.
public enum AdminAction: Sendable, Equatable {
    case addService(code: String, prefix: String, name: String, targetWait: Int, maxQueue: Int, warnQueue: Int)
    case editService(String, ServiceEdit)
    case suspendService(String, Bool)
    case addWindow(number: Int, name: String, services: [String])
    case renameWindow(Int, String)
    case windowServices(Int, [String])
    case windowOpen(Int, Bool)
    case temporaryWindow(number: Int, services: [String], untilMinute: Int?)
    /// How the window chooses among its services (nil: the strict service order), as `window-choice`.
    case windowChoice(Int, WindowChoice?)
    /// The hall's 绿色通道 age (a hall rule, `config green_age`).
    case greenChannelAge(Int)
    /// A test page to where that kind of document prints on this machine.
    case testPrint(DocumentKind)
    case addStaff(number: String, name: String, role: ClerkRole, pin: String)
    case staffActive(String, Bool)
    case staffRole(String, ClerkRole)
    case staffWindows(String, [Int])
    case resetPIN(String)
    case unlock(String)
    case forceSignOut(window: Int, serving: TicketDisposition, held: TicketDisposition)
    case recoverHeld(String, TicketDisposition)
    case moveClerk(from: Int, to: Int)
}

/// 后台管理 pages: a list (↑↓ to pick a row) and the changes its keys ask for, each a form of a
/// few steps that ends in one store operation. The store checks the role again and its Chinese
/// refusal is shown as it is.
public enum AdminPage: ScreenModel {
    /// What the page lists, read in one go (only the section's own part is filled).
    public struct Data: Sendable, Equatable {
        public var services: [ServiceSetup] = []
        public var windows: [WindowSetup] = []
        public var staff: [StaffSetup] = []
        public var live: [WindowSnapshot] = []
        /// A temporary window's end, as the hall's clock reads it ("12:00").
        public var temporaryUntil: [Int: String] = [:]
        /// Each window's call choice as `window-choice` writes it ("order", "weights:A=3,B=1").
        public var choices: [Int: String] = [:]
        /// The hall's 绿色通道 age, shown on the services page.
        public var greenChannelAge: Int?
        public var printers: [PrinterRoute] = []
        public var now = Date(timeIntervalSince1970: 0)
        public init() {}
    }

    public struct State {
        public let clerk: Clerk
        public let section: AdminSection
        public internal(set) var data: Data?
        public internal(set) var selected = 0
        public internal(set) var message: StatusMessage?
        var form: AdminForm?
        var loads = LoadGate()
        /// What a change did, told once the list shows it: until then no new change starts, so
        /// none is asked about a list from before the last one (found by the tmux morning test).
        var notice: StatusMessage?

        public init(clerk: Clerk, section: AdminSection) { self.clerk = clerk; self.section = section }
        public var isFormOpen: Bool { form != nil }
        var role: HallRole { HallRole(clerk.role) }
        var rowCount: Int {
            guard let d = data else { return 0 }
            switch section {
            case .services: return d.services.count
            case .windows: return d.windows.count
            case .staff: return d.staff.count
            case .live: return d.live.count
            case .printers: return d.printers.count
            }
        }
    }

    public enum Command: Sendable, Equatable {
        case load(AdminSection)
        case apply(AdminAction)
    }

    public enum Outcome {
        case loaded(Data)
        case loadFailed(String)
        case applied(String)
        case refused(String)
    }

    public enum Destination {}

    public typealias Effects = [ModelEffect<Command, Destination>]

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .resumed: return load(&state)
        case .tick, .resize: return []
        case .done(.loaded(let data)):
            state.data = data
            state.selected = min(state.selected, max(0, state.rowCount - 1))
            // A load that started before the change landed is followed by one that started after.
            if state.loads.landed() { return load(&state) }
            if let n = state.notice { state.message = n; state.notice = nil }
            return []
        case .done(.loadFailed(let text)):
            if state.loads.landed() { return load(&state) }
            // Never lose what a change said (a reset PIN is shown only once).
            state.message = .error(state.notice.map { "\($0.text)；但刷新列表失败：\(text)" } ?? text)
            state.notice = nil
            return []
        case .done(.applied(let text)):
            state.notice = .info(text)
            state.message = .info("已保存，正在刷新列表…")
            return load(&state)
        case .done(.refused(let text)):
            state.message = .error(text)
            return load(&state)
        case .key(let key):
            if var form = state.form {
                state.form = nil
                let outcome = form.handle(key)
                return finish(&state, outcome, form: form)
            }
            switch key {
            case .up: state.selected = max(0, state.selected - 1); return []
            case .down: state.selected = min(max(0, state.rowCount - 1), state.selected + 1); return []
            default: break
            }
            switch keys(state.section).dispatch(key, state) {
            case .run(.back): return [.close(nil)]
            case .run(.start(let make)):
                guard state.notice == nil else { state.message = .error("正在刷新列表，请稍候再操作"); return [] }
                guard let form = make(state) else { return [] }
                if form.isImmediate { return finish(&state, form.buildNow(), form: form) }
                state.form = form
            case .refused(let why): state.message = .error(why)
            case .notInTable: break
            }
            return []
        }
    }

    static func finish(_ state: inout State, _ outcome: AdminForm.Outcome, form: AdminForm) -> Effects {
        switch outcome {
        case .pending: state.form = form
        case .cancelled: state.message = .info("已取消")
        case .invalid(let text): state.message = .error(text)
        case .done(let action): return [.run(.apply(action))]
        }
        return []
    }

    static func load(_ state: inout State) -> Effects {
        state.loads.ask() ? [.run(.load(state.section))] : []
    }

    public static func isTypingText(_ state: State) -> Bool { state.form?.input != nil }
}
