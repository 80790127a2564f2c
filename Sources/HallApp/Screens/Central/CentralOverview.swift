import Foundation
import HallCore
import TerminalUI

/// 中心监控: every hall on one screen — waiting, longest wait, service level, satisfaction,
/// overdue cases, open bad-rating tasks and the last contact — refreshed every few seconds.
/// Enter (or the hall's number then Enter) drills into one hall. The figures come only from the
/// centre, through a `CentralDashboardSource`, fetched by the runner's executor.
public enum CentralOverview: ScreenModel {
    public struct State {
        var figures: CentralFigures<CentralOverviewData>
        let calendar: HallCalendar
        public internal(set) var selected = 0
        /// Digits typed so far to pick a hall by its number.
        var typed = ""
        public internal(set) var message: StatusMessage?

        public init(now: Date, calendar: HallCalendar, refreshSeconds: Double = 5) {
            figures = CentralFigures(now: now, refreshSeconds: refreshSeconds); self.calendar = calendar
        }
        var halls: [CentralHallRow] { figures.data?.halls ?? [] }
    }

    public enum Command: Sendable, Equatable { case fetch }
    public enum Outcome { case fetched(CentralFetched<CentralOverviewData>, at: Date) }
    public enum Destination: Equatable { case hall(id: String, name: String) }
    public typealias Effects = [ModelEffect<Command, Destination>]

    enum Action: Sendable { case move(Int), drillIn, refresh, quit }

