import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension StoreBackup {
    /// What a restore did, for the Chinese account the CLI prints.
    public struct RestoreOutcome: Sendable {
        /// The backup as checked before it was used, and the store as checked after.
        public var backup: Report
        public var restored: Report
        /// Where the store that was replaced was saved first (nil: there was none).
        public var savedCurrent: String?
        /// Audit entries of the replaced store made after the backup's last one: the operations a
        /// restore takes away from this node (those already synced are still at the centre).
        public var lostAuditEntries: Int
    }

    /// Replaces the store at `storePath` with the backup at `source`. Refused, with nothing
    /// changed, when the backup fails its checks or belongs to another hall. The current store is
    /// first saved beside itself (`<store>.before-restore-<time>.bak`). The pages go through
    /// SQLite's backup API into the store, so a process that has it open sees the restored store
    /// (it polls data_version) instead of a file swapped from under it.
    public static func restore(from source: String, to storePath: String, now: Date = Date()) throws -> RestoreOutcome {
        let backup = try check(source)
        guard backup.passed else {
            throw StoreError.invalidInput("\(source) 不能用于恢复，数据库未作改动：" + backup.problems.joined(separator: "；"))
        }
        let sourceQueue: DatabaseQueue
        do {
            var config = Configuration()
            config.readonly = true
            config.label = "restore-source"
            sourceQueue = try DatabaseQueue(path: source, configuration: config)
        } catch { throw StoreError.from(error, path: source) }

        var saved: String?
        var lost = 0
        var st = stat()
        if stat(storePath, &st) == 0, st.st_size > 0 {
            let current = try HallStore(path: storePath)
            let (hallId, newer) = try current.pool.read { db -> (String?, Int) in
                let id = try String.fetchOne(db, sql: "SELECT hall_id FROM hall LIMIT 1")
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE at > ?",
                                         arguments: [backup.lastAuditAt?.timeIntervalSince1970 ?? 0]) ?? 0
                return (id, n)
            }
            if let hallId, hallId != backup.hallId {
                throw StoreError.invalidInput("备份 \(source) 属于大厅“\(backup.hallName)”（\(backup.hallId)），不是本节点的大厅（\(hallId)），未恢复："
                    + "如确要在本机改用另一个大厅的数据，请先把 \(storePath) 移走再恢复")
            }
            lost = newer
            let keep = "\(storePath).before-restore-\(stamp(now)).bak"
            try write(from: current.pool, to: keep)
            saved = keep
            do { try sourceQueue.backup(to: current.pool) } catch { throw StoreError.from(error, path: storePath) }
        } else {
            // No store (a new disk): the backup becomes it.
            try StoreFiles.prepare(storePath)
            do {
                let fresh = try DatabaseQueue(path: storePath)
                try sourceQueue.backup(to: fresh)
                try fresh.close()
            } catch { throw StoreError.from(error, path: storePath) }
        }
        try sourceQueue.close()
        // Opening it as a store puts it back in WAL mode and brings an older backup's schema up
        // to this binary's (taking the pre-migration backup on the way).
        _ = try HallStore(path: storePath)
        let restored = try check(storePath)
        return RestoreOutcome(backup: backup, restored: restored, savedCurrent: saved, lostAuditEntries: lost)
    }
}
