import Foundation
import GRDB
import HallCore

/// 日结: the figures of one closed service day, stored with it (and sent to the centre).
public struct DaySummary: Codable, Equatable, Sendable {
    public struct ServiceLine: Codable, Equatable, Sendable {
        public var code: String; public var name: String
        public var issued: Int; public var calls: Int; public var finished: Int; public var noShows: Int
        public var abandoned: Int              // never called, closed at the end of the day
        public var averageWaitSeconds: Double?; public var serviceLevel: Double?
    }
    public struct WorkLine: Codable, Equatable, Sendable {
        public var key: String; public var name: String   // window number or 工号, and its name
        public var finished: Int; public var noShows: Int
        public var servingSeconds: Double; public var loggedInSeconds: Double
    }
    public var day: String
    public var closedAt: Date
    public var closedBy: String?           // 工号, nil when closed by the next day's first action
    public var automatic: Bool
    public var abandoned: Int              // waiting, never called
    public var heldClosed: Int             // held and never called back
    public var servingClosed: Int          // still being served (a terminal that died)
    public var windowsSignedOut: Int
    public var services: [ServiceLine]
    public var windows: [WorkLine]
    public var clerks: [WorkLine]
    /// The audit chain's last entry at closing (the day-close entry itself): printed on the
    /// summary and checked by `doctor`, so a chain later cut short or re-hashed no longer
    /// matches it. Nil in summaries from before anchoring.
    public var auditHead: AuditLog.Head? = nil

    /// The summary as CSV lines (for `close-day --out`, a spreadsheet or the centre).
    public var csvRows: (header: [String], rows: [[String]]) {
        func n(_ v: Double?) -> String { v.map { String(format: "%.0f", $0) } ?? "" }
        func p(_ v: Double?) -> String { v.map { String(format: "%.1f", $0 * 100) } ?? "" }
        var rows: [[String]] = services.map { ["业务", $0.code, $0.name, "\($0.issued)", "\($0.calls)", "\($0.finished)", "\($0.noShows)", "\($0.abandoned)", n($0.averageWaitSeconds), p($0.serviceLevel), ""] }
        rows += windows.map { ["窗口", $0.key, $0.name, "", "", "\($0.finished)", "\($0.noShows)", "", "", "", n($0.loggedInSeconds)] }
        rows += clerks.map { ["工作人员", $0.key, $0.name, "", "", "\($0.finished)", "\($0.noShows)", "", "", "", n($0.loggedInSeconds)] }
        rows.append(["日结", day, automatic ? "自动日结" : "手工日结（\(closedBy ?? "—")）", "", "", "", "", "\(abandoned)", "", "", ""])
        if let h = auditHead { rows.append(["审计日志末条", "\(h.seq)", h.hash, "", "", "", "", "", "", "", ""]) }
        return (["类别", "编号", "名称", "取号数", "叫号数", "办结数", "过号数", "未叫号关闭", "平均等候(秒)", "服务达标率(%)", "在岗时长(秒)"], rows)
    }
}

