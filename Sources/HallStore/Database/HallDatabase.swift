import Foundation
import GRDB

/// Opens the hall's one SQLite file: WAL (DatabasePool), synchronous=FULL for legal records,
/// foreign keys on, and a short-step busy handler.
///
/// Why the busy callback: SQLite's default busy handler sleeps in growing steps up to 100 ms, which
/// gave a p99 of 50–230 ms with 16 callers. Polling every 0.2–1 ms keeps waits short while the
/// total patience stays ~10 s.
public enum HallDatabase {
    public static func openPool(path: String, readOnly: Bool = false) throws -> DatabasePool {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.label = "hall"
        config.busyMode = .callback { attempts in
            if attempts > 20_000 { return false }        // ~10 s: give up with SQLITE_BUSY
            usleep(attempts < 50 ? 200 : 500)
            return true
        }
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty, !readOnly {
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            return try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            let mapped = StoreError.from(error)
            if let se = mapped as? StoreError { throw StoreError.cannotOpen(path: path, reason: se.localizedDescription) }
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// A separate single connection used only to poll `PRAGMA data_version`: the counter is per
    /// connection, so it must be the same connection every time.
    public static func openWatcherConnection(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.label = "watcher"
        return try DatabaseQueue(path: path, configuration: config)
    }
}
