import Foundation
import GRDB
import HallCore

/// The live state of one window, as stored in `window_state`.
struct WindowStateRow {
    var window: Window
    var status: WindowStatus
    var clerkId: String?
    var currentTicketId: String?
    var since: Date
    var signedInAt: Date?
    /// The signed-in clerk's name, for refusals that say whose window it is.
    var clerkName: String?

    static func load(_ db: Database, window number: Int) throws -> WindowStateRow {
        let w = try Fetch.window(db, number: number)
        guard let r = try db.fetchOneCached("""
            SELECT s.*, c.name AS clerk_name FROM window_state s LEFT JOIN clerk c ON c.id = s.clerk_id WHERE s.window_id = ?
            """, [w.id]) else {
            throw StoreError.noSuchWindow(number)
        }
        return WindowStateRow(window: w, status: WindowStatus(rawValue: r["status"]) ?? .signedOut,
                              clerkId: r["clerk_id"], currentTicketId: r["current_ticket_id"],
                              since: Date(timeIntervalSince1970: r["since"]),
                              signedInAt: (r["signed_in_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                              clerkName: r["clerk_name"])
    }

    func save(_ db: Database, now: Date) throws {
        try db.executeCached("""
            UPDATE window_state SET status = ?, clerk_id = ?, current_ticket_id = ?, since = ?, signed_in_at = ?
            WHERE window_id = ?
            """, [status.rawValue, clerkId, currentTicketId, since.timeIntervalSince1970, signedInAt?.timeIntervalSince1970, window.id])
    }

    /// The window must be signed in by the acting clerk, and nobody else: a script or kiosk acts
    /// with the signed-in clerk's own credentials (issue 13: anyone could call or finish at
    /// another clerk's window). Supervisors take a window over with a forced sign-out instead.
    func requireSignedIn(by attribution: Attribution) throws {
        guard status != .signedOut, let clerkId else { throw StoreError.windowNotSignedIn(window.number) }
        guard attribution.clerkId == clerkId else {
            throw AdminError.notSignedInHere(window: window.number, clerk: clerkName ?? clerkId)
        }
    }

    /// The current ticket leaves the window (finished, held, no-show, transferred). A paused
    /// window stays paused: finishing the last applicant must not reopen it for calls.
    mutating func release(now: Date) {
        currentTicketId = nil
        if status == .serving { status = .idle; since = now }
    }

    func requireServing(_ db: Database) throws -> Ticket {
        guard let id = currentTicketId else { throw StoreError.nothingBeingServed(window.number) }
        return try Fetch.ticket(db, id: id)
    }
}
