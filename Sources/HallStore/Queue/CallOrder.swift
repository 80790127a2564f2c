import Foundation
import GRDB
import HallCore

/// The call order used by the best peers (DOMAIN.md): green channel first; then appointments whose
/// slot has begun; then first come, first served — within each tier following the window's own
/// service order, with tickets transferred to this very window ahead of its services.
/// Tickets stay unassigned until a window calls them; one SQL query picks the next, inside the
/// caller's IMMEDIATE transaction, so two windows never get the same ticket.
enum CallOrder {
    static func next(_ db: Database, window: Window, now: Date, day: String, keepOvernight: Bool) throws -> Ticket? {
        // Only the head of each line is read, each through the `ticket_line` index, so the cost
        // inside the write lock does not grow with the length of the queue (sorting every waiting
        // ticket took 6 ms with 12,800 waiting). The tier rule is then applied to these few rows.
        let dayFilter = keepOvernight ? "" : " AND service_day = :day"
        var heads = ["""
            SELECT * FROM (SELECT t.*, t.rowid AS rid, -1 AS rank FROM ticket t
              WHERE status = 'waiting' AND target_window_number = :number\(dayFilter)
              ORDER BY CASE WHEN priority = 'greenChannel' THEN 0
                            WHEN priority = 'appointment' AND slot_start <= :now THEN 1 ELSE 2 END, queue_order LIMIT 1)
            """]
        let lines = ["priority = 'greenChannel'", "priority = 'appointment' AND slot_start <= :now",
                     "priority = 'appointment' AND slot_start > :now", "priority = 'normal'"]
        var args: [String: DatabaseValueConvertible?] = ["number": window.number, "now": now.timeIntervalSince1970, "day": day]
        for (position, serviceId) in window.serviceIds.enumerated() {
            args["s\(position)"] = serviceId
            for line in lines {
                heads.append("""
                    SELECT * FROM (SELECT t.*, t.rowid AS rid, \(position) AS rank FROM ticket t
                      WHERE status = 'waiting' AND service_id = :s\(position) AND \(line)\(dayFilter)
                        AND target_window_number IS NULL
                      ORDER BY queue_order LIMIT 1)
                    """)
            }
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: heads.joined(separator: " UNION ALL ")), arguments: StatementArguments(args))
        func key(_ r: Row) -> (Int, Int, Double, Int64) {
            let priority: String = r["priority"]
            let slot: Double? = r["slot_start"]
            let tier = priority == TicketPriority.greenChannel.rawValue ? 0
                : (priority == TicketPriority.appointment.rawValue && (slot ?? .infinity) <= now.timeIntervalSince1970 ? 1 : 2)
            return (tier, r["rank"], r["queue_order"], r["rid"])
        }
        return rows.min { key($0) < key($1) }.map(Ticket.init(row:))
    }

    /// Queue position for a requeued or transferred ticket within one service's waiting line.
    static func queueOrder(_ db: Database, serviceId: String, targetWindow: Int?, position: QueuePosition, day: String, keepOvernight: Bool, now: Date) throws -> Double {
        let scope = targetWindow == nil ? "service_id = ? AND target_window_number IS NULL" : "target_window_number = ?"
        let arg: DatabaseValueConvertible
        if let targetWindow { arg = targetWindow } else { arg = serviceId }
        let sql = "SELECT \(position == .front ? "MIN" : "MAX")(queue_order) FROM ticket WHERE status = 'waiting' AND \(scope) AND (? OR service_day = ?)"
        let edge = try Double.fetchOne(db, sql: sql, arguments: [arg, keepOvernight, day])
        guard let edge else { return now.timeIntervalSince1970 }
        return position == .front ? edge - 1 : max(edge + 0.001, now.timeIntervalSince1970)
    }

    /// Position after `others` waiting tickets of the same service (过号 "after N").
    static func queueOrder(_ db: Database, serviceId: String, afterOthers n: Int, day: String, keepOvernight: Bool, now: Date) throws -> Double {
        let orders = try Double.fetchAll(db, sql: """
            SELECT queue_order FROM ticket WHERE status = 'waiting' AND service_id = ? AND target_window_number IS NULL
              AND (? OR service_day = ?) ORDER BY queue_order LIMIT ?
            """, arguments: [serviceId, keepOvernight, day, n + 1])
        if orders.count <= n { return (orders.last.map { $0 + 0.001 }) ?? now.timeIntervalSince1970 }
        return n == 0 ? orders[0] - 1 : (orders[n - 1] + orders[n]) / 2
    }
}
