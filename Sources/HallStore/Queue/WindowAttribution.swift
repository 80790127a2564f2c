import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Who acts when a script or kiosk works a window: the clerk signed in at it, so the event
    /// log, the per-clerk report and ratings count the action for that clerk (a CLI call used to
    /// count for nobody). The action itself still checks the sign-in inside its transaction.
    public func attribution(forWindow number: Int, terminal: String) throws -> Attribution {
        try read { db in
            let s = try WindowStateRow.load(db, window: number)
            guard s.status != .signedOut, let id = s.clerkId else { throw StoreError.windowNotSignedIn(number) }
            let clerkNumber = try String.fetchOne(db, sql: "SELECT number FROM clerk WHERE id = ?", arguments: [id])
            return Attribution(clerkId: id, clerkNumber: clerkNumber, terminal: terminal)
        }
    }
}
