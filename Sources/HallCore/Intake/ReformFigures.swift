import Foundation

/// One case as the reform figures see it (the store reads these from cases and their events).
public struct ReformCase: Equatable, Sendable {
    public var status: CaseStatus
    /// 跑动次数: the first visit plus each return of the applicant to complete a correction
    /// (every `resumed` event). A result picked up later is not counted yet: how a result is
    /// delivered is not recorded on the case.
    public var visits: Int
    /// nil: 即办件.
    public var promisedWorkingDays: Int?
    public var checks: [MaterialCheck]
    /// Accepted and its promised date already passed without completion.
    public var overdue: Bool

    public init(status: CaseStatus, visits: Int, promisedWorkingDays: Int?, checks: [MaterialCheck], overdue: Bool) {
        self.status = status; self.visits = visits; self.promisedWorkingDays = promisedWorkingDays
        self.checks = checks; self.overdue = overdue
    }

    var isAccepted: Bool { status == .accepted || status == .completed }
}

/// The figures the reform policy sets as goals, measured from the cases of a period. Each share
/// is nil when nothing was there to measure (never a made-up 0 %).
public struct ReformFigures: Equatable, Sendable {
    /// Cases opened in the period.
    public var cases: Int
    /// Cases accepted (已受理 or 已办结, 即办件 included).
    public var accepted: Int
    /// Σ visits of the accepted cases ÷ accepted (跑动次数 per case).
    public var visitsPerCase: Double?
    /// Accepted cases the applicant came for once only ÷ accepted (一次办结率 / 最多跑一次).
    public var oneVisitShare: Double?
    /// Accepted 即办件 ÷ accepted (即办件占比).
    public var immediateShare: Double?
    /// Required material lines settled by an electronic licence ÷ required lines of accepted
    /// cases (免提交率).
    public var exemptShare: Double?
    /// Accepted cases with at least one 容缺 line (accepted under a signed commitment).
    public var toleratedCases: Int
    /// Accepted cases past their promised date and not completed.
    public var overdueCases: Int

    /// How each figure is computed, for the help and the report.
    public static let explanation = [
        "跑动次数：已受理办件的到窗口次数之和 ÷ 已受理件数；首次到窗口算1次，每次补正后回来继续受理再加1次",
        "一次办结率（最多跑一次）：只到窗口1次即受理的办件 ÷ 已受理件数",
        "即办件占比：当场办结的即办件 ÷ 已受理件数",
        "免提交率：以电子证照免于提交的必要材料项 ÷ 已受理办件的必要材料项",
        "容缺受理：含容缺（已签承诺）材料的已受理办件数",
        "超期：已受理、承诺日期已过仍未办结的办件数",
    ]

    public static func measure(_ cases: [ReformCase]) -> ReformFigures {
        let accepted = cases.filter(\.isAccepted)
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        let required = accepted.flatMap { $0.checks.filter(\.isRequired) }
        let exempt = required.filter { if case .exemptElectronicLicence = $0.state { return true }; return false }
        return ReformFigures(
            cases: cases.count, accepted: accepted.count,
            visitsPerCase: share(accepted.map(\.visits).reduce(0, +), accepted.count),
            oneVisitShare: share(accepted.filter { $0.visits == 1 }.count, accepted.count),
            immediateShare: share(accepted.filter { $0.promisedWorkingDays == nil }.count, accepted.count),
            exemptShare: share(exempt.count, required.count),
            toleratedCases: accepted.filter { $0.checks.contains { $0.state == .toleratedWithCommitment } }.count,
            overdueCases: cases.filter(\.overdue).count)
    }
}
