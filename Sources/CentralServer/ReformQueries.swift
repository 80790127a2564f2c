import Foundation
import HallCore
import Logging
import PostgresNIO
import SyncProtocol

/// The central report: per hall and per matter, the reform figures of the cases opened in a
/// period beside the period's waits, service level and satisfaction. Grouped in PostgreSQL from
/// the projection tables (one pass per table, whatever the number of halls).
public struct ReformQueries: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(_ central: Central) { client = central.client; logger = central.logger }
    init(client: PostgresClient, logger: Logger) { self.client = client; self.logger = logger }

    /// Service days `fromDay`…`toDay` inclusive ("2026-11-02"); `today` decides what is overdue.
    /// Every registered hall has a line, figures or not; `hallId` limits it to one.
    public func report(fromDay: String, toDay: String, today: String, hallId only: String? = nil) async throws -> [HallReport] {
        var halls: [String: HallReport] = [:]
        var order: [String] = []
        for try await (id, name) in try await client.query("""
            SELECT hall_id, name FROM hall WHERE hall_id = id AND (\(only)::text IS NULL OR hall_id = \(only)) ORDER BY name, hall_id
            """, logger: logger).decode((String, String).self) {
            halls[id] = HallReport(hallId: id, name: name); order.append(id)
        }
        guard !halls.isEmpty else { return [] }
        func update(_ id: String, _ f: (inout HallReport) -> Void) { if var h = halls[id] { f(&h); halls[id] = h } }

        for try await (id, calls, within, seconds) in try await client.query("""
            SELECT w.hall_id, count(*), count(*) FILTER (WHERE w.wait_seconds <= 60 * COALESCE(s.target_wait_minutes, \(OverviewQueries.defaultTargetWaitMinutes))),
                   COALESCE(sum(w.wait_seconds), 0)::float8
            FROM ov_wait w LEFT JOIN ov_service s ON s.hall_id = w.hall_id AND s.id = w.service_id
            WHERE w.service_day >= \(fromDay) AND w.service_day <= \(toDay) AND (\(only)::text IS NULL OR w.hall_id = \(only))
            GROUP BY w.hall_id
            """, logger: logger).decode((String, Int, Int, Double).self) {
            update(id) { $0.calls = calls; $0.callsWithinTarget = within; $0.waitSeconds = seconds }
        }

        for try await (id, n, ok) in try await client.query("""
            SELECT hall_id, count(*), count(*) FILTER (WHERE level <= 3) FROM ov_rating
            WHERE service_day >= \(fromDay) AND service_day <= \(toDay) AND (\(only)::text IS NULL OR hall_id = \(only))
            GROUP BY hall_id
            """, logger: logger).decode((String, Int, Int).self) {
            update(id) { $0.ratings = n; $0.satisfied = ok }
        }

        // GROUPING SETS: one row per (hall, matter) and one per hall (matter NULL, grouped = 1).
        for (id, matters, grouped, counts) in try await reformRows(fromDay: fromDay, toDay: toDay, today: today, only: only) {
            update(id) { h in
                if grouped == 1 { h.reform = counts } else { h.matters.append(MatterReform(matters: matters ?? "", figures: counts)) }
            }
        }
        return order.compactMap { id in
            halls[id].map { h in var h = h; h.matters.sort { ($0.figures.cases, $1.matters) > ($1.figures.cases, $0.matters) }; return h }
        }
    }

    /// The reform counts of every hall for a period, keyed by hall id (for the overview line).
    func perHall(fromDay: String, toDay: String, today: String, hallId only: String?) async throws -> [String: ReformCounts] {
        var out: [String: ReformCounts] = [:]
        for (id, _, grouped, counts) in try await reformRows(fromDay: fromDay, toDay: toDay, today: today, only: only) where grouped == 1 {
            out[id] = counts
        }
        return out
    }

    private func reformRows(fromDay: String, toDay: String, today: String, only: String?) async throws
        -> [(String, String?, Int, ReformCounts)] {
        var rows: [(String, String?, Int, ReformCounts)] = []
        for try await (id, matters, grouped, cases, accepted, visits, oneVisit, immediate, overdue) in try await client.query("""
            WITH c AS (
                SELECT c.hall_id, COALESCE(c.matters, '') AS matters, c.status IN ('accepted', 'completed') AS accepted,
                       c.immediate, c.status = 'accepted' AND c.due_date < \(today) AS overdue,
                       1 + (SELECT count(*) FROM ov_case_return r WHERE r.hall_id = c.hall_id AND r.case_id = c.id) AS visits
                FROM ov_case c
                WHERE c.opened_day >= \(fromDay) AND c.opened_day <= \(toDay) AND (\(only)::text IS NULL OR c.hall_id = \(only)))
            SELECT hall_id, matters, GROUPING(matters)::int, count(*)::int, count(*) FILTER (WHERE accepted)::int,
                   COALESCE(sum(visits) FILTER (WHERE accepted), 0)::int, count(*) FILTER (WHERE accepted AND visits = 1)::int,
                   count(*) FILTER (WHERE accepted AND immediate)::int, count(*) FILTER (WHERE overdue)::int
            FROM c GROUP BY GROUPING SETS ((hall_id, matters), (hall_id))
            """, logger: logger).decode((String, String?, Int, Int, Int, Int, Int, Int, Int).self) {
            rows.append((id, matters, grouped, ReformCounts(cases: cases, accepted: accepted, visits: visits, oneVisit: oneVisit,
                                                          immediate: immediate, overdue: overdue)))
        }
        return rows
    }
}
