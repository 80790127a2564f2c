import Foundation
import GRDB
import HallCore

extension HallStore {
    /// The clerk signed in at a window, for trusted in-process code (the benchmarks) that works a
    /// window without the clerk's PIN. The CLI does not use it: it asks for the clerk's own 工号
    /// and PIN (`authenticate`), since anyone could otherwise act at any window (issue 13).
    public func attribution(forWindow number: Int, terminal: String) throws -> Attribution {
        try read { db in
            let s = try WindowStateRow.load(db, window: number)
            guard s.status != .signedOut, let id = s.clerkId else { throw StoreError.windowNotSignedIn(number) }
            let clerkNumber = try String.fetchOne(db, sql: "SELECT number FROM clerk WHERE id = ?", arguments: [id])
            return Attribution(clerkId: id, clerkNumber: clerkNumber, terminal: terminal)
        }
    }
}
