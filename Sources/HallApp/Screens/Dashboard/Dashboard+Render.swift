import Foundation
import HallCore
import HallStore
import TerminalUI

/// The dashboard drawn from its state alone.
extension Dashboard {
    public static func title(_ state: State) -> String { "大厅监控 · \(state.clerk.name)" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.isDialogOpen ? [KeyBarItem("Esc", "关闭对话框")] : keys.keyBar(state)
    }
    /// The keys, then what the tables and lines mean.
    public static func help(_ state: State) -> [String] {
        keys.help + ["",
                     "上表：各业务当前等候、最长等候、今日平均等候、P90等候（九成的人等候不超过此时长）、服务达标率（目标等候时间内叫号的比例）、过号率、办结数、"
                        + "未叫到（" + (state.data?.snapshot.lastClose.map { "上次日结 \($0.day) 时" } ?? "日结时") + "仍未被叫号、按放弃处理的人数；今日的在今日日结后才知道）。",
                     "下表：各窗口状态、工作人员、当前号、今日办结、利用率（办理时长/在岗时长）。",
                     "红色预警：等候人数超过预警线或最长等候超过目标时，提示增开窗口。",
                     "好差评：今日满意率（非常满意+满意+基本满意占全部评价）、未办结和超期的差评整改任务、实名差评回访率（目标 100%）。",
                     "容缺承诺：今日到期、逾期未补的容缺材料所在办件数（全部办件，不限今日）。"]
            + figuresHelp
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        guard let data = state.data else { return }
        if state.page == .cases { renderFigures(state, data, into: &buffer, area: area) } else { renderQueues(data, into: &buffer, area: area) }
        if let d = state.reportDialog { d.render(in: area, into: &buffer) }
        if let step = state.dayClose { renderDayClose(step, in: area, into: &buffer) }
    }

    static func renderQueues(_ data: Data, into buffer: inout ScreenBuffer, area: Rect) {
        let s = data.snapshot
        func pct(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
        let serviceRows = s.queues.map { q -> [String] in
            let m = s.metrics[q.service.id]
            return [q.service.name, "\(q.waiting)", q.waiting > 0 ? formatDuration(q.longestWaitSeconds) : "—",
                    m?.averageWaitSeconds.map(formatDuration) ?? "—", m?.waits.p90.map(formatDuration) ?? "—",
                    pct(m?.serviceLevel), pct(m?.noShowRate), "\(m?.finished ?? 0)",
                    s.lastClose.map { "\($0.abandoned[q.service.code] ?? 0)" } ?? "—"]
        }
        let alertIds = Set(s.alerts.map(\.serviceId))
        let serviceStyles = Dictionary(uniqueKeysWithValues: s.queues.enumerated().compactMap { i, q in alertIds.contains(q.service.id) ? (i, TextStyle.warning) : nil })
        let servicesHeight = min(serviceRows.count + 1, max(3, (area.height - 4) / 2))
        Table.render(columns: [TableColumn("业务", width: 10), TableColumn("等候", width: 4, align: .right), TableColumn("最长等候", width: 10, align: .right),
                               TableColumn("平均等候", width: 10, align: .right), TableColumn("P90等候", width: 9, align: .right),
                               TableColumn("达标率", width: 6, align: .right), TableColumn("过号率", width: 6, align: .right),
                               TableColumn("办结", width: 5, align: .right), TableColumn("未叫到", width: 6, align: .right)],
                     rows: serviceRows, selected: nil, in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: servicesHeight),
                     into: &buffer, rowStyles: serviceStyles)
        var alertLines = s.alerts.prefix(3).map(\.message)
        // A board whose voice does not play calls in silence: the supervisor must know first.
        for v in s.voiceProblems.reversed() { alertLines.insert("叫号屏 \(v.terminal) 语音未播放：\(v.problem)", at: 0) }
        if data.deadlines.overdue > 0 || data.deadlines.dueToday > 0 {
            alertLines.insert("办件：今日到期 \(data.deadlines.dueToday) 件，超期 \(data.deadlines.overdue) 件", at: 0)
        }
        if data.commitments.overdue > 0 || data.commitments.dueToday > 0 {
            alertLines.insert("容缺承诺：今日到期 \(data.commitments.dueToday) 件，逾期未补 \(data.commitments.overdue) 件（G 办件指标页有清单）", at: 0)
        }
        // One line, always shown: the rate and the loop's backlog against its 100 % callback target.
        let r = data.ratings
        let share = r.callbackShare.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
        alertLines.append("好差评：满意率 \(r.tally.rateText)（\(r.tally.total)条） 整改未结 \(r.openTasks) 超期 \(r.overdueTasks) 实名差评回访 \(share)（目标100%）")
        let windowsTop = area.y + servicesHeight
        let windowsHeight = max(2, area.height - servicesHeight - alertLines.count)
        let windowRows = s.windows.map { w -> [String] in
            [w.window.name, w.status.label, w.clerk.map { "\($0.name)" } ?? "—", w.current?.number ?? "—", "\(w.finishedToday)", pct(w.utilisation)]
        }
        let windowStyles = Dictionary(uniqueKeysWithValues: s.windows.enumerated().compactMap { i, w in
            w.status == .paused ? (i, TextStyle.warning) : (w.status == .signedOut ? (i, TextStyle.muted) : nil) })
        Table.render(columns: [TableColumn("窗口", width: 12), TableColumn("状态", width: 6), TableColumn("工作人员", width: 8),
                               TableColumn("当前号", width: 6), TableColumn("今日办结", width: 8, align: .right), TableColumn("利用率", width: 6, align: .right)],
                     rows: windowRows, selected: nil, in: Rect(x: area.x + 1, y: windowsTop, width: area.width - 2, height: windowsHeight),
                     into: &buffer, rowStyles: windowStyles)
        for (i, line) in alertLines.enumerated() {
            let isRatings = line.hasPrefix("好差评")
            let style: TextStyle = isRatings && r.overdueTasks == 0 ? .plain : .warning
            buffer.put((isRatings ? "· " : "⚠ ") + line, x: area.x + 1, y: area.maxY - alertLines.count + i, maxWidth: area.width - 2, style: style)
        }
    }
}
