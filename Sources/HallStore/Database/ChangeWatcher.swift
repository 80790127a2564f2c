import Foundation
import GRDB

/// Notices writes by any process on the hall node by polling `PRAGMA data_version`, which SQLite
/// bumps on this connection whenever another connection commits. Cheap enough to call every 100 ms.
public final class ChangeWatcher {
    private let connection: DatabaseQueue
    private var lastVersion: Int?

    public init(path: String) throws {
        connection = try HallDatabase.openWatcherConnection(path: path)
    }

    /// True when something was committed since the previous call (the first call is always true).
    public func hasChanged() -> Bool {
        let version = try? connection.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
        guard let version else { return true }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
