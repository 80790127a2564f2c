import Foundation
import GRDB
import HallCore

/// Fetches the candidates the call rules choose from. The order itself lives in HallCore
/// (`CallRules`); SQL only narrows the rows, inside the caller's IMMEDIATE transaction, so two
/// windows never get the same ticket.
enum CallOrder {
    /// Every ticket `window` might call next: the head of each of its lines (read through the
    /// `ticket_line` index, so the cost inside the write lock does not grow with the queue: sorting
    /// every waiting ticket took 6 ms with 12,800 waiting) plus every deferred ticket it serves
    /// (few; `ticket_deferred` index), since a deferred head would otherwise hide the next one.
    static func candidates(_ db: Database, window: Window, now: Date, day: String, keepOvernight: Bool, perLine: Int = 1) throws -> [QueueEntry] {
        let dayFilter = keepOvernight ? "" : " AND service_day = :day"
        let lines = ["priority = 'greenChannel'", "priority = 'appointment' AND slot_start <= :now",
                     "priority = 'appointment' AND slot_start > :now", "priority = 'normal'"]
        var args: [String: DatabaseValueConvertible?] = ["number": window.number, "now": now.timeIntervalSince1970, "day": day]
        var scopes = ["target_window_number = :number"]
        for (position, serviceId) in window.serviceIds.enumerated() {
            args["s\(position)"] = serviceId
            scopes.append("service_id = :s\(position) AND target_window_number IS NULL")
        }
        var heads: [String] = []
        for scope in scopes {
            for line in lines {
                heads.append("""
                    SELECT * FROM (SELECT t.*, t.rowid AS rid FROM ticket t
                      WHERE status = 'waiting' AND \(scope) AND \(line)\(dayFilter) AND defer_calls_left IS NULL
                      ORDER BY queue_order, t.rowid LIMIT \(perLine))
                    """)
            }
            heads.append("SELECT t.*, t.rowid AS rid FROM ticket t WHERE status = 'waiting' AND \(scope)\(dayFilter) AND defer_calls_left IS NOT NULL")
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: heads.joined(separator: " UNION ALL ")), arguments: StatementArguments(args))
        return try rows.map(QueueEntry.init(row:))
    }

    static func next(_ db: Database, window: Window, now: Date, day: String, keepOvernight: Bool) throws -> (Ticket, [QueueEntry])? {
        let all = try candidates(db, window: window, now: now, day: day, keepOvernight: keepOvernight)
        return CallRules.next(for: window, among: all, now: now).map { ($0.ticket, all) }
    }

    /// A call of `called` by `window` counts one place for every deferred ticket the window serves.
    static func countCall(_ db: Database, of called: Ticket, by window: Window, deferred: [QueueEntry]) throws {
        for e in deferred where e.ticket.deferral != nil {
            let t = CallRules.counting(e.ticket, callOf: called, by: window)
            if t != e.ticket { try TicketWrite.save(db, t, expecting: [.waiting]) }
        }
    }

    /// Deferred tickets `window` serves, to count a call by number against them.
    static func deferred(_ db: Database, window: Window, day: String, keepOvernight: Bool) throws -> [QueueEntry] {
        try candidates(db, window: window, now: .distantPast, day: day, keepOvernight: keepOvernight).filter { $0.ticket.deferral != nil }
    }

    /// The current edge (first or last queue order) of one line: a service's or a window's.
    static func edge(_ db: Database, serviceId: String, targetWindow: Int?, position: QueuePosition, day: String, keepOvernight: Bool) throws -> Double? {
        let scope = targetWindow == nil ? "service_id = ? AND target_window_number IS NULL" : "target_window_number = ?"
        let arg: DatabaseValueConvertible
        if let targetWindow { arg = targetWindow } else { arg = serviceId }
        let sql = "SELECT \(position == .front ? "MIN" : "MAX")(queue_order) FROM ticket WHERE status = 'waiting' AND \(scope) AND (? OR service_day = ?)"
        return try Double.fetchOne(db, sql: sql, arguments: [arg, keepOvernight, day])
    }

    /// How many others wait in the same line as `t` (for 过号 "back": all of them go first).
    static func othersWaiting(_ db: Database, in t: Ticket, day: String, keepOvernight: Bool) throws -> Int {
        let scope = t.targetWindowNumber == nil ? "service_id = ? AND target_window_number IS NULL" : "target_window_number = ?"
        let arg: DatabaseValueConvertible
        if let w = t.targetWindowNumber { arg = w } else { arg = t.serviceId }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND id != ? AND \(scope) AND (? OR service_day = ?)",
                                arguments: [t.id, arg, keepOvernight, day]) ?? 0
    }
}
