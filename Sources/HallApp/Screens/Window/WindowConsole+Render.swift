import Foundation
import HallCore
import HallStore
import TerminalUI

/// The console drawn from its state alone.
extension WindowConsole {
    public static func title(_ state: State) -> String { "\(state.windowNumber)号窗口 · \(state.clerk.name)(\(state.clerk.number))" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.modal != nil ? [KeyBarItem("Esc", "关闭对话框")] : keys.keyBar(state)
    }
    /// The keys, then the hall's queue rules as they are set now (who is called first, what 过号 does).
    public static func help(_ state: State) -> [String] {
        keys.help + (state.data.map { [""] + CallRules.helpLines(policy: $0.policy) } ?? [])
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        renderWindow(state, into: &buffer, area: area)
        renderModal(state, in: area, into: &buffer)
    }

    static func renderWindow(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        guard let data = state.data else { return }
        let s = data.snapshot, calendar = state.calendar
        // Waits move with the clock between two reads (a quiet hall changes nothing in the store).
        let sinceRead = max(0, state.now.timeIntervalSince(data.readAt))
        let (top, bottom) = area.splitTop(min(10, area.height / 2))
        let leftWidth = min(44, top.width / 2 + 4)
        let (left, right) = top.splitLeft(leftWidth)
        Box.render(left, title: "当前办理", into: &buffer)
        let inner = left.inset(dx: 2, dy: 1)
        if let t = s.current {
            _ = BigText.render(t.number, x: inner.x, y: inner.y, into: &buffer, style: .bold)
            var line1 = s.currentServiceName ?? ""
            if t.priority != .normal { line1 += " · " + t.priority.label }
            if t.isWalkUp { line1 += " · 无号办理" }
            buffer.put(line1, x: inner.x, y: inner.y + BigText.height, maxWidth: inner.width, style: t.priority == .greenChannel ? .ok : .plain)
            let waited = (t.calledAt ?? state.now).timeIntervalSince(t.enqueuedAt)
            let serving = state.now.timeIntervalSince(t.calledAt ?? state.now)
            buffer.put("等候 \(formatDuration(waited)) · 已办理 \(formatDuration(serving)) · 重呼 \(t.recallCount) 次",
                       x: inner.x, y: inner.y + BigText.height + 1, maxWidth: inner.width)
            if let note = t.note {
                // A transfer note is read whole by the receiving window: wrapped, not cut.
                let lines = wrap("备注：" + note, width: inner.width)
                for (i, line) in lines.prefix(max(0, inner.height - BigText.height - 2)).enumerated() {
                    buffer.put(line, x: inner.x, y: inner.y + BigText.height + 2 + i, maxWidth: inner.width, style: .muted)
                }
            }
        } else if s.status == .paused {
            buffer.put("暂停叫号中", x: inner.x, y: inner.y + 1, style: .warning)
            buffer.put("按 F9 恢复叫号", x: inner.x, y: inner.y + 3)
        } else {
            let waiting = s.queues.reduce(0) { $0 + $1.waiting } + s.targetedWaiting
            buffer.put("空闲", x: inner.x, y: inner.y + 1, style: .bold)
            buffer.put("本窗口业务共 \(waiting) 人等候", x: inner.x, y: inner.y + 3, maxWidth: inner.width)
            buffer.put("按 F2 或 回车 叫下一位", x: inner.x, y: inner.y + 4, maxWidth: inner.width, style: .ok)
        }

        let nextShown = max(1, (right.width - 28) / 5)     // as many next numbers as fit
        let rows = s.queues.map { q in
            [q.service.name, q.service.prefix, "\(q.waiting)", q.waiting > 0 ? formatDuration(q.longestWaitSeconds + sinceRead) : "—",
             q.nextNumbers.prefix(nextShown).joined(separator: " ")]
        } + (s.targetedWaiting > 0 ? [["转给本窗口", "", "\(s.targetedWaiting)", "", ""]] : [])
        // The case lines sit above 挂起 and 状态; the queue table gives way to them.
        var caseLines: [(String, TextStyle)] = []
        let (dueToday, overdue) = data.deadlines
        if dueToday + overdue > 0 { caseLines.append(("办件：今日到期\(dueToday) · 超期\(overdue)", overdue > 0 ? .warning : .bold)) }
        let owed = data.commitments
        if owed.overdue > 0 {
            caseLines.append(("本窗口容缺逾期未补 \(owed.overdue) 件", .warning))
        } else if owed.dueToday > 0 {
            caseLines.append(("本窗口容缺今日到期 \(owed.dueToday) 件", .bold))
        }
        let qArea = Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: max(0, right.height - 2 - caseLines.count))
        let styles = Dictionary(uniqueKeysWithValues: s.queues.enumerated().compactMap { i, q in
            q.waiting >= q.service.warnQueue || q.longestWaitSeconds + sinceRead > Double(q.service.targetWaitMinutes * 60) ? (i, TextStyle.warning) : nil })
        Table.render(columns: [TableColumn("业务", width: 8), TableColumn("号", width: 2), TableColumn("等候", width: 4, align: .right),
                               TableColumn("最长等候", width: 9, align: .right), TableColumn("下一位", width: max(6, qArea.width - 27))],
                     rows: rows, selected: nil, in: qArea, into: &buffer, rowStyles: styles)
        let heldText = s.held.isEmpty ? "挂起：无" : "挂起：" + s.held.map(\.number).joined(separator: " ")
        buffer.put(heldText, x: right.x + 1, y: right.maxY - 2, maxWidth: right.width - 1, style: s.held.isEmpty ? .muted : .bold)
        buffer.put("状态：\(s.status.label) · 今日办结 \(s.finishedToday)", x: right.x + 1, y: right.maxY - 1, maxWidth: right.width - 1)
        for (i, (text, style)) in caseLines.enumerated() {
            buffer.put(text, x: right.x + 1, y: right.maxY - 2 - caseLines.count + i, maxWidth: right.width - 1, style: style)
        }

        let history = s.history.map { h in
            [calendar.timeOfDay(h.at), h.kind.label, h.ticketNumber ?? "", h.serviceName ?? "", h.detail ?? ""]
        }
        buffer.put("今日本窗口记录", x: bottom.x + 1, y: bottom.y, style: .bold)
        Table.render(columns: [TableColumn("时间", width: 8), TableColumn("动作", width: 8), TableColumn("号码", width: 6),
                               TableColumn("业务", width: 10), TableColumn("说明", width: max(10, bottom.width - 40))],
                     rows: history, selected: nil, in: Rect(x: bottom.x + 1, y: bottom.y + 1, width: bottom.width - 2, height: bottom.height - 1),
                     into: &buffer)
    }
}
