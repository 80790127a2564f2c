import Foundation
import HallCore
import TerminalUI

/// 中心监控: every hall on one screen — waiting, longest wait, service level, satisfaction,
/// overdue cases, open bad-rating tasks and the last contact — refreshed every few seconds.
/// Enter (or the hall's number then Enter) drills into one hall.
public final class CentralDashboardScreen: LegacyScreen {
    public struct State {
        var data: CentralOverviewData?
        /// When the shown figures were fetched (the supervisor's clock).
        var fetchedAt: Date?
        /// Why the last fetch failed; nil after a success.
        var failure: String?
        var selected = 0
        /// Digits typed so far to pick a hall by its number.
        var typed = ""
        var message: StatusMessage?
    }

    let source: CentralDashboardSource
    let clock: Clock
    let calendar: HallCalendar
    let refreshSeconds: Double
    let feed = CentralFeed<CentralOverviewData>()
    var lastRequest = Date.distantPast
    public private(set) var state = State()
    public var transition: ScreenTransition?
    /// Shown while an F5 fetch runs; cleared by its outcome, which the screen shows itself.
    static let refreshing = StatusMessage.info("正在刷新…")

    public init(source: CentralDashboardSource, clock: Clock, calendar: HallCalendar, refreshSeconds: Double = 5) {
        self.source = source; self.clock = clock; self.calendar = calendar; self.refreshSeconds = refreshSeconds
    }

