import Foundation
import HallCore
import Logging
import PostgresNIO

/// Fills what the reform figures need from a case event (ReformSchema), beside the deadline
/// status OverviewProjection keeps. Every write is idempotent (a column only filled, a return
/// keyed by its event id), so an event projected twice, or out of order, counts once.
struct ReformProjection {
    let logger: Logger
    let conn: PostgresConnection
    let hallId: String

    func apply(caseId: String, eventId: String, _ kind: CaseEventKind, detail: String, wallTime: Double) async throws {
        switch kind {
        case .opened:
            // "YC202611280001：事项甲、事项乙": the matters follow the case number.
            let matters = detail.firstIndex(of: "：").map { String(detail[detail.index(after: $0)...]) } ?? detail
            // The hall counts a case in the service day its number carries (YCyyyyMMddNNNN);
            // the device clock's civil day only when the number is not there.
            let day = Self.serviceDay(ofCaseNumberIn: detail) ?? OverviewProjection.calendar.dayKey(Date(timeIntervalSince1970: wallTime))
            try await upsert(caseId, matters: matters, openedDay: day, immediate: false)
        case .accepted where detail.hasPrefix("即办件"):
            // The hall writes "即办件，当场办结" when no matter promises working days.
            try await upsert(caseId, matters: nil, openedDay: nil, immediate: true)
        case .resumed:
            try await conn.query("""
                INSERT INTO ov_case_return (hall_id, id, case_id) VALUES (\(hallId), \(eventId), \(caseId))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        default:
            break
        }
    }

    static func serviceDay(ofCaseNumberIn detail: String) -> String? {
        guard let r = detail.range(of: #"^YC\d{8}"#, options: .regularExpression) else { return nil }
        let d = Array(detail[r].dropFirst(2))
        return String(d[0..<4]) + "-" + String(d[4..<6]) + "-" + String(d[6..<8])
    }

    /// The row exists once the status upsert before this ran (every kind handled here sets one).
    private func upsert(_ caseId: String, matters: String?, openedDay: String?, immediate: Bool) async throws {
        try await conn.query("""
            UPDATE ov_case SET matters = COALESCE(\(matters), matters), opened_day = COALESCE(\(openedDay), opened_day),
                immediate = immediate OR \(immediate)
            WHERE hall_id = \(hallId) AND id = \(caseId)
            """, logger: logger)
    }
}
