import Foundation
import GRDB
import HallCore

extension HallStore {
    /// 改革指标 of the cases opened on the service days `fromDay`…`toDay` (inclusive, "2026-03-02"),
    /// at one window or all; `today` decides what is overdue. Measured from the cases and their
    /// events (ReformFigures says how), never from counters kept on the side. The case number
    /// starts with its service day, so the period is a range on the case-number index.
    public func reformFigures(fromDay: String, toDay: String, window: Int? = nil, today: String) throws -> ReformFigures {
        func number(_ day: String) -> String { "YC" + day.replacingOccurrences(of: "-", with: "") }
        let rows: [Row] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT status, matters, checks, due_date,
                       (SELECT COUNT(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'resumed') AS returns
                FROM case_file c
                WHERE case_number >= ? AND case_number < ? AND (?3 IS NULL OR window_number = ?3)
                """, arguments: [number(fromDay), number(toDay) + "\u{10FFFF}", window])
        }
        let cases = try rows.map { r -> ReformCase in
            guard let status = CaseStatus(rawValue: r["status"]) else { throw StoreError.internalError("办件状态无法识别：\(r["status"] as String)") }
            let matters = try caseJSONDecoder.decode([CaseMatter].self, from: Data((r["matters"] as String).utf8))
            let checks = try caseJSONDecoder.decode([MaterialCheck].self, from: Data((r["checks"] as String).utf8))
            let due: String? = r["due_date"]
            return ReformCase(status: status, visits: 1 + (r["returns"] as Int), promisedWorkingDays: matters.compactMap(\.promisedWorkingDays).max(),
                              checks: checks, overdue: status == .accepted && due.map { $0 < today } == true)
        }
        return ReformFigures.measure(cases)
    }
}
