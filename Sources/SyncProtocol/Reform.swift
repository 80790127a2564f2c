import Foundation
import HallCore

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
