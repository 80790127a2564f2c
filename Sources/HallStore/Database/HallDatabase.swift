import Foundation
import GRDB

/// Opens the hall's one SQLite file: WAL (DatabasePool), synchronous=FULL for legal records,
/// foreign keys on, and a short-step busy handler.
///
/// Why the busy callback: SQLite's default busy handler sleeps in growing steps up to 100 ms and
/// starves some callers (one window got 4 calls while another got 711 in BENCHMARKS.md).
public enum HallDatabase {
    public static func openPool(path: String, readOnly: Bool = false) throws -> DatabasePool {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.label = "hall"
        // Jittered exponential backoff from 0.1 ms, capped at 2 ms: short waits stay short, many
        // waiters do not keep the 2 cores busy polling, and the jitter avoids waking in lock-step.
        config.busyMode = .callback { attempts in
            if attempts > 6_500 { return false }         // ~10 s at the 1.5 ms mean cap: SQLITE_BUSY
            let step = min(2_000.0, 100.0 * pow(1.5, Double(min(attempts, 20))))
            usleep(UInt32(step * Double.random(in: 0.5...1.0)))
            return true
        }
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            if !readOnly { try StoreFiles.prepare(path) }
            return try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            let mapped = StoreError.from(error, path: path)
            if case .diskFull? = mapped as? StoreError { throw StoreError.diskFull }
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
