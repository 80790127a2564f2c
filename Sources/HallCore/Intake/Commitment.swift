import Foundation

/// 容缺受理 / 告知承诺: a required material the catalog tolerates may be missing at acceptance when
/// the applicant signs a 告知承诺书 promising it by a deadline. The deadline is fixed at
/// acceptance (working days on the official calendar, like the case's own due date) and tracked
/// until the material is handed in; past it, the case is flagged.
public enum CommitmentRules {
    /// Working days to hand a tolerated material in when the catalog names no period of its own.
    public static let defaultWorkingDays = 5

    /// The period of one line, in working days after the day of acceptance.
    public static func workingDays(_ check: MaterialCheck) -> Int {
        check.commitmentWorkingDays ?? defaultWorkingDays
    }

    /// Lines accepted under 容缺 (whether or not handed in since).
    public static func tolerated(_ checks: [MaterialCheck]) -> [MaterialCheck] {
        checks.filter { $0.state == .toleratedWithCommitment }
    }

    /// Lines still owed: accepted under 容缺 and not yet handed in.
    public static func outstanding(_ checks: [MaterialCheck]) -> [MaterialCheck] {
        tolerated(checks).filter { $0.commitmentFulfilledOn == nil }
    }

    /// The earliest deadline among the lines still owed; nil when nothing is owed.
    public static func nextDue(_ checks: [MaterialCheck]) -> String? {
        outstanding(checks).compactMap(\.commitmentDue).min()
    }

    /// Lines still owed whose deadline passed before `today` ("2026-03-10").
    public static func overdue(_ checks: [MaterialCheck], today: String) -> [MaterialCheck] {
        outstanding(checks).filter { ($0.commitmentDue ?? today) < today }
    }

    /// Calendar days from a deadline to `today` (both "2026-03-10"): 1 the day after it. The
    /// supervisor reads "逾期 3 天" as days since the promise lapsed, whatever the working days;
    /// nil when either day is not a strict date.
    public static func daysOverdue(due: String, today: String) -> Int? {
        guard let d = CivilDay(due), let t = CivilDay(today) else { return nil }
        return t.dayNumber - d.dayNumber
    }

    /// Fixes each tolerated line's deadline at acceptance. `dueDate(day, workingDays)` is the
    /// official calendar's count (it throws when a year's calendar is missing: never a guess).
    public static func fixDeadlines(_ checks: [MaterialCheck], acceptedOn day: String,
                                    dueDate: (String, Int) throws -> String) throws -> [MaterialCheck] {
        try checks.map { c in
            guard c.state == .toleratedWithCommitment, c.commitmentDue == nil else { return c }
            var out = c
            out.commitmentDue = try dueDate(day, workingDays(c))
            return out
        }
    }
}

/// One tolerated material on a 告知承诺书: what is owed and by when.
public struct CommitmentItem: Codable, Equatable, Sendable {
    public var materialName: String
    public var originals: Int
    public var copies: Int
    /// "2026-03-09": hand it in on or before this day.
    public var due: String
    public init(materialName: String, originals: Int, copies: Int, due: String) {
        self.materialName = materialName; self.originals = originals; self.copies = copies; self.due = due
    }

    public init?(_ check: MaterialCheck) {
        guard check.state == .toleratedWithCommitment, let due = check.commitmentDue else { return nil }
        self.init(materialName: check.materialName, originals: check.requiredOriginals, copies: check.requiredCopies, due: due)
    }
}