    static let keys = KeyTable<State, Action>([
        KeyCommand([.up, .down], "↑↓", "选择", help: "选择大厅；也可输入序号", action: .move(0)),
        KeyCommand([.enter], "Enter", "进入大厅", help: "查看所选大厅各窗口、各业务",
                   unavailable: { $0.halls.indices.contains($0.selected) ? nil : "还没有大厅数据" }, action: .drillIn),
        KeyCommand([.function(5)], "F5", "刷新", help: "立即刷新（另每隔几秒自动刷新）", action: .refresh),
        KeyCommand([.function(10)], "F10", "退出", help: "退出中心监控（需确认）", action: .quit),
    ])

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .resumed: return fetch(&state)
        case .storeChanged, .resize: return []
        case .tick(let now): return state.figures.tick(now) ? fetch(&state) : []
        case .done(.fetched(let fetched, let at)):
            if state.message == CentralFigures<CentralOverviewData>.refreshing { state.message = nil }
            let selectedId = state.halls.indices.contains(state.selected) ? state.halls[state.selected].hallId : nil
            let again = state.figures.receive(fetched, at: at)
            // Keep the same hall selected when the list shifts.
            if let id = selectedId, let i = state.halls.firstIndex(where: { $0.hallId == id }) { state.selected = i }
            state.selected = min(state.selected, max(0, state.halls.count - 1))
            return again ? fetch(&state) : []
        case .key(let key): return handle(key, &state)
        }
    }

    static func fetch(_ state: inout State) -> Effects { state.figures.request() ? [.run(.fetch)] : [] }

    static func handle(_ key: Key, _ state: inout State) -> Effects {
        let count = state.halls.count
        if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            var typed = state.typed + String(digit)
            if Int(typed)! > count || Int(typed)! == 0 { typed = String(digit) }
            state.typed = typed
            if let n = Int(typed), n >= 1, n <= count {
                state.selected = n - 1
                state.message = .info("第 \(n) 个：\(state.halls[n - 1].name)，按 Enter 进入")
            } else {
                state.message = .error("没有第 \(typed) 个大厅")
            }
            return []
        }
        state.typed = ""
        switch key {
        // Paging keys move the selection like the arrows; the table names the arrows for all of them.
        case .pageUp: state.selected = max(0, state.selected - 10); return []
        case .pageDown: state.selected = min(max(0, count - 1), state.selected + 10); return []
        case .home: state.selected = 0; return []
        case .end: state.selected = max(0, count - 1); return []
        default: break
        }
        switch keys.dispatch(key, state) {
        case .run(.move):
            state.selected = key == .up ? max(0, state.selected - 1) : min(max(0, count - 1), state.selected + 1)
        case .run(.drillIn):
            state.message = nil
            let hall = state.halls[state.selected]
            return [.open(.hall(id: hall.hallId, name: hall.name))]
        case .run(.refresh):
            state.message = CentralFigures<CentralOverviewData>.refreshing
            return fetch(&state)
        case .run(.quit): return [.confirmQuit("退出中心监控？")]
        case .refused(let why): state.message = .error(why)
        case .notInTable: break   // Esc included: the top screen never leaves on Esc (F10 does)
        }
        return []
    }

    public static func execute(source: CentralDashboardSource, clock: Clock) -> @Sendable (Command) -> Outcome {
        { _ in .fetched(fetchBlocking { try await source.overview() }, at: clock.now()) }
    }

    public static func title(_ state: State) -> String {
        "全部大厅" + (state.figures.data.map { "（\($0.halls.count)个）" } ?? "")
    }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] { keys.keyBar(state) }

    public static func help(_ state: State) -> [String] {
        let refreshSeconds = state.figures.refreshSeconds
        return ["每行一个大厅（按名称排序），每 \(Int(refreshSeconds)) 秒自动刷新，F5 立即刷新。",
         "等候：今日仍在等候的人数；最长等候：等得最久的一位已等多久。",
         "达标率：今日在目标等候时间内叫到的比例（大厅未上报目标时按 20 分钟计）。",
         "满意率：今日评价中非常满意、满意、基本满意所占比例（宽屏另列近 30 天）。",
         "超期办件：承诺件过了承诺日仍未办结；待整改：未办结的差评整改任务。",
         "底行：选中大厅近 30 天的改革指标（一次办结率、跑动次数、即办件占比、超期）；有审计日志告警时改示告警。",
         "最后联系：大厅最近一次与中心同步；超过 10 分钟标 ⚠（断网或节点停机）。",
         "80 列时名称简写：政务服务中心→政务中心，便民服务中心/站→便民中心/站。",
         "中心不可达时保留上次数据并注明时间，恢复后自动更新。", ""] + keys.help
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let refreshSeconds = state.figures.refreshSeconds, calendar = state.calendar
        let x = area.x + 1, w = area.width - 2
        guard let d = state.figures.data else {
            CentralText.renderNoData(failure: state.figures.failure, connecting: "正在连接中心…", x: x, y: area.y + 1, width: w, into: &buffer)
            return
        }
        let elapsed = state.figures.elapsed
        func age(_ h: CentralHallRow) -> Double? { h.lastContactAgeSeconds.map { $0 + elapsed } }
        let stale = d.halls.filter { CentralText.isStale(age($0), staleAfter: d.staleAfterSeconds) }.count
        let alerts = d.halls.reduce(0) { $0 + $1.auditAlerts }
        // The title says how many halls; the line keeps room for the audit alerts at 80 columns.
        let summary = "\(d.today) 等候\(d.halls.reduce(0) { $0 + $1.waiting })人"
            + " · 超期办件\(d.halls.reduce(0) { $0 + $1.overdueCases })件 · 待整改\(d.halls.reduce(0) { $0 + $1.openRectifications })件"
            + " · 失联\(stale)个" + (alerts > 0 ? " · 审计告警\(alerts)条" : "")
        buffer.put(summary, x: x, y: area.y, maxWidth: w, style: .bold)
        let status: String, statusStyle: TextStyle
        if let f = state.figures.failure {
            status = "⚠ \(f)，显示的是 \(state.figures.fetchedAt.map { calendar.hourMinute($0) } ?? "—") 的数据"
            statusStyle = .warning
        } else {
            status = "数据更新于 \(state.figures.fetchedAt.map { calendar.timeOfDay($0) } ?? "—")，每 \(Int(refreshSeconds)) 秒自动刷新"
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
        // The selected hall's reform figures (no room for them as columns at 80 or 120 columns).
        let chosen = d.halls[min(max(state.selected, 0), d.halls.count - 1)]
        let footer = CentralText.auditAlerts(chosen.auditAlerts, short: true) ?? CentralText.reformShort(chosen.reform30Days)
        buffer.put("\(wide ? chosen.name : CentralText.shortName(chosen.name))：" + footer, x: x, y: area.maxY - 1, maxWidth: w,
                   style: chosen.auditAlerts > 0 ? .warning : .muted)
        Table.render(columns: columns, rows: rows, selected: state.selected,
                     in: Rect(x: x, y: area.y + 2, width: w, height: area.height - 3), into: &buffer, rowStyles: styles)
    }
}
