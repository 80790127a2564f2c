import Foundation
import GRDB
import HallCore

/// A case that owes materials under 容缺 past their deadline: for the window console, the
/// dashboard and the reports (the applicant is to be reminded, the case followed up).
public struct OverdueCommitment: Equatable, Sendable {
    public var caseId: String
    public var caseNumber: String
    public var applicantName: String
    /// The case's matters, by name (the dashboard lists them beside the number).
    public var matters: [String]
    public var windowNumber: Int?
    /// The earliest deadline passed.
    public var due: String
    /// The materials still owed whose deadline passed, by name.
    public var materials: [String]
}

extension HallStore {
    /// 容缺材料补交: the applicant hands in a material accepted under 容缺. The line keeps its
    /// 容缺 state (how the case was accepted) and records the day; the case's next deadline
    /// moves on, or clears when nothing more is owed. Works on accepted and completed cases,
    /// whose checklist is otherwise frozen.
    @discardableResult
    public func fulfilCommitment(caseId: String, index: Int, by: Attribution) throws -> Case {
        try perform(by) { tx, _ in
            var c = try Self.loadForUpdate(tx, caseId)
            guard c.status == .accepted || c.status == .completed else {
                throw StoreError.noCommitmentToFulfil(status: c.status.label)
            }
            guard c.checks.indices.contains(index) else { throw StoreError.invalidInput("没有第\(index + 1)项材料") }
            let line = c.checks[index]
            guard line.state == .toleratedWithCommitment, let due = line.commitmentDue else {
                throw StoreError.materialNotTolerated(line.materialName)
            }
            if let day = line.commitmentFulfilledOn { throw StoreError.commitmentAlreadyFulfilled(material: line.materialName, day: day) }
            c.checks[index].commitmentFulfilledOn = tx.serviceDay
            try tx.db.execute(sql: "UPDATE case_file SET checks = ?, commitment_due = ?, updated_at = ? WHERE id = ?",
                              arguments: [jsonText(c.checks), CommitmentRules.nextDue(c.checks), tx.now.timeIntervalSince1970, caseId])
            let timing = tx.serviceDay <= due ? "按期补交（承诺\(due)前）" : "逾期补交（承诺\(due)前）"
            try Self.caseEvent(tx, caseId: caseId, .materialChecked, "容缺材料\(line.materialName)：\(timing)")
        }
        return try self.case(id: caseId)
    }

    /// Cases owing a 容缺 material whose deadline passed before `today` ("2026-03-10"), the most
    /// overdue first. Reads the index of the cases' next deadlines, so it costs the overdue
    /// cases, not the hall's history.
    public func overdueCommitments(today: String, limit: Int = 100) throws -> [OverdueCommitment] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM case_file INDEXED BY case_commitment_due
                WHERE commitment_due IS NOT NULL AND commitment_due < ? ORDER BY commitment_due, case_number LIMIT ?
                """, arguments: [today, max(0, limit)]).map { r in
                let c = try Case(row: r, events: [])
                return OverdueCommitment(caseId: c.id, caseNumber: c.caseNumber, applicantName: c.applicantName,
                                         matters: c.matters.map(\.name), windowNumber: c.windowNumber, due: c.commitmentDue ?? "",
                                         materials: CommitmentRules.overdue(c.checks, today: today).map(\.materialName))
            }
        }
    }

    /// How many cases owe a 容缺 material due today, and how many are past a deadline (the counts
    /// beside `caseDeadlines` on the console and the dashboard); with `window`, only the cases
    /// taken in at that window (the console's own). Both read the next-deadline index.
    public func commitmentDeadlines(today: String, window: Int? = nil) throws -> (dueToday: Int, overdue: Int) {
        try read { db in
            let dueToday = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM case_file INDEXED BY case_commitment_due
                WHERE commitment_due IS NOT NULL AND commitment_due = ?1 AND (?2 IS NULL OR window_number = ?2)
                """, arguments: [today, window]) ?? 0
            let overdue = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM case_file INDEXED BY case_commitment_due
                WHERE commitment_due IS NOT NULL AND commitment_due < ?1 AND (?2 IS NULL OR window_number = ?2)
                """, arguments: [today, window]) ?? 0
            return (dueToday, overdue)
        }
    }

    /// The 告知承诺书 of a case accepted under 容缺, to issue (`issueDocument(noticeId:)`) and print
    /// beside the acceptance notice; nil when nothing was tolerated.
    public func commitmentNotice(caseId: String) throws -> NoticeRecord? {
        try notices(caseId: caseId).last { $0.kind == .commitment }
    }
}
