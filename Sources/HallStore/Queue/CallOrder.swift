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
        let sql = """
            SELECT t.* FROM ticket t
            LEFT JOIN window_service ws ON ws.window_id = :windowId AND ws.service_id = t.service_id
            WHERE t.status = 'waiting'
              AND (:overnight OR t.service_day = :day)
              AND (t.target_window_number = :number
                   OR (t.target_window_number IS NULL AND ws.service_id IS NOT NULL))
            ORDER BY
              CASE WHEN t.priority = 'greenChannel' THEN 0
                   WHEN t.priority = 'appointment' AND t.slot_start <= :now THEN 1
                   ELSE 2 END,
              CASE WHEN t.target_window_number = :number THEN -1 ELSE ws.position END,
              t.queue_order, t.rowid
            LIMIT 1
            """
        let args: StatementArguments = ["windowId": window.id, "overnight": keepOvernight, "day": day,
                                        "number": window.number, "now": now.timeIntervalSince1970]
        return try Row.fetchOne(db, sql: sql, arguments: args).map(Ticket.init(row:))
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
