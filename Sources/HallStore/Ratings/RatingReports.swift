import Foundation
import GRDB
import HallCore

/// What the satisfaction figures are grouped by.
public enum RatingDimension: String, CaseIterable, Sendable {
    case window, clerk, service, matter, day
    /// The report key of one rating under every dimension (what rating_tally counts by).
    public static func keys(window: Int, clerkNumber: String?, serviceName: String?, matter: String?, day: String) -> [(RatingDimension, String)] {
        func orDash(_ s: String?) -> String { (s?.isEmpty == false) ? s! : "—" }
        return [(.window, "\(window)号窗口"), (.clerk, orDash(clerkNumber)), (.service, orDash(serviceName)),
                (.matter, orDash((matter?.isEmpty == false) ? matter : serviceName)), (.day, day)]
    }
    public var label: String {
        switch self {
        case .window: return "窗口"
        case .clerk: return "工号"
        case .service: return "业务"
        case .matter: return "事项"
        case .day: return "日期"
        }
    }
}

/// The dashboard's rating line: rate, open and overdue tasks, callback share.
public struct RatingSummary: Equatable, Sendable {
    public var tally: SatisfactionTally
    public var openTasks: Int
    public var overdueTasks: Int
    /// Real-name bad ratings whose rater was reached, over all real-name bad ratings (target 100 %).
    public var realNameBad: Int
    public var calledBack: Int
    public var callbackShare: Double? { realNameBad == 0 ? nil : Double(calledBack) / Double(realNameBad) }
    /// Province defaults (no rating within N days) among `tally`: they count in the satisfaction
    /// rate, as the province rule intends, and are shown apart so nobody mistakes them for votes.
    public var defaults = SatisfactionTally()
    /// The ratings applicants actually gave.
    public var given: SatisfactionTally { SatisfactionTally(total: tally.total - defaults.total, satisfied: tally.satisfied - defaults.satisfied) }
}

extension HallStore {
    /// Satisfaction grouped by one dimension over [fromDay, toDay] (inclusive "YYYY-MM-DD").
    /// Read from rating_tally (a few rows per day), so the report stays fast at a million ratings.
    public func satisfaction(by dimension: RatingDimension, fromDay: String, toDay: String) throws -> [(key: String, tally: SatisfactionTally)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT key AS k, SUM(n) AS n, SUM(satisfied) AS ok FROM rating_tally
                WHERE dimension = ? AND service_day BETWEEN ? AND ? GROUP BY key ORDER BY key
                """, arguments: [dimension.rawValue, fromDay, toDay]).map { (key: $0["k"], tally: SatisfactionTally(total: $0["n"], satisfied: $0["ok"])) }
        }
    }

    public func satisfactionTotal(fromDay: String, toDay: String) throws -> SatisfactionTally {
        try read { db in
            let r = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(satisfied), 0) AS ok FROM rating_tally WHERE dimension = 'day' AND service_day BETWEEN ? AND ?",
                                     arguments: [fromDay, toDay])!
            return SatisfactionTally(total: r["n"], satisfied: r["ok"])
        }
    }

    /// Bad ratings counted per reason (a rating with two reasons counts under each).
    public func badRatingsByReason(fromDay: String, toDay: String) throws -> [(reason: String, count: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.value AS reason, COUNT(*) AS n FROM rating, json_each(rating.reasons) j
                WHERE level >= 4 AND service_day BETWEEN ? AND ? GROUP BY j.value ORDER BY n DESC, reason
                """, arguments: [fromDay, toDay]).map { (reason: $0["reason"], count: $0["n"]) }
        }
    }

    public func ratingSummary(fromDay: String, toDay: String) throws -> RatingSummary {
        let today = try hall().calendar.dayKey(clock.now())
        let tally = try satisfactionTotal(fromDay: fromDay, toDay: toDay)
        let defaults = try defaultRatingTally(fromDay: fromDay, toDay: toDay)
        return try read { db in
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rectification_task WHERE status NOT IN ('closed', 'annulled')")!
            let overdue = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rectification_task WHERE status NOT IN ('closed', 'annulled') AND due_date < ?", arguments: [today])!
            let r = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(json_extract(t.state, '$.calledBack')), 0) AS called FROM rectification_task t
                JOIN rating r ON r.id = t.rating_id WHERE r.anonymous = 0 AND r.is_default = 0
                """)!
            return RatingSummary(tally: tally, openTasks: open, overdueTasks: overdue, realNameBad: r["n"], calledBack: r["called"], defaults: defaults)
        }
    }

    /// Ratings in [fromDay, toDay] for export or review, rater filled in only for callback roles.
    public func ratings(fromDay: String, toDay: String, reader: Clerk) throws -> [RatingRecord] {
        let show = canSeeRater(reader.role)
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rating WHERE service_day BETWEEN ? AND ? ORDER BY seq", arguments: [fromDay, toDay])
                .map { try RatingRecord(row: $0, showRater: show) }
        }
    }
}
