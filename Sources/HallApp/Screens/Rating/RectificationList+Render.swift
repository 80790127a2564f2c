import Foundation
import HallCore
import HallStore
import TerminalUI

extension RectificationList {
    public static func title(_ state: State) -> String { "差评整改 · \(state.clerk.name)" }
    public static func message(_ state: State) -> StatusMessage? { state.message }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let rows = state.tasks.map { t -> [String] in
            [t.state.status.label, "\(t.windowNumber)号", t.clerkNumber ?? "—", t.level.label, t.reasons.joined(separator: "、"),
             t.anonymous ? "匿名" : (t.rater.map { "\($0.name) \($0.phone)" } ?? "实名"),
             t.dueDate.map { t.overdue ? "超期 \($0)" : $0 } ?? "未定"]
        }
        let styles = Dictionary(uniqueKeysWithValues: state.tasks.enumerated().compactMap { i, t in t.overdue ? (i, TextStyle.warning) : nil })
        let detailHeight = min(7, max(3, area.height / 3))
        let tableRect = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height - detailHeight)
        if rows.isEmpty {
            buffer.put(state.showClosed ? "还没有差评整改任务" : "没有未办结的差评整改任务", x: area.x + 2, y: area.y + 1, style: .ok)
        } else {
            Table.render(columns: [TableColumn("状态", width: 8), TableColumn("窗口", width: 4), TableColumn("工号", width: 4),
                                   TableColumn("评价", width: 10), TableColumn("原因", width: 16), TableColumn("评价人", width: 16),
                                   TableColumn("整改期限", width: 15)],
                         rows: rows, selected: state.selected, in: tableRect, into: &buffer, rowStyles: styles)
        }
        if let t = state.current {
            var y = tableRect.maxY
            buffer.put(String(repeating: "─", count: area.width - 2), x: area.x + 1, y: y, style: .muted)
            y += 1
            buffer.put("意见：\(t.text ?? "（无）")", x: area.x + 1, y: y, maxWidth: area.width - 2)
            y += 1
            for h in t.history.suffix(detailHeight - 2) where y < area.maxY {
                buffer.put("\(state.calendar.dayKey(h.at)) \(state.calendar.timeOfDay(h.at)) \(h.label)", x: area.x + 1, y: y, maxWidth: area.width - 2, style: .muted)
                y += 1
            }
        }
        if let c = state.choice { c.render(in: area, into: &buffer) }
        if let i = state.input { i.render(in: area, into: &buffer) }
    }
}
