import Foundation
import HallCore
import TerminalUI

/// What the centre dashboard shows, as plain values. HallApp does not talk to the centre itself:
/// the `yichuang dashboard --central` command passes a `CentralDashboardSource` that fetches and
/// maps the centre's answers into these.
public protocol CentralDashboardSource: Sendable {
    func overview() async throws -> CentralOverviewData
    func hall(_ hallId: String) async throws -> CentralHallData
}

/// One hall's figures. Ratios are nil when there is nothing to divide ("—" on screen, not 0 %).
public struct CentralHallRow: Equatable, Sendable {
    public var hallId: String
    public var name: String
    public var waiting: Int
    public var longestWaitSeconds: Double?
    public var callsToday: Int
    /// Share of today's calls within the service's target wait.
    public var serviceLevel: Double?
    public var finishedToday: Int
    public var ratingsToday: Int
    /// (非常满意 + 满意 + 基本满意) / all ratings, today and over the last 30 days.
    public var satisfactionToday: Double?
    public var ratings30Days: Int
    public var satisfaction30Days: Double?
    public var overdueCases: Int
    public var casesDueToday: Int
    public var openRectifications: Int
    public var overdueRectifications: Int
    /// Seconds since the hall last reached the centre, when the figures were fetched.
    public var lastContactAgeSeconds: Double?
    /// The reform figures of the cases opened in the last 30 days; nil from a centre without them.
    public var reform30Days: CentralReformFigures? = nil
    /// Audit-anchor alerts the centre recorded for the hall (a node's audit chain cut short,
    /// re-hashed or not proven): any is a matter for the supervisor.
    public var auditAlerts = 0

    public init(hallId: String, name: String, waiting: Int = 0, longestWaitSeconds: Double? = nil, callsToday: Int = 0,
                serviceLevel: Double? = nil, finishedToday: Int = 0, ratingsToday: Int = 0, satisfactionToday: Double? = nil,
                ratings30Days: Int = 0, satisfaction30Days: Double? = nil, overdueCases: Int = 0, casesDueToday: Int = 0,
                openRectifications: Int = 0, overdueRectifications: Int = 0, lastContactAgeSeconds: Double? = nil) {
        self.hallId = hallId; self.name = name; self.waiting = waiting; self.longestWaitSeconds = longestWaitSeconds
        self.callsToday = callsToday; self.serviceLevel = serviceLevel; self.finishedToday = finishedToday
        self.ratingsToday = ratingsToday; self.satisfactionToday = satisfactionToday
        self.ratings30Days = ratings30Days; self.satisfaction30Days = satisfaction30Days
        self.overdueCases = overdueCases; self.casesDueToday = casesDueToday
        self.openRectifications = openRectifications; self.overdueRectifications = overdueRectifications
        self.lastContactAgeSeconds = lastContactAgeSeconds
    }

    /// Something a supervisor should act on.
    public var needsAttention: Bool { overdueCases > 0 || overdueRectifications > 0 || auditAlerts > 0 }
}

/// 改革指标 of a hall's cases over 30 days, as the centre counts them (shares nil when nothing was accepted).
public typealias CentralReformFigures = ReformCounts

public struct CentralOverviewData: Equatable, Sendable {
    public var today: String
    /// A hall silent longer than this is flagged (see the centre's OverviewResponse).
    public var staleAfterSeconds: Double
    public var halls: [CentralHallRow]
    public init(today: String, staleAfterSeconds: Double, halls: [CentralHallRow]) {
        self.today = today; self.staleAfterSeconds = staleAfterSeconds; self.halls = halls
    }
}

public struct CentralServiceRow: Equatable, Sendable {
    public var name: String
    public var waiting: Int
    public var longestWaitSeconds: Double?
    public var callsToday: Int
    public var serviceLevel: Double?
    public var finishedToday: Int
    public var targetWaitMinutes: Int
    /// False when the centre used its default target because the hall has not reported one.
    public var targetReported: Bool
    public init(name: String, waiting: Int, longestWaitSeconds: Double?, callsToday: Int, serviceLevel: Double?,
                finishedToday: Int, targetWaitMinutes: Int, targetReported: Bool) {
        self.name = name; self.waiting = waiting; self.longestWaitSeconds = longestWaitSeconds; self.callsToday = callsToday
        self.serviceLevel = serviceLevel; self.finishedToday = finishedToday
        self.targetWaitMinutes = targetWaitMinutes; self.targetReported = targetReported
    }
}

