import Foundation
import GRDB
import HallCore

extension BusinessTransaction {
    /// Opens the rating invitation for a finished service event at a window, inside the same
    /// transaction as the finish, so the pad learns of it with the same data_version change.
    /// A ticket whose case already invited a rating (an immediately completed case) is not
    /// invited twice: 一次一评.
    func inviteRating(window: Int, ticket: Ticket?, caseId: String?, caseNumber: String?, matter: String?) throws {
        if let t = ticket, caseId == nil,
           try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM rating_invitation WHERE ticket_id = ?)"), arguments: [t.id]) == true {
            return
        }
        let policy = try HallStore.ratingPolicy(db)
        var serviceName: String?
        if let sid = ticket?.serviceId { serviceName = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM service WHERE id = ?"), arguments: [sid]) }
        var matterText = matter
        if matterText == nil, let t = ticket {
            // A case opened for this ticket names the matter better than the queue category.
            matterText = try String.fetchOne(db.cachedStatement(sql: "SELECT matters FROM case_file WHERE ticket_id = ? ORDER BY created_at DESC LIMIT 1"),
                                             arguments: [t.id])
                .flatMap { try? JSONDecoder().decode([CaseMatter].self, from: Data($0.utf8)) }
                .map { $0.map(\.name).joined(separator: "、") }
        }
        let id = newId()
        let expires = now.addingTimeInterval(TimeInterval(policy.timeoutSeconds))
        try db.executeCached("""
            INSERT INTO rating_invitation (id, hall_id, window_number, ticket_id, ticket_number, case_id, case_number, service_id, service_name, matter, clerk_id, clerk_number, created_at, expires_at, service_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, hallId, window, ticket?.id, ticket?.number, caseId, caseNumber, ticket?.serviceId, serviceName, matterText,
                  attribution.clerkId, attribution.clerkNumber, now.timeIntervalSince1970, expires.timeIntervalSince1970, serviceDay])
        struct Payload: Encodable { let id: String; let window: Int; let ticket: String?; let caseNumber: String? }
        try outbox(.ratingInvited, entityId: id, payload: Payload(id: id, window: window, ticket: ticket?.number, caseNumber: caseNumber))
        try audit(action: "rating.invited", entity: "rating_invitation", entityId: id,
                  detail: "\(window)号窗口邀请评价 \(ticket?.number ?? caseNumber ?? "")")
    }
}

extension BusinessTransaction {
    /// 办结 of a promised case invites its rating at the completing window: the one named, else
    /// the window where the acting clerk is signed in. A case completed away from any window
    /// (back office, a script) invites nothing: nobody is there to rate it. 一次一评 holds:
    /// - a case is invited once;
    /// - a visit is invited once: the ticket being served carries the invitation, so finishing it
    ///   afterwards does not invite again, and a ticket that already invited (a 即办件 in the same
    ///   visit) is not invited a second time;
    /// - when the visit's ticket was finished first and its invitation is still on the pad, the
    ///   completion belongs to that visit and does not supersede it.
    /// Returns whether an invitation was opened.
    @discardableResult
    func inviteRatingForCompletion(caseId: String, caseNumber: String, matter: String, window explicit: Int?) throws -> Bool {
        var number = explicit
        if number == nil, let clerk = attribution.clerkId {
            number = try Int.fetchOne(db, sql: """
                SELECT w.number FROM window_state s JOIN hall_window w ON w.id = s.window_id WHERE s.clerk_id = ? AND s.status != 'signedOut'
                """, arguments: [clerk])
        }
        guard let window = number else { return false }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rating_invitation WHERE case_id = ?)", arguments: [caseId]) == true { return false }
        let ticket = try WindowStateRow.load(db, window: window).currentTicketId.map { try Fetch.ticket(db, id: $0) }
        if let t = ticket {
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rating_invitation WHERE ticket_id = ?)", arguments: [t.id]) == true { return false }
        } else if let pending = try HallStore.pendingInvitation(db, window: window, now: now), pending.caseNumber == nil {
            return false
        }
        try inviteRating(window: window, ticket: ticket, caseId: caseId, caseNumber: caseNumber, matter: matter)
        return true
    }
}

extension HallStore {
    /// The event the pad at this window may rate now: the newest invitation there, if it is not
    /// rated and not past its time. A newer finish supersedes an older unrated invitation.
    public func pendingInvitation(window: Int) throws -> RatingInvitation? {
        try read { db in try Self.pendingInvitation(db, window: window, now: clock.now()) }
    }

    static func pendingInvitation(_ db: Database, window: Int, now: Date) throws -> RatingInvitation? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT i.*, (SELECT COUNT(*) FROM rating WHERE invitation_id = i.id) AS rated
            FROM rating_invitation i WHERE window_number = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [window]) else { return nil }
        let inv = RatingInvitation(row: r)
        guard (r["rated"] as Int) == 0, now < inv.expiresAt else { return nil }
        return inv
    }
}
