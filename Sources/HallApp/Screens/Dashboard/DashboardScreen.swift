import Foundation
import HallCore
import HallStore
import TerminalUI

/// 大厅监控: per-service queues and today's figures, per-window status, alerts, CSV reports; a
/// second page (G 办件指标) has the reform figures of today's cases and the 容缺 cases past their
/// deadline. It re-reads every second (waits grow even when nothing is written) through the
/// `HallReports` port, one load at a time.
public enum Dashboard: ScreenModel {
    /// Everything the dashboard shows, read in one go.
    public struct Data: Sendable {
        public var snapshot: DashboardSnapshot
        public var deadlines: (dueToday: Int, overdue: Int)
        public var ratings: RatingSummary
        /// The day the figures are for, by the hall's clock (the report dialog starts from it).
        public var today: String
        /// 容缺 materials due today and past due, over every case (two counts on an index).
        public var commitments: (dueToday: Int, overdue: Int) = (0, 0)
        /// The 办件指标 page's figures: read only while that page is shown.
        public var figures: CaseFigures? = nil
    }

    /// The 办件指标 page: the reform figures of the cases opened today, and the cases owing a
    /// 容缺 material past its deadline (the most overdue first).
    public struct CaseFigures: Sendable {
        public var today: ReformFigures
        public var overdueCommitments: [OverdueCommitment]
    }

    public enum Page: Sendable { case queues, cases }

    public struct State {
        public let clerk: Clerk
        public internal(set) var data: Data?
        public internal(set) var message: StatusMessage?
        public internal(set) var page = Page.queues
        /// The 办件指标 page's last figures (kept while a load without them lands).
        public internal(set) var figures: CaseFigures?
        var reportDialog: InputDialog?
        /// 日结 under way: its question, the close, then the offer to print (Dashboard+CloseDay).
        var dayClose: DayCloseStep?
        /// The hall's day before the first load (the report dialog's default).
        var today: String
        var loads = LoadGate()

        public init(clerk: Clerk, today: String) { self.clerk = clerk; self.today = today }
        public var isDialogOpen: Bool { reportDialog != nil || dayClose != nil }
    }

    public enum Command: Sendable, Equatable {
        case load
        /// The same, plus the 办件指标 page's figures.
        case loadFigures
        /// The province default ratings, when due (the dashboard stays up all day).
        case applyDefaults
        case export(fromDay: String, toDay: String)
        /// 日结 (`yichuang close-day`), then the summary of that day printed or written as PDF.
        case closeDay
        case printDaySummary(day: String, to: SummaryOutput)
    }

    public enum Outcome {
        case loaded(Data)
        case loadFailed(String)
        case defaultsApplied
        case exported(path: String)
        case exportFailed(String)
        /// `printer`: where a print would go, for the offer to print.
        case dayClosed(DaySummary, printer: String)
        case dayCloseFailed(String)
        case summaryPrinted(String)
        case summaryPrintFailed(String)
    }

    public enum Destination: Equatable, Sendable { case cases, rectification, admin }

    public typealias Effects = [ModelEffect<Command, Destination>]

