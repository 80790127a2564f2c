import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Each window's status (signed out, idle, serving, paused) by number: the transfer menu warns
    /// about a window nobody is signed in at. One read, no metrics.
    public func windowStatusByNumber() throws -> [Int: WindowStatus] {
        try read { db in
            var out: [Int: WindowStatus] = [:]
            for w in try Fetch.windows(db) { out[w.number] = try WindowStateRow.load(db, window: w.number).status }
            return out
        }
    }
}
