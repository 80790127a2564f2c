import Foundation

/// The reform figures (改革指标) of a set of cases, as counts: the hall measures the same from its
/// own cases (HallCore.ReformFigures, whose explanation says how); the centre adds them up across
/// halls from the synced case events. Shares are nil when nothing was accepted (never 0 %).
public struct ReformCounts: Codable, Sendable, Equatable {
    /// Cases opened in the period.
    public var cases: Int
    /// Of those, accepted (已受理 or 已办结, 即办件 included).
    public var accepted: Int
    /// Σ visits of the accepted cases (the first visit plus each return after a correction).
    public var visits: Int
    /// Accepted cases the applicant came for once only (最多跑一次).
    public var oneVisit: Int
    /// Accepted 即办件 (done on the spot).
    public var immediate: Int
    /// Accepted cases past their promised date and not completed.
    public var overdue: Int

    public init(cases: Int = 0, accepted: Int = 0, visits: Int = 0, oneVisit: Int = 0, immediate: Int = 0, overdue: Int = 0) {
        self.cases = cases; self.accepted = accepted; self.visits = visits; self.oneVisit = oneVisit
        self.immediate = immediate; self.overdue = overdue
    }

    public var visitsPerCase: Double? { accepted == 0 ? nil : Double(visits) / Double(accepted) }
    public var oneVisitShare: Double? { accepted == 0 ? nil : Double(oneVisit) / Double(accepted) }
    public var immediateShare: Double? { accepted == 0 ? nil : Double(immediate) / Double(accepted) }
}

/// The figures of the cases opened for one matter (or one set of matters opened together, named
/// as the hall named them, "、"-joined).
public struct MatterReform: Codable, Sendable, Equatable {
    public var matters: String
    public var figures: ReformCounts
    public init(matters: String, figures: ReformCounts) { self.matters = matters; self.figures = figures }
}

/// One hall's line of the central report for a period: queue, satisfaction and reform figures
/// side by side, with the reform figures per matter.
public struct HallReport: Codable, Sendable, Equatable {
    public var hallId: String
    public var name: String
    /// Wait periods that ended in a call, those within the service's target wait, and their
    /// summed wait (average = waitSeconds ÷ calls).
    public var calls: Int
    public var callsWithinTarget: Int
    public var waitSeconds: Double
    /// Ratings and satisfied ones (非常满意 + 满意 + 基本满意).
    public var ratings: Int
    public var satisfied: Int
    public var reform: ReformCounts
    public var matters: [MatterReform]

    public init(hallId: String, name: String, calls: Int = 0, callsWithinTarget: Int = 0, waitSeconds: Double = 0,
                ratings: Int = 0, satisfied: Int = 0, reform: ReformCounts = ReformCounts(), matters: [MatterReform] = []) {
        self.hallId = hallId; self.name = name; self.calls = calls; self.callsWithinTarget = callsWithinTarget
        self.waitSeconds = waitSeconds; self.ratings = ratings; self.satisfied = satisfied; self.reform = reform; self.matters = matters
    }

    public var averageWaitSeconds: Double? { calls == 0 ? nil : waitSeconds / Double(calls) }
    public var serviceLevel: Double? { calls == 0 ? nil : Double(callsWithinTarget) / Double(calls) }
    public var satisfaction: Double? { ratings == 0 ? nil : Double(satisfied) / Double(ratings) }
}

extension SyncPaths {
    /// GET ?from=YYYY-MM-DD&to=YYYY-MM-DD[&hall=ID]: the central report (admin api token).
    public static let adminReport = "/v1/admin/report"
}

public struct ReportResponse: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    /// The day overdue is judged against (China time).
    public var today: String
    public var halls: [HallReport]
    public init(from: String, to: String, today: String, halls: [HallReport]) {
        self.from = from; self.to = to; self.today = today; self.halls = halls
    }
}
