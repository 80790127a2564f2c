import Foundation
import HallCore
import Logging
import PostgresNIO
import SyncProtocol

/// Reads the overview from the projection tables: a handful of grouped queries over today's rows,
/// whatever the number of halls, never a replay of the operation log.
struct OverviewQueries: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Used for a service whose target wait the hall has not reported (see ServiceOverview).
    static let defaultTargetWaitMinutes = 20
    /// A sync round runs every 5 s and backs off to at most 5 min; silence past twice that is news.
    static let staleAfterSeconds: Double = 600

    struct Day { let today: String; let monthAgo: String; let now: Double }

    static func day(_ now: Date = Date()) -> Day {
        let cal = OverviewProjection.calendar
        return Day(today: cal.dayKey(now), monthAgo: cal.dayKey(cal.addingDays(-29, to: now)), now: now.timeIntervalSince1970)
    }

    func overview(now: Date = Date()) async throws -> OverviewResponse {
        let d = Self.day(now)
        let halls = try await figures(d, hallId: nil)
        return OverviewResponse(today: d.today, serverTime: d.now, staleAfterSeconds: Self.staleAfterSeconds,
                                halls: halls.sorted { ($0.name, $0.hallId) < ($1.name, $1.hallId) })
    }

    /// One hall with its services and windows, or nil when no such hall is registered.
    func hall(_ hallId: String, now: Date = Date()) async throws -> HallDetailResponse? {
        let d = Self.day(now)
        guard let hall = try await figures(d, hallId: hallId).first else { return nil }
        let matters = try await ReformQueries(client: client, logger: logger)
            .report(fromDay: d.monthAgo, toDay: d.today, today: d.today, hallId: hallId).first?.matters ?? []
        return HallDetailResponse(today: d.today, serverTime: d.now, staleAfterSeconds: Self.staleAfterSeconds, hall: hall,
                                  services: try await services(d, hallId), windows: try await windows(d, hallId), matters30Days: matters)
    }

    /// The overview line of every hall, or of one. `only` is matched as `hall_id = $` or, when
    /// nil, as `$ IS NULL`, so one statement serves both.
    private func figures(_ d: Day, hallId only: String?) async throws -> [HallOverview] {
        var halls: [String: HallOverview] = [:]
        var order: [String] = []
        for try await (id, name) in try await client.query("""
            SELECT hall_id, name FROM hall WHERE hall_id = id AND (\(only)::text IS NULL OR hall_id = \(only))
            """, logger: logger).decode((String, String).self) {
            halls[id] = HallOverview(hallId: id, name: name); order.append(id)
        }
        guard !halls.isEmpty else { return [] }
        func update(_ id: String, _ f: (inout HallOverview) -> Void) { if var h = halls[id] { f(&h); halls[id] = h } }

        for try await (id, age) in try await client.query("""
            SELECT hall_id, EXTRACT(EPOCH FROM now() - max(last_contact))::float8 FROM device_cursor
            WHERE (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Double).self) { update(id) { $0.lastContactAgeSeconds = max(0, age) } }

        for try await (id, waiting, oldest, finished) in try await client.query("""
            SELECT hall_id, count(*) FILTER (WHERE status = 'waiting'), min(enqueued_at) FILTER (WHERE status = 'waiting'),
                   count(*) FILTER (WHERE status = 'finished')
            FROM ov_ticket WHERE service_day = \(d.today) AND (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Int, Double?, Int).self) {
            update(id) { h in
                h.waiting = waiting; h.finishedToday = finished
                h.longestWaitSeconds = oldest.map { max(0, d.now - $0) }
            }
        }

        for try await (id, calls, within) in try await client.query("""
            SELECT w.hall_id, count(*), count(*) FILTER (WHERE w.wait_seconds <= 60 * COALESCE(s.target_wait_minutes, \(Self.defaultTargetWaitMinutes)))
            FROM ov_wait w LEFT JOIN ov_service s ON s.hall_id = w.hall_id AND s.id = w.service_id
            WHERE w.service_day = \(d.today) AND (\(only)::text IS NULL OR w.hall_id = \(only)) GROUP BY w.hall_id
            """, logger: logger).decode((String, Int, Int).self) {
            update(id) { $0.callsToday = calls; $0.callsWithinTarget = within }
        }

        for try await (id, nToday, okToday, n30, ok30) in try await client.query("""
            SELECT hall_id, count(*) FILTER (WHERE service_day = \(d.today)),
                   count(*) FILTER (WHERE service_day = \(d.today) AND level <= 3), count(*), count(*) FILTER (WHERE level <= 3)
            FROM ov_rating WHERE service_day >= \(d.monthAgo) AND service_day <= \(d.today)
              AND (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Int, Int, Int, Int).self) {
            update(id) { $0.ratingsToday = nToday; $0.satisfiedToday = okToday; $0.ratings30Days = n30; $0.satisfied30Days = ok30 }
        }

        for try await (id, overdue, dueToday) in try await client.query("""
            SELECT hall_id, count(*) FILTER (WHERE due_date < \(d.today)), count(*) FILTER (WHERE due_date = \(d.today))
            FROM ov_case WHERE status = 'accepted' AND due_date <= \(d.today)
              AND (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Int, Int).self) {
            update(id) { $0.overdueCases = overdue; $0.casesDueToday = dueToday }
        }

        for try await (id, open, overdue) in try await client.query("""
            SELECT hall_id, count(*), count(*) FILTER (WHERE due_date < \(d.today))
            FROM ov_rectification WHERE status NOT IN ('closed', 'annulled')
              AND (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Int, Int).self) {
            update(id) { $0.openRectifications = open; $0.overdueRectifications = overdue }
        }
        for id in order { update(id) { $0.auditAlerts = 0 } }
        for try await (id, alerts) in try await client.query("""
            SELECT hall_id, count(*)::int8 FROM audit_anchor_alert WHERE (\(only)::text IS NULL OR hall_id = \(only)) GROUP BY hall_id
            """, logger: logger).decode((String, Int).self) {
            update(id) { $0.auditAlerts = alerts }
        }

        let reform = try await ReformQueries(client: client, logger: logger).perHall(fromDay: d.monthAgo, toDay: d.today, today: d.today, hallId: only)
        for id in order { update(id) { $0.reform30Days = reform[id] ?? ReformCounts() } }
        return order.compactMap { halls[$0] }
    }

    private func services(_ d: Day, _ hallId: String) async throws -> [ServiceOverview] {
        var result: [ServiceOverview] = []
        for try await (id, prefix, name, target, waiting, oldest, finished, calls, within) in try await client.query("""
            SELECT s.id, s.prefix, s.name, s.target_wait_minutes,
                   (SELECT count(*) FROM ov_ticket t WHERE t.hall_id = s.hall_id AND t.service_id = s.id AND t.service_day = \(d.today) AND t.status = 'waiting'),
                   (SELECT min(enqueued_at) FROM ov_ticket t WHERE t.hall_id = s.hall_id AND t.service_id = s.id AND t.service_day = \(d.today) AND t.status = 'waiting'),
                   (SELECT count(*) FROM ov_ticket t WHERE t.hall_id = s.hall_id AND t.service_id = s.id AND t.service_day = \(d.today) AND t.status = 'finished'),
                   (SELECT count(*) FROM ov_wait w WHERE w.hall_id = s.hall_id AND w.service_id = s.id AND w.service_day = \(d.today)),
                   (SELECT count(*) FROM ov_wait w WHERE w.hall_id = s.hall_id AND w.service_id = s.id AND w.service_day = \(d.today)
                      AND w.wait_seconds <= 60 * COALESCE(s.target_wait_minutes, \(Self.defaultTargetWaitMinutes)))
            FROM ov_service s WHERE s.hall_id = \(hallId)
            """, logger: logger).decode((String, String, String?, Int?, Int, Double?, Int, Int, Int).self) {
            result.append(ServiceOverview(serviceId: id, name: name ?? "\(prefix)类业务", waiting: waiting,
                                          longestWaitSeconds: oldest.map { max(0, d.now - $0) }, callsToday: calls,
                                          callsWithinTarget: within, finishedToday: finished,
                                          targetWaitMinutes: target ?? Self.defaultTargetWaitMinutes, targetReported: target != nil))
        }
        return result.sorted { ($0.name, $0.serviceId) < ($1.name, $1.serviceId) }
    }

    private func windows(_ d: Day, _ hallId: String) async throws -> [WindowOverview] {
        var result: [WindowOverview] = []
        for try await (number, status, current, last, calls, finished, rated, satisfied) in try await client.query("""
            SELECT w.number, w.status, w.current_ticket, w.last_event_at,
                   (SELECT count(*) FROM ov_wait x WHERE x.hall_id = w.hall_id AND x.window_number = w.number AND x.service_day = \(d.today)),
                   (SELECT count(*) FROM ov_ticket t WHERE t.hall_id = w.hall_id AND t.window_number = w.number AND t.service_day = \(d.today) AND t.status = 'finished'),
                   (SELECT count(*) FROM ov_rating r WHERE r.hall_id = w.hall_id AND r.window_number = w.number AND r.service_day = \(d.today)),
                   (SELECT count(*) FROM ov_rating r WHERE r.hall_id = w.hall_id AND r.window_number = w.number AND r.service_day = \(d.today) AND r.level <= 3)
            FROM ov_window w WHERE w.hall_id = \(hallId) ORDER BY w.number
            """, logger: logger).decode((Int, String, String?, Double, Int, Int, Int, Int).self) {
            result.append(WindowOverview(number: number, status: WindowOverview.Status(rawValue: status) ?? .idle, currentTicket: current,
                                         callsToday: calls, finishedToday: finished, ratingsToday: rated, satisfiedToday: satisfied,
                                         lastEventAgeSeconds: max(0, d.now - last)))
        }
        return result
    }
}
