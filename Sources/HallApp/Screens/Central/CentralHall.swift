import Foundation
import HallCore
import TerminalUI

/// 中心监控 · one hall: its figures, each service's queue and each window, as last pushed.
/// Esc returns to the all-halls list, which the stack keeps as it was (its selection too).
public enum CentralHall: ScreenModel {
    public struct State {
        public let hallId: String
        let name: String
        var figures: CentralFigures<CentralHallData>
        let calendar: HallCalendar
        public internal(set) var message: StatusMessage?

        public init(hallId: String, name: String, now: Date, calendar: HallCalendar, refreshSeconds: Double = 5) {
            self.hallId = hallId; self.name = name; self.calendar = calendar
            figures = CentralFigures(now: now, refreshSeconds: refreshSeconds)
        }
    }

    public enum Command: Sendable, Equatable { case fetch(hallId: String) }
    public enum Outcome { case fetched(CentralFetched<CentralHallData>, at: Date) }
    public enum Destination {}
    public typealias Effects = [ModelEffect<Command, Destination>]

    enum Action: Sendable { case refresh, back, quit }

    static let keys = KeyTable<State, Action>([
        KeyCommand([.function(5)], "F5", "刷新", help: "立即刷新", action: .refresh),
        KeyCommand([.escape, .backspace], "Esc", "返回全部大厅", help: "回到全部大厅列表，原来选中的大厅仍选中", action: .back),
        KeyCommand([.function(10)], "F10", "退出", help: "退出中心监控（需确认）", action: .quit),
    ])

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .resumed: return fetch(&state)
        case .storeChanged, .resize: return []
        case .tick(let now): return state.figures.tick(now) ? fetch(&state) : []
        case .done(.fetched(let fetched, let at)):
            if state.message == CentralFigures<CentralHallData>.refreshing { state.message = nil }
            return state.figures.receive(fetched, at: at) ? fetch(&state) : []
        case .key(let key):
            switch keys.dispatch(key, state) {
            case .run(.refresh):
                state.message = CentralFigures<CentralHallData>.refreshing
                return fetch(&state)
            case .run(.back): return [.close(nil)]
            case .run(.quit): return [.confirmQuit("退出中心监控？")]
            case .refused(let why): state.message = .error(why)
            case .notInTable: break
            }
            return []
        }
    }

    static func fetch(_ state: inout State) -> Effects { state.figures.request() ? [.run(.fetch(hallId: state.hallId))] : [] }

    public static func execute(source: CentralDashboardSource, clock: Clock) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .fetch(let id): return .fetched(fetchBlocking { try await source.hall(id) }, at: clock.now())
            }
        }
    }

    public static func title(_ state: State) -> String { "大厅详情 · \(state.name)" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] { keys.keyBar(state) }

    public static func help(_ state: State) -> [String] {
        let refreshSeconds = state.figures.refreshSeconds
        return ["上方：该大厅今日等候、达标率、满意率（今日与近 30 天）、超期办件、差评整改和最后联系时间。",
         "业务表：各业务当前等候、最长等候、今日叫号、达标率（目标等候内叫号的比例）、目标等候、今日办结。",
         "目标等候带 * 的业务：大厅尚未上报目标，按中心默认 20 分钟计算。",
         "窗口表：各窗口状态、当前号、今日叫号和办结、今日满意率、最后一次操作距今多久。",
         "数据来自大厅同步到中心的记录；大厅断网时停留在最后联系的时刻。",
         "每 \(Int(refreshSeconds)) 秒自动刷新。", ""] + keys.help
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let calendar = state.calendar
        let x = area.x + 1, w = area.width - 2
        guard let d = state.figures.data else {
            CentralText.renderNoData(failure: state.figures.failure, connecting: "正在读取…", x: x, y: area.y + 1, width: w, into: &buffer)
            return
        }
        let elapsed = state.figures.elapsed
        let h = d.hall
        let contactAge = h.lastContactAgeSeconds.map { $0 + elapsed }
        let stale = CentralText.isStale(contactAge, staleAfter: d.staleAfterSeconds)
        var y = area.y
        buffer.put("最后联系：\(CentralText.contact(contactAge, staleAfter: d.staleAfterSeconds))"
                   + (stale ? "（超过 \(Int(d.staleAfterSeconds / 60)) 分钟未同步，以下为当时数据）" : ""),
                   x: x, y: y, maxWidth: w, style: stale ? .warning : .plain)
        y += 1
        let longest = h.waiting > 0 ? (h.longestWaitSeconds.map { formatDuration($0 + elapsed) } ?? "—") : "—"
        buffer.put("\(d.today) 等候\(h.waiting)人 最长\(longest) · 叫号\(h.callsToday) 达标率\(CentralText.percent(h.serviceLevel))"
                   + " · 办结\(h.finishedToday)", x: x, y: y, maxWidth: w, style: .bold)
        y += 1
        buffer.put("满意率 今日\(CentralText.percent(h.satisfactionToday))（\(h.ratingsToday)条） 近30天\(CentralText.percent(h.satisfaction30Days))（\(h.ratings30Days)条）",
                   x: x, y: y, maxWidth: w)
        y += 1
        buffer.put("超期办件\(h.overdueCases)件（今日到期\(h.casesDueToday)件） · 差评整改未结\(h.openRectifications)件（超期\(h.overdueRectifications)件）",
                   x: x, y: y, maxWidth: w, style: h.needsAttention ? .warning : .plain)
        y += 1
        buffer.put(CentralText.reform(h.reform30Days), x: x, y: y, maxWidth: w)
        y += 1
        if let alert = CentralText.auditAlerts(h.auditAlerts) {
            buffer.put(alert, x: x, y: y, maxWidth: w, style: .warning)
            y += 1
        }
        if let f = state.figures.failure {
            buffer.put("⚠ \(f)，显示的是 \(state.figures.fetchedAt.map { calendar.hourMinute($0) } ?? "—") 的数据",
                       x: x, y: y, maxWidth: w, style: .warning)
        }
        y += 1

        let footnote = d.services.contains { !$0.targetReported }
        let bottom = area.maxY - (footnote ? 1 : 0)
        let servicesHeight = min(d.services.count + 1, max(2, (bottom - y) / 2))
        let serviceRows = d.services.map { s -> [String] in
            [s.name, "\(s.waiting)", s.waiting > 0 ? (s.longestWaitSeconds.map { formatDuration($0 + elapsed) } ?? "—") : "—",
             "\(s.callsToday)", CentralText.percent(s.serviceLevel), "\(s.targetWaitMinutes)分" + (s.targetReported ? "" : "*"),
             "\(s.finishedToday)"]
        }
        Table.render(columns: [TableColumn("业务", width: 12), TableColumn("等候", width: 4, align: .right),
                               TableColumn("最长等候", width: 9, align: .right), TableColumn("今日叫号", width: 8, align: .right),
                               TableColumn("达标率", width: 6, align: .right), TableColumn("目标等候", width: 8, align: .right),
                               TableColumn("今日办结", width: 8, align: .right)],
                     rows: serviceRows, selected: nil, in: Rect(x: x, y: y, width: w, height: servicesHeight), into: &buffer)
        y += servicesHeight
        let windowRows = d.windows.map { win -> [String] in
            ["\(win.number)号窗口", CentralText.windowStatus(win.status), win.currentTicket ?? "—", "\(win.callsToday)",
             "\(win.finishedToday)", CentralText.percent(win.satisfactionToday), win.lastEventAgeSeconds.map { CentralText.ago($0 + elapsed) } ?? "—"]
        }
        let windowStyles = Dictionary(uniqueKeysWithValues: d.windows.enumerated().compactMap { i, win -> (Int, TextStyle)? in
            win.status == .paused ? (i, .warning) : (win.status == .signedOut ? (i, .muted) : nil) })
        Table.render(columns: [TableColumn("窗口", width: 10), TableColumn("状态", width: 6), TableColumn("当前号", width: 6),
                               TableColumn("今日叫号", width: 8, align: .right), TableColumn("今日办结", width: 8, align: .right),
                               TableColumn("满意率", width: 6, align: .right), TableColumn("最后操作", width: 10)],
                     rows: windowRows, selected: nil, in: Rect(x: x, y: y, width: w, height: max(0, bottom - y)),
                     into: &buffer, rowStyles: windowStyles)
        if footnote {
            buffer.put("* 大厅未上报该业务的目标等候，按中心默认计算", x: x, y: area.maxY - 1, maxWidth: w, style: .muted)
        }
    }
}
