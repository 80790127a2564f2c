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
        var facts = TicketFacts(hallName: hall.name, ticketId: issued.ticket.id, number: issued.ticket.number,
                                serviceName: issued.serviceName, priority: issued.ticket.priority,
                                peopleAhead: issued.peopleAhead, issuedAt: issued.ticket.issuedAt,
                                residentId: residentId, calendar: hall.calendar)
        facts.estimatedWaitSeconds = issued.estimatedWaitSeconds
        facts.slotStart = issued.ticket.priority == .appointment ? issued.ticket.slotStart : nil
        return NoticeBuilder.queueTicket(facts)
    }

    /// The ticket again, by id, with the people ahead and the wait forecast now (for a reprint at the desk).
    public func ticketDocument(ticketId: String) throws -> Document {
        let (ticket, serviceName) = try read { db -> (Ticket, String) in
            let t = try Fetch.ticket(db, id: ticketId)
            return (t, try String.fetchOne(db, sql: "SELECT name FROM service WHERE id = ?", arguments: [t.serviceId]) ?? "")
        }
        let f = try forecast(ticketId: ticketId)
        return try ticketDocument(IssuedTicket(ticket: ticket, serviceName: serviceName, peopleAhead: f.peopleAhead,
                                               estimatedWaitSeconds: ticket.status == .waiting ? f.estimatedWaitSeconds : nil))
    }
}
