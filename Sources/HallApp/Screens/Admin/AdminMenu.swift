import Foundation
import HallCore
import HallStore
import TerminalUI

/// 后台管理: the menu of administration pages, reached by F12 from the supervisor dashboard and
/// the window console. It lists the pages the signed-in role may open; the rest stay in the help
/// with the role they need (and the store refuses them anyway).
public enum AdminMenu: ScreenModel {
    public struct State {
        public let clerk: Clerk
        public internal(set) var selected = 0
        public internal(set) var message: StatusMessage?
        public init(clerk: Clerk) {
            self.clerk = clerk
            selected = AdminSection.allCases.firstIndex { $0.isOpen(to: clerk.role) } ?? 0
        }
        var open: [AdminSection] { AdminSection.allCases.filter { $0.isOpen(to: clerk.role) } }
    }

    public enum Command: Sendable {}
    public enum Outcome {}
    public typealias Destination = AdminSection
    public typealias Effects = [ModelEffect<Command, Destination>]

    enum KeyAction: Sendable { case page(AdminSection), enter, back }

    static func refusal(_ section: AdminSection) -> @Sendable (State) -> String? {
        { s in section.isOpen(to: s.clerk.role) ? nil : "\(s.clerk.role.label)不能使用\(section.title)" }
    }

    static let keys = KeyTable<State, KeyAction>(AdminSection.allCases.map { section -> KeyCommand<State, KeyAction> in
        KeyCommand([.character(Character("\(section.rawValue + 1)"))], "\(section.rawValue + 1)", section.title, help: sectionHelp(section),
                   unavailable: refusal(section), action: .page(section))
    } + [
        KeyCommand([.enter], "Enter", "打开", help: "打开选中的一项（↑↓ 选择）", unavailable: { $0.open.isEmpty ? "没有可用的管理项" : nil }, action: .enter),
        KeyCommand([.escape, .function(10)], "Esc", "返回", help: "回到原来的界面（F10 同）", action: .back),
    ])

    static func sectionHelp(_ section: AdminSection) -> String {
        switch section {
        case .services: return "业务的名称、号票前缀、目标等候、最多排队、预警人数、取号时间和截止；今日暂停（暂停、恢复由大厅管理也可操作，其余需系统管理员）"
        case .windows: return "窗口的新增、改名、办理的业务及顺序（系统管理员）；开放、关闭、临时窗口（大厅管理也可）"
        case .staff: return "工作人员的新增、停用、角色、窗口权限、重置一次性密码、解除锁定（系统管理员）"
        case .live: return "强制退出失灵终端的窗口、回收挂起的号、调岗（大厅管理、系统管理员）"
        case .printers: return "本机各类文书和取号台号票打印到哪台打印机（yichuang.toml 的 [printers]），打印测试页（大厅管理、系统管理员）"
        }
    }

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        guard case .key(let key) = event else { return [] }
        let open = state.open
        switch key {
        case .up:
            let now = state.selected
            state.selected = open.last { $0.rawValue < now }?.rawValue ?? now
            return []
        case .down:
            let now = state.selected
            state.selected = open.first { $0.rawValue > now }?.rawValue ?? now
            return []
        default: break
        }
        switch keys.dispatch(key, state) {
        case .run(.page(let section)): state.selected = section.rawValue; return [.open(section)]
        case .run(.enter):
            guard let section = AdminSection(rawValue: state.selected), section.isOpen(to: state.clerk.role) else { return [] }
            return [.open(section)]
        case .run(.back): return [.close(nil)]
        case .refused(let why): state.message = .error(why)
        case .notInTable: break
        }
        return []
    }

    public static func title(_ state: State) -> String { "后台管理 · \(state.clerk.name)（\(state.clerk.role.label)）" }
    public static func keyBar(_ state: State) -> [KeyBarItem] { keys.keyBar(state) }
    public static func help(_ state: State) -> [String] {
        keys.help + ["", "每项修改由数据库按角色再检查一次；记入审计日志（谁、何时、原值、新值）并同步到中心。"]
    }
    public static func message(_ state: State) -> StatusMessage? { state.message }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let box = area.centered(width: min(area.width - 4, 60), height: AdminSection.allCases.count * 2 + 4)
        Box.render(box, title: "后台管理", into: &buffer)
        for section in AdminSection.allCases {
            let y = box.y + 2 + section.rawValue * 2
            let isOpen = section.isOpen(to: state.clerk.role)
            let line = "\(section.rawValue + 1). \(section.title)" + (isOpen ? "" : "（无权限）")
            let style: TextStyle = !isOpen ? .muted : section.rawValue == state.selected ? .highlight : .plain
            buffer.put(line, x: box.x + 4, y: y, maxWidth: box.width - 8, style: style)
        }
    }
}
