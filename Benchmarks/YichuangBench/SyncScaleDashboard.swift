import AsyncHTTPClient
import CentralServer
import Foundation
import HallCore
import NIOCore
import SyncProtocol

/// (4) of the scale benchmark: the dashboard's read tables filled for every simulated hall with a
/// busy day (per hall 20 tickets, 16 calls, 4 ratings, 3 cases, 2 windows, 1 service), then the
/// all-halls overview, one hall's detail and the 30-day report timed through HTTP, beside the
/// overview's heaviest grouped query run raw.
enum Dashboard {
    struct Result { var markdown: String }

    static func fill(_ raw: SyncSupport.Raw, today: String, now: Double) async throws {
        let halls = "FROM hall h CROSS JOIN generate_series(1, %d) g WHERE h.hall_id LIKE 'scale-%%'"
        func from(_ n: Int) -> String { String(format: halls, n) }
        try await raw.exec("""
            INSERT INTO ov_service (hall_id, id, prefix, name, target_wait_minutes)
            SELECT h.hall_id, 'svc-a', 'A', '综合受理', 20 \(from(1)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO ov_window (hall_id, id, number, status, current_ticket, last_event_at, hlc)
            SELECT h.hall_id, 'w' || g, g, 'idle', NULL, \(now), '0' \(from(2)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO ov_ticket (hall_id, id, number, service_id, service_day, status, enqueued_at, window_number, period, hlc)
            SELECT h.hall_id, 'bench-t' || g, 'A' || lpad(g::text, 3, '0'), 'svc-a', '\(today)',
                   CASE WHEN g > 16 THEN 'waiting' ELSE 'finished' END, \(now) - g * 120, 1 + g % 2, 0, '0'
            \(from(20)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO ov_wait (hall_id, id, service_id, service_day, window_number, wait_seconds)
            SELECT h.hall_id, 'bench-t' || g, 'svc-a', '\(today)', 1 + g % 2, g * 90 \(from(16)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO ov_rating (hall_id, id, level, anonymous, window_number, service_day)
            SELECT h.hall_id, 'bench-r' || g, 1 + g % 5, false, 1, '\(today)' \(from(4)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO ov_case (hall_id, id, status, due_date, hlc, matters, opened_day, immediate)
            SELECT h.hall_id, 'bench-c' || g, CASE g WHEN 1 THEN 'completed' ELSE 'accepted' END,
                   CASE g WHEN 1 THEN NULL ELSE '\(today)' END, '0', CASE g WHEN 1 THEN '社会保障卡申领' ELSE '居住证申领' END,
                   '\(today)', g = 1
            \(from(3)) ON CONFLICT DO NOTHING
            """)
        try await raw.exec("ANALYZE")
    }

    static func run(server: SyncSupport.Server, raw: SyncSupport.Raw, http: HTTPClient) async throws -> Result {
        let calendar = HallCalendar()
        let now = Date()
        let today = calendar.dayKey(now), monthAgo = calendar.dayKey(calendar.addingDays(-29, to: now))
        let t0 = monoNanos()
        try await fill(raw, today: today, now: now.timeIntervalSince1970)
        let fillSeconds = msSince(t0) / 1000
        let rows = try await raw.count("ov_ticket") + raw.count("ov_wait") + raw.count("ov_rating") + raw.count("ov_case")
        log("sync-scale: dashboard tables filled (\(rows) rows) in \(String(format: "%.0f", fillSeconds)) s")
        let admin = try await server.central.registry.issueApiToken(role: .admin, label: "bench").token

        func timed(_ path: String) async throws -> (ms: [Double], bytes: Int, halls: Int) {
            var times: [Double] = [], bytes = 0, count = 0
            for _ in 0..<SyncScale.dashboardRuns {
                var r = HTTPClientRequest(url: server.baseURL + path)
                r.headers.add(name: "Authorization", value: "Bearer \(admin)")
                let start = monoNanos()
                let response = try await http.execute(r, timeout: .seconds(300))
                let body = try await response.body.collect(upTo: 1024 * 1024 * 1024)
                times.append(msSince(start))
                guard response.status == .ok else { throw StoreErrorText(text: "\(path): HTTP \(response.status.code)") }
                bytes = body.readableBytes
                let text = String(buffer: body)
                count = text.components(separatedBy: "\"hallId\"").count - 1
            }
            return (times, bytes, count)
        }
        let overview = try await timed(SyncPaths.adminOverview)
        let detail = try await timed(SyncPaths.adminOverview + "/" + SyncScale.hallId(1))
        let report = try await timed(SyncPaths.adminReport + "?from=\(monthAgo)&to=\(today)")
        var rawMs: [Double] = []
        for _ in 0..<SyncScale.dashboardRuns {
            let start = monoNanos()
            try await raw.exec("""
                CREATE TEMP TABLE IF NOT EXISTS bench_sink AS SELECT ''::text AS hall_id, 0::bigint AS n LIMIT 0
                """)
            try await raw.exec("""
                INSERT INTO bench_sink SELECT hall_id, count(*) FILTER (WHERE status = 'waiting') FROM ov_ticket
                WHERE service_day = '\(today)' GROUP BY hall_id
                """)
            rawMs.append(msSince(start))
            try await raw.exec("DROP TABLE IF EXISTS bench_sink")
        }
        log("sync-scale dashboard: overview p50 \(ms(Stats(overview.ms).median)), detail \(ms(Stats(detail.ms).median)), report \(ms(Stats(report.ms).median)), raw \(ms(Stats(rawMs).median))")
        func mb(_ b: Int) -> String { String(format: "%.1f MB", Double(b) / 1_048_576) }
        let o50 = Stats(overview.ms).median, o99 = Stats(overview.ms).p99
        return Result(markdown: """
        ### (4) dashboard over \(SyncScale.halls) halls

        The read tables filled by SQL for every simulated hall (\(rows) rows of tickets, waits, ratings and cases for today,
        \(String(format: "%.0f", fillSeconds)) s), then each request \(SyncScale.dashboardRuns) times through HTTP with an admin token (the
        server first drains what is left to project, as it always does). Baseline: the overview's first grouped query (waiting
        tickets per hall today) run raw, its result kept in a temporary table so only PostgreSQL's time counts.

        \(table(["request", "p50", "max", "answer", "baseline (p50)", "ratio (p50)", "target", "result"], [
            ["`GET /v1/admin/overview` (every hall)", ms(o50), ms(o99), "\(overview.halls) halls, \(mb(overview.bytes))",
             "raw grouped query \(ms(Stats(rawMs).median))", ratio(o50, Stats(rawMs).median), "≤ 200 ms", met(o99 <= 200)],
            ["`GET /v1/admin/overview/{hall}` (one hall)", ms(Stats(detail.ms).median), ms(Stats(detail.ms).p99), mb(detail.bytes), "", "", "≤ 200 ms",
             met(Stats(detail.ms).p99 <= 200)],
            ["`GET /v1/admin/report` 30 days, every hall and matter", ms(Stats(report.ms).median), ms(Stats(report.ms).p99),
             "\(report.halls) halls, \(mb(report.bytes))", "", "", "", ""],
        ]))
        """)
    }
}

struct StoreErrorText: Error, CustomStringConvertible { let text: String; var description: String { text } }
