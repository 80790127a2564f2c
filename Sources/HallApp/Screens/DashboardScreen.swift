import Foundation
import HallCore
import HallStore
import TerminalUI

/// 大厅监控: per-service queues and today's figures, per-window status, alerts, CSV reports.
public final class DashboardScreen: LegacyScreen {
    public struct State {
        var snapshot: DashboardSnapshot?
        var message: StatusMessage?
        var reportDialog: InputDialog?
        var deadlines: (dueToday: Int, overdue: Int) = (0, 0)
        var ratings: RatingSummary?
    }

    let store: HallStore
    let clerk: Clerk
    let calendar: HallCalendar
    let reportFolder: URL
    let printDesk: PrintDesk
    public private(set) var state = State()
    public var transition: ScreenTransition?
    /// The dashboard stays up all day too, so it also settles ratings due their province default.
    let defaultRatings: DefaultRatingSchedule

    public init(store: HallStore, clerk: Clerk, calendar: HallCalendar, reportFolder: URL, printDesk: PrintDesk) {
        self.store = store; self.clerk = clerk; self.calendar = calendar; self.reportFolder = reportFolder; self.printDesk = printDesk
        defaultRatings = DefaultRatingSchedule(store: store, terminal: "dashboard")
    }

    public var title: String { "大厅监控 · \(clerk.name)" }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] { [.init("F1", "帮助"), .init("F5", "导出报表"), .init("C", "办件查询"), .init("R", "差评整改"), .init("F10", "退出")] }
    public var help: [String] {
        ["上表：各业务当前等候、最长等候、今日平均等候、服务达标率（目标等候时间内叫号的比例）、过号率、办结数。",
         "下表：各窗口状态、工作人员、当前号、今日办结、利用率（办理时长/在岗时长）。",
         "红色预警：等候人数超过预警线或最长等候超过目标时，提示增开窗口。",
         "F5 导出报表：输入日期范围（如 2026-11-01 2026-11-30），按工作人员和业务导出 CSV。",
         "C 办件查询：按编号、姓名或身份证号查找办件，查看办件记录；超期的办件标红，今日到期的加粗。",
         "好差评：今日满意率（非常满意+满意+基本满意占全部评价）、未办结和超期的差评整改任务、实名差评回访率（目标 100%）。",
         "R 差评整改：回访、整改、反馈、申诉复核。"]
    }

    public func reload() {
        do {
            state.snapshot = try store.dashboard()
            let today = calendar.dayKey(store.clock.now())
            state.deadlines = try store.caseDeadlines(today: today)
            state.ratings = try store.ratingSummary(fromDay: today, toDay: today)
        } catch { state.message = .from(error) }
    }

    public func tick() -> Bool {
        defaultRatings.runIfDue()
        reload()
        return true
    }   // waits grow even when nothing is written

    public func handle(_ key: Key) {
        if var d = state.reportDialog {
            switch d.handle(key) {
            case .pending: state.reportDialog = d
            case .cancelled: state.reportDialog = nil
            case .submitted(let text):
                state.reportDialog = nil
                export(text)
            }
            return
        }
        switch key {
        case .function(5):
            let today = calendar.dayKey(store.clock.now())
            var field = TextField(text: "\(today) \(today)", maxLength: 21)
            field.cursor = field.text.count
            state.reportDialog = InputDialog(title: "导出报表", prompt: "起止日期：", field: field)
        case .character("c"), .character("C"):
            let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "dashboard")
            let context = IntakeContext(store: store, clerk: clerk, windowNumber: nil, by: by, calendar: calendar, printDesk: printDesk)
            transition = .push(CaseListScreen(context: context))
        case .character("r"), .character("R"):
            guard clerk.role == .supervisor || clerk.role == .admin else { state.message = .error("差评整改由大厅管理处理"); return }
            transition = .push(Interfaces.rectification(store: store, clerk: clerk, calendar: calendar))
        case .function(10): transition = .confirmExit("退出大厅监控？")
        case .escape: state.message = .info("这是大厅监控的首页：退出请按 F10")
        default: break
        }
    }

    public var isTypingText: Bool { state.reportDialog != nil }

    func export(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "～" || $0 == "~" || $0 == "至" }).map(String.init)
        guard parts.count == 1 || parts.count == 2 else { state.message = .error("请输入“起始日期 结束日期”，如 2026-11-01 2026-11-30"); return }
        let from = parts[0], to = parts.count == 2 ? parts[1] : parts[0]
        do {
            let csv = try QueueReportCSV.make(store: store, fromDay: from, toDay: to)
            try FileManager.default.createDirectory(at: reportFolder, withIntermediateDirectories: true)
            let file = reportFolder.appendingPathComponent("queue-report-\(from)-\(to).csv")
            try Data(csv.utf8).write(to: file, options: .atomic)
            state.message = .info("已导出报表：\(file.path)")
        } catch let e as StoreError {
            state.message = .from(e)
        } catch {
            state.message = .error("导出失败：\(error.localizedDescription)")
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let s = state.snapshot else { return }
        func pct(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
        let serviceRows = s.queues.map { q -> [String] in
            let m = s.metrics[q.service.id]
            return [q.service.name, "\(q.waiting)", q.waiting > 0 ? formatDuration(q.longestWaitSeconds) : "—",
                    m?.averageWaitSeconds.map(formatDuration) ?? "—", pct(m?.serviceLevel), pct(m?.noShowRate), "\(m?.finished ?? 0)"]
        }
        let alertIds = Set(s.alerts.map(\.serviceId))
        let serviceStyles = Dictionary(uniqueKeysWithValues: s.queues.enumerated().compactMap { i, q in alertIds.contains(q.service.id) ? (i, TextStyle.warning) : nil })
        let servicesHeight = min(serviceRows.count + 1, max(3, (area.height - 4) / 2))
        Table.render(columns: [TableColumn("业务", width: 10), TableColumn("等候", width: 4, align: .right), TableColumn("最长等候", width: 10, align: .right),
                               TableColumn("平均等候", width: 10, align: .right), TableColumn("达标率", width: 6, align: .right),
                               TableColumn("过号率", width: 6, align: .right), TableColumn("办结", width: 5, align: .right)],
                     rows: serviceRows, selected: nil, in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: servicesHeight),
                     into: &buffer, rowStyles: serviceStyles)
        var alertLines = s.alerts.prefix(3).map(\.message)
        if state.deadlines.overdue > 0 || state.deadlines.dueToday > 0 {
            alertLines.insert("办件：今日到期 \(state.deadlines.dueToday) 件，超期 \(state.deadlines.overdue) 件", at: 0)
        }
        if let r = state.ratings {
            // One line, always shown: the rate and the loop's backlog against its 100 % callback target.
            let share = r.callbackShare.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
            alertLines.append("好差评：满意率 \(r.tally.rateText)（\(r.tally.total)条） 整改未结 \(r.openTasks) 超期 \(r.overdueTasks) 实名差评回访 \(share)（目标100%）")
        }
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
            let style: TextStyle = isRatings && (state.ratings?.overdueTasks ?? 0) == 0 ? .plain : .warning
            buffer.put((isRatings ? "· " : "⚠ ") + line, x: area.x + 1, y: area.maxY - alertLines.count + i, maxWidth: area.width - 2, style: style)
        }
        if let d = state.reportDialog { d.render(in: area, into: &buffer) }
    }
}
