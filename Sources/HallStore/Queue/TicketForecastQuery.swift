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
        let day = hall.calendar.dayKey(now)
        let waiting = try Row.fetchAll(db, sql: "SELECT t.*, t.rowid AS rid FROM ticket t WHERE status = 'waiting' AND (? OR service_day = ?)",
                                       arguments: [hall.policy.keepQueueOvernight, day]).map(QueueEntry.init(row:))
        var loads: [WindowLoad] = []
        for w in try Fetch.windows(db) {
            let s = try WindowStateRow.load(db, window: w.number)
            let current = try s.currentTicketId.map { try Fetch.ticket(db, id: $0) }
            loads.append(WindowLoad(window: w, isOpen: s.status == .idle || s.status == .serving,
                                    servingSince: current?.calledAt, servingServiceId: current?.serviceId))
        }
        let today = QueueMetrics.report(events: try events(db, fromDay: day, toDay: day), targetWaitSeconds: [:], until: now,
                                       calendar: hall.calendar, countOpenService: false)
        return QueueForecast.forecast(for: ticket, waiting: waiting, windows: loads,
                                      serviceSeconds: today.services.compactMapValues(\.averageServiceSeconds), now: now)
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
