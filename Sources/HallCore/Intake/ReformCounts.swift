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
