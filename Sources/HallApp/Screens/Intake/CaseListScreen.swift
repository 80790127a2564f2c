import Foundation
import HallCore
import HallStore
import TerminalUI

/// 办件查询: the hall's cases, newest first, searched as the clerk types by case number, the
/// applicant's name or ID number (shown masked). Enter opens the case; a case waiting for
/// correction is resumed there with F7 when the applicant comes back.
public final class CaseListScreen: LegacyScreen {
    struct State {
        var query = TextField(maxLength: 40)
        var rows: [CaseListRow] = []
        var selected = 0
        var message: StatusMessage?
    }

    let context: IntakeContext
    var state = State()
    public var transition: ScreenTransition?
    static let pageSize = 200

    public init(context: IntakeContext) { self.context = context }

    public var title: String { "办件查询" }
    public var message: StatusMessage? { state.message }
    public var isTypingText: Bool { true }
    public var keyBar: [KeyBarItem] {
        [.init("F1", "帮助"), .init("回车", "打开"), .init("↑↓", "移动"), .init("Esc", "返回")]
    }
    public var help: [String] {
        ["输入办件编号（可只输前几位，如 YC20261121）、申请人姓名（可只输姓）或身份证号码，列表随输入更新。",
         "身份证号码可输入全角数字和小写x；列表中身份证号码一律部分隐藏。",
         "红色：已超过承诺办结日期；加粗：今日到期。回车打开办件，待补正的办件在办件中按 F7 继续受理。"]
    }

    public func reload() {
        do {
            state.rows = try context.store.cases(matching: state.query.text, limit: Self.pageSize)
            state.selected = min(state.selected, max(0, state.rows.count - 1))
        } catch { state.message = .from(error) }
    }

    public func handle(_ key: Key) {
        switch key {
        case .escape, .function(10): transition = .pop(nil)
        case .up: state.selected = max(0, state.selected - 1)
        case .down: state.selected = min(max(0, state.rows.count - 1), state.selected + 1)
        case .pageUp: state.selected = max(0, state.selected - 10)
        case .pageDown: state.selected = min(max(0, state.rows.count - 1), state.selected + 10)
        case .enter:
            guard state.rows.indices.contains(state.selected) else { state.message = .error("没有找到办件"); return }
            transition = .push(CaseScreen(context: context, caseId: state.rows[state.selected].id))
        default:
            if state.query.handle(key) {
                state.message = state.query.overflowed ? .error(state.query.overflowMessage) : nil
                state.selected = 0
                reload()
            }
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let used = buffer.put("查找办件：", x: area.x + 1, y: area.y, style: .bold)
        let fieldWidth = min(30, area.width - used - 4)
        state.query.render(x: area.x + 1 + used, y: area.y, width: fieldWidth, focused: true, into: &buffer)
        buffer.put("编号、姓名或身份证号", x: area.x + used + fieldWidth + 3, y: area.y, maxWidth: max(0, area.width - used - fieldWidth - 4), style: .muted)
        let today = context.today
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
        let count = state.rows.count >= Self.pageSize ? "前\(Self.pageSize)件" : "共\(state.rows.count)件"
        buffer.put(count + "（按最近更新排列）", x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2, style: .muted)
    }
}
