import Foundation
import GRDB
import HallCore

extension HallStore {
    /// People ahead and the estimated wait of a ticket now (`QueueForecast` over today's waiting
    /// tickets, the windows' states and today's service times). Read after the ticket's own write,
    /// so the desk's transaction does not hold the write lock while the day's events are read.
    public func forecast(ticketId: String) throws -> TicketForecast {
        try read { db in
            let hall = try HallInfo.load(db, path: self.path)
            return try self.forecast(db, ticket: try Fetch.ticket(db, id: ticketId), hall: hall, now: self.clock.now())
        }
    }

    func forecast(_ db: Database, ticket: Ticket, hall: HallInfo, now: Date) throws -> TicketForecast {
        let day = hall.calendar.dayKey(now), overnight = hall.policy.keepQueueOvernight
        var loads: [WindowLoad] = []
        for w in try Fetch.windows(db) {
            let s = try WindowStateRow.load(db, window: w.number)
            let current = try s.currentTicketId.map { try Fetch.ticket(db, id: $0) }
            loads.append(WindowLoad(window: w, isOpen: s.status == .idle || s.status == .serving,
                                    servingSince: current?.calledAt, servingServiceId: current?.serviceId))
        }
        // A long line is counted, not played (see QueueForecast.simulationLimit): count it in SQL,
        // so issuing ticket n of a long line does not read the n before it and the day's events.
        let inLine = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND (? OR service_day = ?)",
                                      arguments: [overnight, day]) ?? 0
        if ticket.status == .waiting, inLine > QueueForecast.simulationLimit {
            return try countAhead(db, ticket: ticket, windows: loads, day: day, keepOvernight: overnight)
        }
        let waiting = try Row.fetchAll(db, sql: "SELECT t.*, t.rowid AS rid FROM ticket t WHERE status = 'waiting' AND (? OR service_day = ?)",
                                       arguments: [overnight, day]).map(QueueEntry.init(row:))
        let today = QueueMetrics.report(events: try events(db, fromDay: day, toDay: day), targetWaitSeconds: [:], until: now,
                                       calendar: hall.calendar, countOpenService: false)
        return QueueForecast.forecast(for: ticket, waiting: waiting, windows: loads,
                                      serviceSeconds: today.services.compactMapValues(\.averageServiceSeconds), now: now)
    }

    /// `QueueForecast`'s count for a long line, in SQL: the waiting tickets of the windows that
    /// serve this one (their services' lines and the tickets sent to them) that stand before it,
    /// green channel first, then queue order. No time is given, as in QueueForecast.
    func countAhead(_ db: Database, ticket: Ticket, windows: [WindowLoad], day: String, keepOvernight: Bool) throws -> TicketForecast {
        guard let order = try Double.fetchOne(db, sql: "SELECT queue_order FROM ticket WHERE id = ? AND status = 'waiting' AND (? OR service_day = ?)",
                                              arguments: [ticket.id, keepOvernight, day]) else {
            return TicketForecast(peopleAhead: 0, estimatedWaitSeconds: nil)
        }
        let servers = windows.map(\.window).filter { CallRules.serves($0, ticket) }
        guard !servers.isEmpty else { return TicketForecast(peopleAhead: 0, estimatedWaitSeconds: nil) }
        let services = Array(Set(servers.flatMap(\.serviceIds))).sorted(), numbers = servers.map(\.number)
        func marks(_ n: Int) -> String { n == 0 ? "NULL" : Array(repeating: "?", count: n).joined(separator: ", ") }
        let before = ticket.priority == .greenChannel
            ? "(priority = 'greenChannel' AND queue_order < ?)"
            : "(priority = 'greenChannel' OR queue_order < ?)"
        let sql = """
            SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND (? OR service_day = ?) AND id != ?
              AND ((target_window_number IS NULL AND service_id IN (\(marks(services.count)))) OR target_window_number IN (\(marks(numbers.count))))
              AND \(before)
            """
        var args: [DatabaseValueConvertible] = [keepOvernight, day, ticket.id]
        args += services as [DatabaseValueConvertible]
        args += numbers as [DatabaseValueConvertible]
        args.append(order)
        let ahead = try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0
        return TicketForecast(peopleAhead: ahead, estimatedWaitSeconds: nil)
    }

    /// The issued ticket with its forecast filled in.
    func withForecast(_ issued: IssuedTicket) throws -> IssuedTicket {
        guard issued.ticket.status == .waiting else { return issued }
        var out = issued
        let f = try forecast(ticketId: issued.ticket.id)
        out.peopleAhead = f.peopleAhead
        out.estimatedWaitSeconds = f.estimatedWaitSeconds
        return out
    }
}