public struct CentralWindowRow: Equatable, Sendable {
    public enum Status: String, Sendable { case signedOut, idle, serving, paused }
    public var number: Int
    public var status: Status
    public var currentTicket: String?
    public var callsToday: Int
    public var finishedToday: Int
    public var ratingsToday: Int
    public var satisfactionToday: Double?
    public var lastEventAgeSeconds: Double?
    public init(number: Int, status: Status, currentTicket: String?, callsToday: Int, finishedToday: Int,
                ratingsToday: Int, satisfactionToday: Double?, lastEventAgeSeconds: Double?) {
        self.number = number; self.status = status; self.currentTicket = currentTicket; self.callsToday = callsToday
        self.finishedToday = finishedToday; self.ratingsToday = ratingsToday; self.satisfactionToday = satisfactionToday
        self.lastEventAgeSeconds = lastEventAgeSeconds
    }
}

public struct CentralHallData: Equatable, Sendable {
    public var today: String
    public var staleAfterSeconds: Double
    public var hall: CentralHallRow
    public var services: [CentralServiceRow]
    public var windows: [CentralWindowRow]
    public init(today: String, staleAfterSeconds: Double, hall: CentralHallRow, services: [CentralServiceRow], windows: [CentralWindowRow]) {
        self.today = today; self.staleAfterSeconds = staleAfterSeconds; self.hall = hall; self.services = services; self.windows = windows
    }
}

/// Wording shared by the overview and the drill-down.
enum CentralText {
    /// The line shown before the first figures arrive: connecting, or why it failed.
    static func renderNoData(failure: String?, connecting: String, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
        let text = failure.map { "⚠ \($0)。暂无数据，将自动重试，也可按 F5。" } ?? connecting
        buffer.put(text, x: x, y: y, maxWidth: width, style: failure == nil ? .plain : .warning)
    }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }

    /// One line of a hall's reform figures over the last 30 days (the drill-down).
    static func reform(_ r: CentralReformFigures?) -> String {
        guard let r else { return "近30天改革指标：中心未提供" }
        return "近30天办件\(r.cases)件 受理\(r.accepted)件 · " + reformShares(r)
    }

    /// The shares and the overdue count only, short enough to follow a hall's name at 80 columns.
    static func reformShort(_ r: CentralReformFigures?) -> String {
        guard let r else { return "近30天改革指标：中心未提供" }
        return "近30天 " + reformShares(r)
    }

    private static func reformShares(_ r: CentralReformFigures) -> String {
        "一次办结率\(percent(r.oneVisitShare)) · 跑动\(r.visitsPerCase.map { String(format: "%.2f", $0) } ?? "—")次/件"
            + " · 即办件\(percent(r.immediateShare)) · 超期\(r.overdue)件"
    }

    /// The audit alert line, nil when there is none; `short` follows a hall's name.
    static func auditAlerts(_ n: Int, short: Bool = false) -> String? {
        guard n > 0 else { return nil }
        return short ? "⚠ 审计告警\(n)条，请核查节点" : "⚠ 审计告警\(n)条：节点审计日志与中心锚定的末条不符（截断、改写或无法核对）"
    }

    /// "刚刚", "3 分钟前", "5 小时前", "2 天前"; "从未联系" when the hall never synced.
    static func ago(_ seconds: Double?) -> String {
        guard let s = seconds.map({ max(0, Int($0)) }) else { return "从未联系" }
        if s < 60 { return "刚刚" }
        if s < 3600 { return "\(s / 60) 分钟前" }
        if s < 86_400 { return "\(s / 3600) 小时前" }
        return "\(s / 86_400) 天前"
    }

    /// The last-contact cell: flagged with ⚠ when older than the stale limit or never.
    static func contact(_ seconds: Double?, staleAfter: Double) -> String {
        isStale(seconds, staleAfter: staleAfter) ? "⚠" + ago(seconds) : ago(seconds)
    }

    /// Hall names on an 80-column screen: the common official suffixes shortened so the
    /// distinguishing part (the place) stays visible.
    static func shortName(_ name: String) -> String {
        var n = name
        for (long, short) in [("政务服务中心", "政务中心"), ("便民服务中心", "便民中心"), ("便民服务站", "便民站")] where n.hasSuffix(long) {
            n = String(n.dropLast(long.count)) + short
        }
        return n
    }

    static func isStale(_ seconds: Double?, staleAfter: Double) -> Bool { (seconds ?? .infinity) > staleAfter }

    static func windowStatus(_ s: CentralWindowRow.Status) -> String {
        switch s {
        case .signedOut: return "未登录"
        case .idle: return "空闲"
        case .serving: return "办理中"
        case .paused: return "暂停"
        }
    }
}