    enum KeyAction: Sendable { case report, closeDay, open(Destination), page(Page), leave }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.function(5)], "F5", "导出报表", help: "输入日期范围（如 2026-11-01 2026-11-30），按工作人员和业务导出 CSV", action: .report),
        KeyCommand(letter("c"), "C", "办件查询", help: "按编号、姓名或身份证号查找办件，查看办件记录；超期的办件标红，今日到期的加粗",
                   action: .open(.cases)),
        // F9 stops calling on the console (暂停); here it stops the hall's day, after a question.
        KeyCommand([.function(9)], "F9", "日结", help: "结束今日：未叫号和挂起的号关闭、所有窗口退出、保存今日统计（同 yichuang close-day），然后可打印日结汇总表（先确认）",
                   unavailable: { RoleMatrix.allows(HallRole($0.clerk.role), .closeDay) ? nil : "日结需要大厅管理或系统管理员" }, action: .closeDay),
        KeyCommand(letter("r"), "R", "差评整改", help: "回访、整改、反馈、申诉复核",
                   unavailable: { $0.clerk.role.canSuperviseHall ? nil : "差评整改由大厅管理处理" }, action: .open(.rectification)),
        KeyCommand(letter("g"), "G", "办件指标", help: "今日办件的跑动次数、一次办结率、即办件占比、免提交率、时限、容缺受理及补交，超期办件和逾期未补的容缺承诺（计算方法见下）",
                   unavailable: { $0.page == .cases ? "已在办件指标页：按 Esc 返回" : nil }, action: .page(.cases)),
        KeyCommand([.escape], "Esc", "返回", help: "从办件指标页返回队列和窗口",
                   unavailable: { $0.page == .queues ? "这是大厅监控的首页：退出请按 F10" : nil }, action: .page(.queues)),
        KeyCommand([.function(10)], "F10", "退出", help: "退出大厅监控（先确认）", action: .leave),
        KeyCommand([.function(12)], "F12", "后台管理", help: "业务、窗口、人员设置和现场调度（强制退出、回收挂起的号、调岗）",
                   unavailable: { $0.clerk.role.canSuperviseHall ? nil : "后台管理需要大厅管理或系统管理员" }, action: .open(.admin)),
    ])

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .resumed(nil): return load(&state)
        case .resumed(let message?):
            state.message = message
            return load(&state)
        case .tick: return [.run(.applyDefaults)] + load(&state)
        case .resize, .done(.defaultsApplied): return []
        case .done(.loaded(let data)):
            state.data = data
            state.today = data.today
            if let figures = data.figures { state.figures = figures }
            return state.loads.landed() ? load(&state) : []
        case .done(.loadFailed(let text)):
            state.message = .error(text)
            return state.loads.landed() ? load(&state) : []
        case .done(.exported(let path)):
            state.message = .info("已导出报表：\(path)")
            return []
        case .done(.exportFailed(let text)):
            state.message = .error(text)
            return []
        case .done(.dayClosed(let summary, let printer)): return dayClosed(&state, summary, printer: printer)
        case .done(.dayCloseFailed(let text)): return dayCloseFailed(&state, text)
        case .done(.summaryPrinted(let text)):
            state.message = .info(text)
            return []
        case .done(.summaryPrintFailed(let text)):
            state.message = .error(text)
            return []
        case .key(let key):
            if state.reportDialog != nil { return handleReportDialog(&state, key) }
            if state.dayClose != nil { return handleDayClose(&state, key) }
            switch keys.dispatch(key, state) {
            case .run(.report):
                var field = TextField(text: "\(state.today) \(state.today)", maxLength: 21)
                field.cursor = field.text.count
                state.reportDialog = InputDialog(title: "导出报表", prompt: "起止日期：", field: field)
            case .run(.closeDay): askToCloseDay(&state)
            case .run(.open(let destination)): return [.open(destination)]
            case .run(.page(let page)):
                state.page = page
                return page == .cases ? load(&state) : []
            case .run(.leave): return [.confirmQuit("退出大厅监控？")]
            case .refused(let why): state.message = key == .escape ? .info(why) : .error(why)
            case .notInTable: break
            }
            return []
        }
    }

    static func handleReportDialog(_ state: inout State, _ key: Key) -> Effects {
        guard var d = state.reportDialog else { return [] }
        state.reportDialog = nil
        switch d.handle(key) {
        case .pending: state.reportDialog = d
        case .cancelled: break
        case .submitted(let text):
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "～" || $0 == "~" || $0 == "至" }).map(String.init)
            guard parts.count == 1 || parts.count == 2 else {
                state.message = .error("请输入「起始日期 结束日期」，如 2026-11-01 2026-11-30"); return []
            }
            return [.run(.export(fromDay: parts[0], toDay: parts.count == 2 ? parts[1] : parts[0]))]
        }
        return []
    }

    static func load(_ state: inout State) -> Effects {
        state.loads.ask() ? [.run(state.page == .cases ? .loadFigures : .load)] : []
    }

    public static func isTypingText(_ state: State) -> Bool { state.reportDialog != nil }
}