enum DayClose {
    /// Closes every ticket of `day` and before that is still open, signs every window out, and
    /// stores the day's figures. Runs inside the caller's transaction.
    static func close(_ tx: BusinessTransaction, hall: HallInfo, day: String, automatic: Bool, store: HallStore) throws -> DaySummary {
        if try Int.fetchOne(tx.db, sql: "SELECT 1 FROM day_close WHERE day = ?", arguments: [day]) != nil {
            throw AdminError.invalid("\(day) 已日结")
        }
        var counts = (abandoned: 0, held: 0, serving: 0)
        var abandonedBy: [String: Int] = [:]
        for r in try Row.fetchAll(tx.db, sql: """
            SELECT * FROM ticket WHERE service_day <= ? AND status IN ('waiting', 'held', 'serving') ORDER BY service_day, number
            """, arguments: [day]) {
            var t = try Ticket(row: r)
            let why: String
            switch t.status {
            case .held: why = "日结：挂起未回呼"; counts.held += 1
            case .serving: why = "日结：办理中未办结"; counts.serving += 1
            default:
                why = "日结：未被叫号，按放弃处理"; counts.abandoned += 1
                abandonedBy[t.serviceId, default: 0] += 1
            }
            t.status = .cancelled
            t.deferral = nil
            try TicketWrite.save(tx.db, t)
            try tx.record(.dayClosed, ticket: t, windowNumber: t.windowNumber, detail: why)
        }
        var signedOut = 0
        for r in try Row.fetchAll(tx.db, sql: """
            SELECT w.number FROM window_state s JOIN hall_window w ON w.id = s.window_id WHERE s.status != 'signedOut' ORDER BY w.number
            """) {
            var s = try WindowStateRow.load(tx.db, window: r["number"])
            s.status = .signedOut; s.clerkId = nil; s.currentTicketId = nil; s.since = tx.now; s.signedInAt = nil
            try s.save(tx.db, now: tx.now)
            try tx.record(.signedOut, windowNumber: s.window.number, detail: "日结退出（\(s.clerkName ?? "—")）")
            signedOut += 1
        }
        // A temporary window ends with its day.
        try tx.db.execute(sql: "UPDATE hall_window SET is_open = 0 WHERE is_temporary = 1 AND is_open = 1")

        let services = try Fetch.services(tx.db)
        let targets = Dictionary(uniqueKeysWithValues: services.map { ($0.id, Double($0.targetWaitMinutes * 60)) })
        let end = hall.calendar.date(fromDayKey: day).map { hall.calendar.addingDays(1, to: $0) } ?? tx.now
        let report = QueueMetrics.report(events: try store.events(tx.db, fromDay: day, toDay: day), targetWaitSeconds: targets,
                                         until: min(end, tx.now))
        let issued = Dictionary(uniqueKeysWithValues: try Row.fetchAll(tx.db, sql: """
            SELECT service_id, COUNT(*) AS n FROM ticket WHERE service_day = ? AND is_walk_up = 0 GROUP BY service_id
            """, arguments: [day]).map { ($0["service_id"] as String, $0["n"] as Int) })
        let windowNames = Dictionary(uniqueKeysWithValues: try Row.fetchAll(tx.db, sql: "SELECT number, name FROM hall_window").map { ("\($0["number"] as Int)", $0["name"] as String) })
        let clerks = Dictionary(uniqueKeysWithValues: try Row.fetchAll(tx.db, sql: "SELECT id, number, name FROM clerk").map { ($0["id"] as String, ($0["number"] as String, $0["name"] as String)) })
        func line(_ m: WorkMetrics, key: String, name: String) -> DaySummary.WorkLine {
            .init(key: key, name: name, finished: m.finished, noShows: m.noShows, servingSeconds: m.servingSeconds, loggedInSeconds: m.loggedInSeconds)
        }
        var summary = DaySummary(
            day: day, closedAt: tx.now, closedBy: automatic ? nil : tx.attribution.clerkNumber, automatic: automatic,
            abandoned: counts.abandoned, heldClosed: counts.held, servingClosed: counts.serving, windowsSignedOut: signedOut,
            services: services.map { s in
                let m = report.services[s.id] ?? ServiceMetrics(serviceId: s.id)
                return .init(code: s.code, name: s.name, issued: issued[s.id] ?? 0, calls: m.calls, finished: m.finished, noShows: m.noShows,
                             abandoned: abandonedBy[s.id] ?? 0, averageWaitSeconds: m.averageWaitSeconds, serviceLevel: m.serviceLevel)
            },
            windows: report.windows.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { line($0.value, key: $0.key, name: windowNames[$0.key] ?? "\($0.key)号窗口") },
            clerks: report.clerks.compactMap { id, m in clerks[id].map { line(m, key: $0.0, name: $0.1) } }.sorted { $0.key < $1.key })
        // The day-close entry first, so the head the summary keeps (and prints) covers it too.
        try tx.audit(action: "admin.day.close", entity: "day", entityId: day, detail: """
            \(automatic ? "自动日结" : "日结") \(day)：未叫号关闭\(counts.abandoned)张，挂起关闭\(counts.held)张，办理中关闭\(counts.serving)张，\(signedOut)个窗口退出
            """)
        summary.auditHead = try AuditLog.head(tx.db)
        try tx.db.execute(sql: "INSERT INTO day_close (hall_id, day, closed_at, closed_by, automatic, summary) VALUES (?, ?, ?, ?, ?, ?)",
                          arguments: [hall.hallId, day, tx.now.timeIntervalSince1970, summary.closedBy, automatic, jsonText(summary)])
        try tx.outbox(.referenceChanged, entityId: day, payload: ["dayClose": summary])
        return summary
    }

    /// The first write of a new day closes the last day that saw queue activity and was never
    /// closed, with the same result as a close by hand. A hall that keeps its queue overnight
    /// chose to carry its tickets over: nothing is closed for it.
    static func closeOverdueDay(_ tx: BusinessTransaction, hall: HallInfo, store: HallStore) throws {
        guard !hall.policy.keepQueueOvernight,
              let last = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT service_day FROM queue_event ORDER BY seq DESC LIMIT 1")),
              last < tx.serviceDay,
              try Int.fetchOne(tx.db, sql: "SELECT 1 FROM day_close WHERE day = ?", arguments: [last]) == nil else { return }
        _ = try close(tx, hall: hall, day: last, automatic: true, store: store)
    }
}

extension HallStore {
    /// 日结 by hand (supervisor): closes today. Refused while a window is serving someone.
    @discardableResult
    public func closeDay(by: Attribution) throws -> DaySummary {
        try perform(by) { tx, hall in
            try tx.require(.closeDay)
            if let r = try Row.fetchOne(tx.db, sql: """
                SELECT w.number, t.number AS ticket FROM window_state s JOIN hall_window w ON w.id = s.window_id
                JOIN ticket t ON t.id = s.current_ticket_id WHERE s.current_ticket_id IS NOT NULL ORDER BY w.number LIMIT 1
                """) {
                throw AdminError.invalid("\(r["number"] as Int) 号窗口正在办理 \(r["ticket"] as String)：请先办结，或强制退出该窗口后再日结")
            }
            return try DayClose.close(tx, hall: hall, day: tx.serviceDay, automatic: false, store: self)
        }
    }

    public func daySummary(_ day: String) throws -> DaySummary? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM day_close WHERE day = ?", arguments: [day]).map {
                let d = JSONDecoder(); d.dateDecodingStrategy = .secondsSince1970
                return try d.decode(DaySummary.self, from: Data($0.utf8))
            }
        }
    }
}
