import Foundation
import HallCore
import HallStore
import TerminalUI

/// 办件查询: the hall's cases, newest first, searched as the clerk types by case number, the
/// applicant's name or ID number (shown masked). Enter opens the case; a case waiting for
/// correction is resumed there with F7 when the applicant comes back. The search runs on the
/// executor; an answer for a query the clerk has since changed is dropped.
public enum CaseList: ScreenModel {
    public struct State {
        let calendar: HallCalendar
        var query = TextField(maxLength: 40)
        var rows: [CaseListRow] = []
        var selected = 0
        var message: StatusMessage?
        var today: String
        /// One search at a time; a query typed meanwhile is searched when it lands.
        var loads = LoadGate()
        public init(calendar: HallCalendar, now: Date) { self.calendar = calendar; today = calendar.dayKey(now) }
    }

    public enum Command: Sendable { case search(String) }
    public enum Outcome {
        case found(query: String, [CaseListRow])
        case failed(String)
    }
    public enum Destination { case `case`(id: String) }
    public typealias Effects = [ModelEffect<Command, Destination>]

    static let pageSize = 200

    enum KeyAction: Sendable { case open, move, back }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.enter], "回车", "打开", help: "打开所选办件；待补正的办件在办件中按 F7 继续受理", action: .open),
        KeyCommand([.up, .down, .pageUp, .pageDown], "↑↓", "移动", help: "在列表中移动（PgUp/PgDn 翻页）", action: .move),
        KeyCommand([.escape, .function(10)], "Esc", "返回", help: "返回上一屏", action: .back),
    ])

    public static func title(_ s: State) -> String { "办件查询" }
    public static func message(_ s: State) -> StatusMessage? { s.message }
    public static func isTypingText(_ s: State) -> Bool { true }
    public static func keyBar(_ s: State) -> [KeyBarItem] { keys.keyBar(s) }
    public static func help(_ s: State) -> [String] {
        ["输入办件编号（可只输前几位，如 YC20261121）、申请人姓名（可只输姓）或身份证号码，列表随输入更新。",
         "身份证号码可输入全角数字和小写x；列表中身份证号码一律部分隐藏。",
         "红色：已超过承诺办结日期；加粗：今日到期。"] + keys.help
    }

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .resumed: return search(&state)
        case .resize: return []
        case .tick(let now):
            state.today = state.calendar.dayKey(now)
            return []
        case .done(.found(let query, let rows)):
            if query == state.query.text {
                state.rows = rows
                state.selected = min(state.selected, max(0, rows.count - 1))
            }
            return state.loads.landed() ? search(&state) : []
        case .done(.failed(let why)):
            state.message = .error(why)
            return state.loads.landed() ? search(&state) : []
        case .key(let key):
            switch keys.dispatch(key, state) {
            case .run(.back): return [.close(nil)]
            case .run(.move):
                state.selected = listSelection(state.selected, after: key, count: state.rows.count)
                return []
            case .run(.open):
                guard state.rows.indices.contains(state.selected) else { state.message = .error("没有找到办件"); return [] }
                return [.open(.case(id: state.rows[state.selected].id))]
            case .refused(let why):
                state.message = .error(why)
                return []
            case .notInTable:
                guard state.query.handle(key) else { return [] }
                state.message = state.query.overflowed ? .error(state.query.overflowMessage) : nil
                state.selected = 0
                return search(&state)
            }
        }
    }

    static func search(_ state: inout State) -> Effects { state.loads.ask() ? [.run(.search(state.query.text))] : [] }

    static func execute(_ context: IntakeContext) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .search(let query):
                do { return .found(query: query, try context.desk.cases(matching: query, limit: pageSize, offset: 0)) }
                catch { return .failed(ErrorText.of(error)) }
            }
        }
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let used = buffer.put("查找办件：", x: area.x + 1, y: area.y, style: .bold)
        let fieldWidth = min(30, area.width - used - 4)
        state.query.render(x: area.x + 1 + used, y: area.y, width: fieldWidth, focused: true, into: &buffer)
        buffer.put("编号、姓名或身份证号", x: area.x + used + fieldWidth + 3, y: area.y, maxWidth: max(0, area.width - used - fieldWidth - 4), style: .muted)
        let today = state.today
        let rows = state.rows.map { r in
            [r.caseNumber, r.status.label, r.applicantName, r.applicantIdMasked, r.dueDate ?? "", r.matters]
        }
        let styles = Dictionary(uniqueKeysWithValues: state.rows.enumerated().compactMap { i, r -> (Int, TextStyle)? in
            guard r.status == .accepted, let due = r.dueDate else { return nil }
            return due < today ? (i, .warning) : (due == today ? (i, .bold) : nil)
        })
        let mattersWidth = max(8, area.width - 2 - 14 - 8 - 10 - 18 - 10 - 5)
        Table.render(columns: [TableColumn("办件编号", width: 14), TableColumn("状态", width: 8), TableColumn("申请人", width: 10),
                               TableColumn("身份证号码", width: 18), TableColumn("承诺办结", width: 10), TableColumn("事项", width: mattersWidth)],
                     rows: rows, selected: state.rows.isEmpty ? nil : state.selected,
                     in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.height - 3), into: &buffer, rowStyles: styles)
        if state.rows.isEmpty {
            buffer.put(state.query.text.isEmpty ? "还没有办件" : "没有找到「\(state.query.text)」的办件", x: area.x + 3, y: area.y + 4,
                       maxWidth: area.width - 4, style: .muted)
        }
        let count = state.rows.count >= pageSize ? "前\(pageSize)件" : "共\(state.rows.count)件"
        buffer.put(count + "（按最近更新排列）", x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2, style: .muted)
    }
}
