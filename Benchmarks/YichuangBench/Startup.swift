import Foundation
import GRDB
import HallApp
import Printing
import HallCore
@_spi(StoreInternals) import HallStore
import TerminalUI

/// Start-up to first frame of the window console with a large history, in fresh processes.
enum StartupBench {
    static let days = 250

    /// Finished tickets spread over the `days` days before today, each with its issued, called
    /// and finished queue_event rows, in one transaction (no audit/outbox rows: only volume matters).
    static func addHistory(_ store: HallStore, tickets: Int) throws {
        let hall = try store.hall()
        let today = hall.calendar.dayKey(Date())
        let todayStart = hall.calendar.startOfDay(Date()).timeIntervalSince1970
        let perDay = (tickets + days - 1) / days
        let services = try store.services()
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")   // 256 MB: keeps the index inserts in memory
            try db.inTransaction {
                try db.execute(sql: "CREATE TEMP TABLE svc (k INTEGER PRIMARY KEY, id TEXT, prefix TEXT)")
                for (k, s) in services.enumerated() {
                    try db.execute(sql: "INSERT INTO svc VALUES (?, ?, ?)", arguments: [k, s.id, s.prefix])
                }
                // Day d = i / perDay days back (1…days); within a day, one ticket every 7 s from 09:00.
                try db.execute(sql: """
                    WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < :n - 1)
                    INSERT INTO ticket (id, hall_id, number, service_id, service_day, priority, status, issued_at, enqueued_at,
                                        queue_order, called_at, finished_at, window_number)
                    SELECT lower(hex(randomblob(16))), :hall, s.prefix || printf('%04d', (i % :perDay) / :nsvc + 1), s.id,
                           date(:today, printf('-%d days', 1 + i / :perDay)), 'normal', 'finished',
                           t, t, t, t + 600, t + 1200, 1 + (i % 7)
                    FROM (SELECT i, :todayStart - (1 + i / :perDay) * 86400 + 32400 + (i % :perDay) * 7.0 AS t FROM c) AS c
                    JOIN svc s ON s.k = i % :nsvc
                    """, arguments: ["n": tickets, "hall": hall.hallId, "perDay": perDay, "nsvc": services.count,
                                     "today": today, "todayStart": todayStart])
                // One row per fact, in time order (issued, called, finished interleave across tickets),
                // so seq grows with time as it does in a running hall.
                try db.execute(sql: """
                    INSERT INTO queue_event (id, hall_id, kind, at, service_day, ticket_id, ticket_number, service_id, window_number, wait_seconds)
                    SELECT lower(hex(randomblob(16))), hall_id, kind, at, service_day, id, number, service_id, w, wait FROM (
                        SELECT hall_id, 'issued' AS kind, issued_at AS at, service_day, id, number, service_id, NULL AS w, NULL AS wait, rowid AS r, 0 AS o FROM ticket WHERE service_day < :today
                        UNION ALL
                        SELECT hall_id, 'called', called_at, service_day, id, number, service_id, window_number, called_at - enqueued_at, rowid, 1 FROM ticket WHERE service_day < :today
                        UNION ALL
                        SELECT hall_id, 'finished', finished_at, service_day, id, number, service_id, window_number, NULL, rowid, 2 FROM ticket WHERE service_day < :today)
                    ORDER BY at, r, o
                    """, arguments: ["today": today])
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")   // leave the file as a long-running hall would
        }
    }

    static func run(dir: String, tickets: Int, repeats: Int) throws -> String {
        log("startup: empty-history store…")
        let (empty, _) = try BenchHall.console(path: dir + "/startup-empty.sqlite")
        log("startup: generating \(tickets) historical tickets…")
        var generation = 0.0
        let (big, _) = try BenchHall.console(path: dir + "/startup-history.sqlite") { store in
            let t0 = monoNanos()
            try addHistory(store, tickets: tickets)
            generation = msSince(t0)
        }
        let (ticketRows, eventRows) = try big.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_event") ?? 0)
        }
        let fileMB = Double((try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int) ?? 0) / 1_048_576

