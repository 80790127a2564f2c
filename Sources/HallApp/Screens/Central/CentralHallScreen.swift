import Foundation
import HallCore
import TerminalUI

/// 中心监控 · one hall: its figures, each service's queue and each window, as last pushed.
/// Esc returns to the all-halls list (the same screen object, so its selection is kept).
public final class CentralHallScreen: LegacyScreen {
    public struct State {
        var data: CentralHallData?
        var fetchedAt: Date?
        var failure: String?
        var message: StatusMessage?
    }

    let source: CentralDashboardSource
    let hallId: String
    let name: String
    let clock: Clock
    let calendar: HallCalendar
    let refreshSeconds: Double
    let feed = CentralFeed<CentralHallData>()
    var lastRequest = Date.distantPast
    public private(set) var state = State()
    public var transition: ScreenTransition?
    /// Shown while an F5 fetch runs; cleared by its outcome, which the screen shows itself.
    static let refreshing = StatusMessage.info("正在刷新…")

    public init(source: CentralDashboardSource, hallId: String, name: String, clock: Clock, calendar: HallCalendar,
                refreshSeconds: Double = 5) {
        self.source = source; self.hallId = hallId; self.name = name; self.clock = clock; self.calendar = calendar
        self.refreshSeconds = refreshSeconds
    }

    public var title: String { "大厅详情 · \(name)" }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] { [.init("F1", "帮助"), .init("F5", "刷新"), .init("Esc", "返回全部大厅"), .init("F10", "退出")] }
    public var help: [String] {
        ["上方：该大厅今日等候、达标率、满意率（今日与近 30 天）、超期办件、差评整改和最后联系时间。",
         "业务表：各业务当前等候、最长等候、今日叫号、达标率（目标等候内叫号的比例）、目标等候、今日办结。",
         "目标等候带 * 的业务：大厅尚未上报目标，按中心默认 20 分钟计算。",
         "窗口表：各窗口状态、当前号、今日叫号和办结、今日满意率、最后一次操作距今多久。",
         "数据来自大厅同步到中心的记录；大厅断网时停留在最后联系的时刻。",
         "F5 立即刷新（另每 \(Int(refreshSeconds)) 秒自动刷新）；Esc 返回全部大厅；F10 退出。"]
    }

    public func reload() { refresh() }

    func refresh() {
        let (source, id) = (source, hallId)
        if feed.start({ try await source.hall(id) }) { lastRequest = clock.now() }
    }

    public func tick() -> Bool {
        let changed = collect()
        if clock.now().timeIntervalSince(lastRequest) >= refreshSeconds { refresh() }
        return changed || state.data != nil
    }

    @discardableResult
    func collect() -> Bool {
        guard let r = feed.take() else { return false }
        if state.message == Self.refreshing { state.message = nil }
        switch r {
        case .success(let d): state.data = d; state.fetchedAt = clock.now(); state.failure = nil
        case .failure(let e): state.failure = e.localizedDescription
        }
        return true
    }

    public func handle(_ key: Key) {
        switch key {
        case .function(5): state.message = Self.refreshing; refresh()
        case .escape, .backspace: transition = .pop(nil)
        case .function(10): transition = .confirmExit("退出中心监控？")
        default: break
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let x = area.x + 1, w = area.width - 2
        guard let d = state.data else {
            CentralText.renderNoData(failure: state.failure, connecting: "正在读取…", x: x, y: area.y + 1, width: w, into: &buffer)
            return
        }
        let elapsed = state.fetchedAt.map { max(0, clock.now().timeIntervalSince($0)) } ?? 0
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
        if let f = state.failure {
            buffer.put("⚠ \(f)，显示的是 \(state.fetchedAt.map { calendar.hourMinute($0) } ?? "—") 的数据",
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
