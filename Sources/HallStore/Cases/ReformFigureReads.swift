import Foundation
import GRDB
import HallCore

extension HallStore {
    /// 改革指标 of the cases opened on the service days `fromDay`…`toDay` (inclusive, "2026-03-02"),
    /// at one window or all; `today` decides what is overdue. Measured from the cases and their
    /// events (ReformFigures says how), never from counters kept on the side.
    public func reformFigures(fromDay: String, toDay: String, window: Int? = nil, today: String) throws -> ReformFigures {
        ReformFigures.measure(try reformCases(fromDay: fromDay, toDay: toDay, window: window, today: today))
    }

    /// The same figures per matter, window, clerk, day or month, in the order of their keys.
    public func reformFigures(fromDay: String, toDay: String, window: Int? = nil, today: String,
                              by dimension: ReformFigures.Dimension) throws -> [(key: String, figures: ReformFigures)] {
        ReformFigures.grouped(try reformCases(fromDay: fromDay, toDay: toDay, window: window, today: today), by: dimension)
    }

    /// The cases of the period as the figures see them. The case number starts with its service
    /// day, so the period is a range on the case-number index. The statutory limit comes from the
    /// catalog version each matter was opened with (a later catalog does not rewrite history);
    /// the clerk is the one who opened the case, shown as "1001 李敏".
    public func reformCases(fromDay: String, toDay: String, window: Int? = nil, today: String) throws -> [ReformCase] {
        func number(_ day: String) -> String { "YC" + day.replacingOccurrences(of: "-", with: "") }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT case_number, status, window_number, matters, checks, due_date,
                       (SELECT COUNT(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'resumed') AS returns,
                       (SELECT clerk_number FROM case_event e WHERE e.case_id = c.id AND e.kind = 'opened' ORDER BY seq LIMIT 1) AS opener
                FROM case_file c
                WHERE case_number >= ? AND case_number < ? AND (?3 IS NULL OR window_number = ?3)
                """, arguments: [number(fromDay), number(toDay) + "\u{10FFFF}", window])
            let clerkNames = Dictionary(try Row.fetchAll(db, sql: "SELECT number, name FROM clerk").map { ($0["number"] as String, $0["name"] as String) },
                                        uniquingKeysWith: { a, _ in a })
            var statutory: [String: Int?] = [:]   // "code#version" → working days, read once each
            func statutoryDays(_ m: CaseMatter) throws -> Int? {
                let key = "\(m.code)#\(m.version)"
                if let known = statutory[key] { return known }
                let limit = try Row.fetchOne(db, sql: "SELECT version, body FROM matter WHERE code = ? AND version = ?",
                                             arguments: [m.code, m.version]).map(HallStore.decodeMatter)?.statutoryLimit
                let days = limit.flatMap { $0.unit == .workingDays ? $0.value : nil }
                statutory[key] = days
                return days
            }
            return try rows.map { r -> ReformCase in
                guard let status = CaseStatus(rawValue: r["status"]) else { throw StoreError.internalError("办件状态无法识别：\(r["status"] as String)") }
                let matters = try caseJSONDecoder.decode([CaseMatter].self, from: Data((r["matters"] as String).utf8))
                let checks = try caseJSONDecoder.decode([MaterialCheck].self, from: Data((r["checks"] as String).utf8))
                let due: String? = r["due_date"]
                let digits = Array((r["case_number"] as String).dropFirst(2).prefix(8))
                let day = digits.count == 8 ? "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))" : ""
                let opener: String? = r["opener"]
                return ReformCase(status: status, visits: 1 + (r["returns"] as Int), promisedWorkingDays: matters.compactMap(\.promisedWorkingDays).max(),
                                  checks: checks, overdue: status == .accepted && due.map { $0 < today } == true,
                                  statutoryWorkingDays: try matters.compactMap(statutoryDays).max(),
                                  commitmentOverdue: !CommitmentRules.overdue(checks, today: today).isEmpty,
                                  day: day, window: r["window_number"],
                                  clerk: opener.map { n in clerkNames[n].map { "\(n) \($0)" } ?? n }, matters: matters.map(\.name))
            }
        }
    }
}
