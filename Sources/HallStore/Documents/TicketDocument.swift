import Foundation
import GRDB
import HallCore

extension HallStore {
    /// The paper ticket for a ticket just issued. Tickets are not numbered documents and are not
    /// stored as such: the ticket row is the record, so a ticket whose print failed is printed
    /// again from the same IssuedTicket (or from `ticketDocument(ticketId:)`), and nothing is lost.
    /// `residentId` is only for a ticket issued after an ID check, and is printed masked.
    public func ticketDocument(_ issued: IssuedTicket, residentId: String? = nil) throws -> Document {
        let hall = try hall()
        return NoticeBuilder.queueTicket(TicketFacts(hallName: hall.name, ticketId: issued.ticket.id, number: issued.ticket.number,
                                                     serviceName: issued.serviceName, priority: issued.ticket.priority,
                                                     peopleAhead: issued.peopleAhead, issuedAt: issued.ticket.issuedAt,
                                                     residentId: residentId, calendar: hall.calendar))
    }

    /// The ticket again, by id, with the people ahead counted now (for a reprint at the desk).
    public func ticketDocument(ticketId: String) throws -> Document {
        let (ticket, serviceName, ahead) = try read { db -> (Ticket, String, Int) in
            let t = try Fetch.ticket(db, id: ticketId)
            let name = try String.fetchOne(db, sql: "SELECT name FROM service WHERE id = ?", arguments: [t.serviceId]) ?? ""
            // As at issue: green-channel tickets go first, the rest by queue order; a ticket
            // already called has nobody ahead.
            let ahead = t.status != .waiting ? 0 : try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND service_id = ? AND id != ? AND service_day = ?
                  AND (priority = 'greenChannel' OR (? != 'greenChannel' AND queue_order <= ?))
                """, arguments: [t.serviceId, t.id, t.serviceDay, t.priority.rawValue,
                                 try Double.fetchOne(db, sql: "SELECT queue_order FROM ticket WHERE id = ?", arguments: [t.id])]) ?? 0
            return (t, name, ahead)
        }
        return try ticketDocument(IssuedTicket(ticket: ticket, serviceName: serviceName, peopleAhead: ahead))
    }
}