    public var title: String { "全部大厅" + (state.data.map { "（\($0.halls.count)个）" } ?? "") }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] {
        [.init("F1", "帮助"), .init("↑↓", "选择"), .init("Enter", "进入大厅"), .init("F5", "刷新"), .init("F10", "退出")]
    }
    public var help: [String] {
        ["每行一个大厅（按名称排序），每 \(Int(refreshSeconds)) 秒自动刷新，F5 立即刷新。",
         "等候：今日仍在等候的人数；最长等候：等得最久的一位已等多久。",
         "达标率：今日在目标等候时间内叫到的比例（大厅未上报目标时按 20 分钟计）。",
         "满意率：今日评价中非常满意、满意、基本满意所占比例（宽屏另列近 30 天）。",
         "超期办件：承诺件过了承诺日仍未办结；待整改：未办结的差评整改任务。",
         "最后联系：大厅最近一次与中心同步；超过 10 分钟标 ⚠（断网或节点停机）。",
         "80 列时名称简写：政务服务中心→政务中心，便民服务中心/站→便民中心/站。",
         "↑↓ 或输入序号选择大厅，Enter 查看该大厅各窗口、各业务；F10 退出。",
         "中心不可达时保留上次数据并注明时间，恢复后自动更新。"]
    }

    public func reload() {
        transition = nil   // back from a hall: this screen is current again
        refresh()
    }

    func refresh() {
        let source = source
        if feed.start({ try await source.overview() }) { lastRequest = clock.now() }
    }

    public func tick() -> Bool {
        var changed = collect()
        if clock.now().timeIntervalSince(lastRequest) >= refreshSeconds { refresh() }
        changed = changed || state.data != nil
        return changed
    }

    /// Takes a finished fetch, if any; true when the screen changed.
    @discardableResult
    func collect() -> Bool {
        guard let r = feed.take() else { return false }
        if state.message == Self.refreshing { state.message = nil }
        switch r {
        case .success(let d):
            let selectedId = state.data.flatMap { $0.halls.indices.contains(state.selected) ? $0.halls[state.selected].hallId : nil }
            state.data = d
            state.fetchedAt = clock.now()
            state.failure = nil
            // Keep the same hall selected when the list shifts.
            if let id = selectedId, let i = d.halls.firstIndex(where: { $0.hallId == id }) { state.selected = i }
            state.selected = min(state.selected, max(0, d.halls.count - 1))
        case .failure(let e):
            state.failure = e.localizedDescription
        }
        return true
    }

    public func handle(_ key: Key) {
        let count = state.data?.halls.count ?? 0
        if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            var typed = state.typed + String(digit)
            if Int(typed)! > count || Int(typed)! == 0 { typed = String(digit) }
            state.typed = typed
            if let n = Int(typed), n >= 1, n <= count {
                state.selected = n - 1
                state.message = .info("第 \(n) 个：\(state.data!.halls[n - 1].name)，按 Enter 进入")
            } else {
                state.message = .error("没有第 \(typed) 个大厅")
            }
            return
        }
        state.typed = ""
        switch key {
        case .up: state.selected = max(0, state.selected - 1)
        case .down: state.selected = min(max(0, count - 1), state.selected + 1)
        case .pageUp: state.selected = max(0, state.selected - 10)
        case .pageDown: state.selected = min(max(0, count - 1), state.selected + 10)
        case .home: state.selected = 0
        case .end: state.selected = max(0, count - 1)
        case .function(5):
            state.message = Self.refreshing
            refresh()
        case .enter:
            guard let d = state.data, d.halls.indices.contains(state.selected) else {
                state.message = .error("还没有大厅数据")
                return
            }
            state.message = nil
            let hall = d.halls[state.selected]
            transition = .push(CentralHallScreen(source: source, hallId: hall.hallId, name: hall.name, clock: clock,
                                                    calendar: calendar, refreshSeconds: refreshSeconds))
        case .function(10): transition = .confirmExit("退出中心监控？")
        case .escape: break   // the top screen: Esc never leaves a front end (F10 does)
        default: break
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let x = area.x + 1, w = area.width - 2
        guard let d = state.data else {
            CentralText.renderNoData(failure: state.failure, connecting: "正在连接中心…", x: x, y: area.y + 1, width: w, into: &buffer)
            return
        }
        let elapsed = state.fetchedAt.map { max(0, clock.now().timeIntervalSince($0)) } ?? 0
        func age(_ h: CentralHallRow) -> Double? { h.lastContactAgeSeconds.map { $0 + elapsed } }
        let stale = d.halls.filter { CentralText.isStale(age($0), staleAfter: d.staleAfterSeconds) }.count
        let summary = "\(d.today) 共\(d.halls.count)个大厅 · 等候\(d.halls.reduce(0) { $0 + $1.waiting })人"
            + " · 超期办件\(d.halls.reduce(0) { $0 + $1.overdueCases })件 · 待整改差评\(d.halls.reduce(0) { $0 + $1.openRectifications })件"
            + " · 失联\(stale)个"
        buffer.put(summary, x: x, y: area.y, maxWidth: w, style: .bold)
        let status: String, statusStyle: TextStyle
        if let f = state.failure {
            status = "⚠ \(f)，显示的是 \(state.fetchedAt.map { calendar.hourMinute($0) } ?? "—") 的数据"
            statusStyle = .warning
        } else {
            status = "数据更新于 \(state.fetchedAt.map { calendar.timeOfDay($0) } ?? "—")，每 \(Int(refreshSeconds)) 秒自动刷新"
            statusStyle = .muted
        }
        buffer.put(status, x: x, y: area.y + 1, maxWidth: w, style: statusStyle)

        let wide = w >= 110
        var columns = [TableColumn("序号", width: 4, align: .right), TableColumn("大厅", width: wide ? 22 : 16),
                       TableColumn("等候", width: 4, align: .right), TableColumn("最长等候", width: 9, align: .right),
                       TableColumn("达标率", width: 6, align: .right), TableColumn("满意率", width: 6, align: .right)]
        if wide { columns += [TableColumn("近30天", width: 6, align: .right), TableColumn("今日办结", width: 8, align: .right)] }
        columns += [TableColumn("超期办件", width: 8, align: .right), TableColumn("待整改", width: 6, align: .right)]
        if wide { columns += [TableColumn("整改超期", width: 8, align: .right)] }
        columns += [TableColumn("最后联系", width: 11)]
        let rows = d.halls.enumerated().map { i, h -> [String] in
            var r = [(i == state.selected ? ">" : "") + "\(i + 1)", wide ? h.name : CentralText.shortName(h.name), "\(h.waiting)",
                     h.waiting > 0 ? (h.longestWaitSeconds.map { formatDuration($0 + elapsed) } ?? "—") : "—",
                     CentralText.percent(h.serviceLevel), CentralText.percent(h.satisfactionToday)]
            if wide { r += [CentralText.percent(h.satisfaction30Days), "\(h.finishedToday)"] }
            r += ["\(h.overdueCases)", "\(h.openRectifications)"]
            if wide { r += ["\(h.overdueRectifications)"] }
            r += [CentralText.contact(age(h), staleAfter: d.staleAfterSeconds)]
            return r
        }
        let styles = Dictionary(uniqueKeysWithValues: d.halls.enumerated().compactMap { i, h -> (Int, TextStyle)? in
            h.needsAttention || CentralText.isStale(age(h), staleAfter: d.staleAfterSeconds) ? (i, .warning) : nil })
        if rows.isEmpty {
            buffer.put("中心还没有登记任何大厅（yichuang hall-register）。", x: x, y: area.y + 3, maxWidth: w)
            return
        }
        Table.render(columns: columns, rows: rows, selected: state.selected,
                     in: Rect(x: x, y: area.y + 2, width: w, height: area.height - 2), into: &buffer, rowStyles: styles)
    }
}
