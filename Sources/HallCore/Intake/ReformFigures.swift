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
    /// 法定办结时限 in working days of the catalog versions the case was opened with (the longest
    /// of its matters); nil when none of them states one in working days.
    public var statutoryWorkingDays: Int?
    /// A 容缺 material is still owed past its deadline (CommitmentRules.overdue).
    public var commitmentOverdue: Bool
    /// Who and where, for the figures per group: the service day it was opened ("2026-03-02"),
    /// the window, the clerk who opened it (工号), and its matters' names.
    public var day: String
    public var window: Int?
    public var clerk: String?
    public var matters: [String]

    public init(status: CaseStatus, visits: Int, promisedWorkingDays: Int?, checks: [MaterialCheck], overdue: Bool,
                statutoryWorkingDays: Int? = nil, commitmentOverdue: Bool = false,
                day: String = "", window: Int? = nil, clerk: String? = nil, matters: [String] = []) {
        self.status = status; self.visits = visits; self.promisedWorkingDays = promisedWorkingDays
        self.checks = checks; self.overdue = overdue; self.statutoryWorkingDays = statutoryWorkingDays
        self.commitmentOverdue = commitmentOverdue; self.day = day; self.window = window; self.clerk = clerk; self.matters = matters
    }

    var isAccepted: Bool { status == .accepted || status == .completed }
    var isTolerated: Bool { !CommitmentRules.tolerated(checks).isEmpty }
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
    /// Of the accepted cases whose matters state a statutory limit in working days: the mean
    /// promised limit (即办件 count 0) and the mean statutory one, and 1 − Σpromised ÷ Σstatutory
    /// (时限压缩率).
    public var promisedDaysMean: Double? = nil
    public var statutoryDaysMean: Double? = nil
    public var timeLimitCut: Double? = nil
    /// 容缺 follow-up: cases that handed in every promised material, and cases owing one past
    /// its deadline (the rest are still within their deadlines).
    public var toleratedSettled: Int = 0
    public var toleratedOverdue: Int = 0

    /// How each figure is computed, for the help and the report.
    public static let explanation = [
        "跑动次数：已受理办件的到窗口次数之和 ÷ 已受理件数；首次到窗口算1次，每次补正后回来继续受理再加1次",
        "一次办结率（最多跑一次）：只到窗口1次即受理的办件 ÷ 已受理件数",
        "即办件占比：当场办结的即办件 ÷ 已受理件数",
        "免提交率：以电子证照免于提交的必要材料项 ÷ 已受理办件的必要材料项",
        "承诺时限与法定时限：只计事项目录（办件开始受理时的版本）载有以工作日计的法定时限的已受理办件；一件多事项取最长者；即办件承诺时限按0计；时限压缩率 = 1 − 承诺时限之和 ÷ 法定时限之和",
        "容缺受理：含容缺（已签承诺）材料的已受理办件数；已补齐：承诺的材料全部补交的件数；逾期未补：有材料过了补交期限仍未补交的件数",
        "超期：已受理、承诺日期已过仍未办结的办件数",
        "分组：按事项时，含几个事项的办件在每个事项下各计1件；按工作人员时，计开始受理该办件的工作人员；按日、按月时，计开始受理的日期",
    ]

    public static func measure(_ cases: [ReformCase]) -> ReformFigures {
        let accepted = cases.filter(\.isAccepted)
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        func mean(_ values: [Int]) -> Double? { values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count) }
        let required = accepted.flatMap { $0.checks.filter(\.isRequired) }
        let exempt = required.filter { if case .exemptElectronicLicence = $0.state { return true }; return false }
        let limited = accepted.filter { $0.statutoryWorkingDays != nil }
        let promised = limited.map { $0.promisedWorkingDays ?? 0 }, statutory = limited.compactMap(\.statutoryWorkingDays)
        let statutorySum = statutory.reduce(0, +)
        let tolerated = accepted.filter(\.isTolerated)
        var f = ReformFigures(
            cases: cases.count, accepted: accepted.count,
            visitsPerCase: share(accepted.map(\.visits).reduce(0, +), accepted.count),
            oneVisitShare: share(accepted.filter { $0.visits == 1 }.count, accepted.count),
            immediateShare: share(accepted.filter { $0.promisedWorkingDays == nil }.count, accepted.count),
            exemptShare: share(exempt.count, required.count),
            toleratedCases: tolerated.count,
            overdueCases: cases.filter(\.overdue).count)
        f.promisedDaysMean = mean(promised)
        f.statutoryDaysMean = mean(statutory)
        f.timeLimitCut = statutorySum == 0 ? nil : 1 - Double(promised.reduce(0, +)) / Double(statutorySum)
        f.toleratedSettled = tolerated.filter { CommitmentRules.outstanding($0.checks).isEmpty }.count
        f.toleratedOverdue = tolerated.filter(\.commitmentOverdue).count
        return f
    }

    /// What the figures can be measured per.
    public enum Dimension: String, CaseIterable, Sendable {
        case matter, window, clerk, day, month
        public var label: String {
            switch self {
            case .matter: "事项"
            case .window: "窗口"
            case .clerk: "工作人员"
            case .day: "日"
            case .month: "月"
            }
        }
        /// The groups one case falls in: several for a case of several matters.
        func keys(_ c: ReformCase) -> [String] {
            switch self {
            case .matter: return c.matters.isEmpty ? ["（无事项）"] : Array(Set(c.matters)).sorted()
            case .window: return [c.window.map { "\($0)号窗口" } ?? "（无窗口）"]
            case .clerk: return [c.clerk ?? "（未知）"]
            case .day: return [c.day]
            case .month: return [String(c.day.prefix(7))]
            }
        }
    }

    /// The figures of each group, in the order of their keys (windows by number).
    public static func grouped(_ cases: [ReformCase], by dimension: Dimension) -> [(key: String, figures: ReformFigures)] {
        var groups: [String: [ReformCase]] = [:]
        for c in cases { for key in dimension.keys(c) { groups[key, default: []].append(c) } }
        let order: (String, String) -> Bool = dimension == .window
            ? { (Int($0.prefix { $0.isNumber }) ?? .max, $0) < (Int($1.prefix { $0.isNumber }) ?? .max, $1) }
            : { $0 < $1 }
        return groups.keys.sorted(by: order).map { ($0, measure(groups[$0]!)) }
    }
}