        var rows: [[String]] = []
        var measured: [String: (total: Stats, spawn: Stats)] = [:]
        for (label, path) in [("empty history", empty.path), ("\(tickets) historical tickets", big.path)] {
            log("startup: \(label), \(repeats) fresh processes…")
            var inProcess: [Double] = [], spawnToFrame: [Double] = [], parts: [[Double]] = []
            for _ in 0..<repeats {
                let t = monoNanos()
                let w = try WorkerProcess(["worker-startup", "--store", path])
                let lines = w.finish()
                spawnToFrame.append(msSince(t))
                guard let line = lines.first(where: { $0.hasPrefix("frame ") }) else { log("startup worker: \(lines)"); continue }
                let v = line.split(separator: " ").dropFirst().map { Double($0)! }
                inProcess.append(v[0]); parts.append(Array(v.dropFirst()))
            }
            let total = Stats(inProcess), spawn = Stats(spawnToFrame)
            measured[label] = (total, spawn)
            let mid = parts.sorted { $0.reduce(0, +) < $1.reduce(0, +) }[parts.count / 2]
            rows.append([label, ms(total.median), ms(total.maximum), ms(spawn.median),
                         "open \(ms(mid[0])) · screen+reload \(ms(mid[1])) · render+present \(ms(mid[2]))"])
        }
        let base = measured["empty history"]!, full = measured["\(tickets) historical tickets"]!
        let plans = try queryPlans(big)
        return """
            ### start-up to first frame with \(tickets) historical tickets

            History: \(ticketRows) tickets and \(eventRows) queue_event rows over \(days) past days (\(String(format: "%.0f", fileMB)) MB file,
            generated in \(String(format: "%.1f", generation / 1000)) s in one transaction). Each sample is a fresh process (`worker-startup`):
            open HallStore (with migrations check), read the hall, find the clerk, build `WindowConsoleScreen` + `AppRunner`
            (with its ChangeWatcher), `reload`, render and present the first frame on a TextBackend. "in-process" is from the
            first line of `main` to the presented frame; "spawn to frame" adds exec and dynamic loading, seen from the parent.
            \(repeats) runs each; the file is in the page cache (dropping caches needs root).

            \(table(["store", "in-process median", "in-process max", "spawn to frame (median)", "breakdown (median run)"], rows))
            \(table(["what", "measured (median)", "baseline: empty history", "ratio", "target", "met"], [
                ["start-up to first frame, in-process", ms(full.total.median), ms(base.total.median), ratio(full.total.median, base.total.median), "≤ 200 ms", met(full.total.median <= 200)],
                ["start-up to first frame, spawn to frame", ms(full.spawn.median), ms(base.spawn.median), ratio(full.spawn.median, base.spawn.median), "≤ 200 ms", met(full.spawn.median <= 200)],
            ]))
            Queries of the first frame on the large store (each timed alone, median of 20, with its plan):

            \(plans)
            """
    }

    /// The queries `windowSnapshot` runs, timed one by one with EXPLAIN QUERY PLAN.
    static func queryPlans(_ store: HallStore) throws -> String {
        let hall = try store.hall()
        let day = hall.calendar.dayKey(Date())
        let serviceId = try store.services()[0].id
        let queries: [(String, String, StatementArguments)] = [
            ("history (today, this window)", "SELECT * FROM queue_event WHERE service_day = ? AND window_number = ? ORDER BY seq DESC LIMIT 200", [day, 2]),
            ("finished today", "SELECT COUNT(*) FROM queue_event WHERE service_day = ? AND window_number = ? AND kind = 'finished'", [day, 2]),
            ("held at window", "SELECT * FROM ticket WHERE status = 'held' AND window_number = ? ORDER BY called_at", [2]),
            ("transferred to window", "SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND target_window_number = ? AND (? OR service_day = ?)", [2, false, day]),
            ("queue counts per service", "SELECT COUNT(*), SUM(priority = 'greenChannel'), MIN(enqueued_at) FROM ticket WHERE status = 'waiting' AND service_id = ? AND (? OR service_day = ?)", [serviceId, false, day]),
            ("board: recent calls", "SELECT seq, kind, ticket_number, window_number, at FROM queue_event WHERE kind IN ('called', 'recalled', 'calledBack') AND seq > ? ORDER BY seq DESC LIMIT ?", [0, 10]),
            ("dashboard: today's events", "SELECT * FROM queue_event WHERE service_day BETWEEN ? AND ? ORDER BY seq", [day, day]),
        ]
        var rows: [[String]] = []
        try store.pool.read { db in
            for (name, sql, args) in queries {
                var t: [Double] = []
                for _ in 0..<20 {
                    let t0 = monoNanos()
                    _ = try Row.fetchAll(db, sql: sql, arguments: args)
                    t.append(msSince(t0))
                }
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: args).map { $0["detail"] as String }
                rows.append([name, ms(Stats(t).median), "`" + plan.joined(separator: "; ") + "`"])
            }
        }
        return table(["query", "median", "plan"], rows)
    }

    /// Runs in a fresh process: everything between process start and the first frame.
    static func worker(_ o: Options, processStart: UInt64) throws {
        let store = try HallStore(path: o.string("store"))
        let hall = try store.hall()
        guard let clerk = try store.clerks().first(where: { $0.number == "1001" }) else { fatalError("no clerk 1001") }
        let opened = monoNanos()
        let backend = TextBackend(width: RenderBench.width, height: RenderBench.height)
        let screen = Interfaces.windowConsole(store: store, clerk: clerk, window: 2, terminal: "bench", calendar: hall.calendar,
                                              printDesk: PrintDesk(store: store, routes: try PrinterRoutes(spoolDirectory: NSTemporaryDirectory())))
        let runner = AppRunner(backend: backend, screen: screen, watcher: try ChangeWatcher(path: store.path),
                               hallName: hall.name, clock: store.clock, calendar: hall.calendar, inline: true)   // loads at once
        let reloaded = monoNanos()
        var frame = ScreenBuffer(width: backend.size.width, height: backend.size.height)
        runner.render(into: &frame)
        backend.present(frame)
        let done = monoNanos()
        guard backend.lastFrame?.text.contains("当前办理") == true else { fatalError("first frame is not the console") }
        func d(_ a: UInt64, _ b: UInt64) -> String { String(format: "%.3f", Double(b - a) / 1e6) }
        print("frame \(d(processStart, done)) \(d(processStart, opened)) \(d(opened, reloaded)) \(d(reloaded, done))")
    }
}
