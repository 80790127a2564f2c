import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension Migrations {
    /// Brings the store to this binary's schema, once, whatever number of processes start at the
    /// same moment after an upgrade.
    ///
    /// Why a lock file: GRDB runs each migration in its own transaction after reading which ones
    /// are applied, so two processes both saw `v…` missing and the second failed with `duplicate
    /// column name`. An exclusive `flock` on `<store>.lock` around the whole run makes the others
    /// wait and then find nothing left to do. An up-to-date store is checked without the lock.
    static func bringUpToDate(_ pool: DatabasePool, path: String, readOnly: Bool) throws {
        let migrator = migrator()
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
        if readOnly { return }
        if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: "无法创建升级锁文件 \(path).lock：\(String(cString: strerror(errno)))")
        }
        defer { close(lock) }   // closing releases the lock, also when a migration throws
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw StoreError.cannotOpen(path: path, reason: "无法锁定 \(path).lock：\(String(cString: strerror(errno)))")
            }
        }
        // Another process may have upgraded the store, to a newer schema even, while we waited.
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
        try backUpBeforeUpgrade(pool, migrator: migrator, path: path)
        try migrator.migrate(pool)
    }

    /// A store that already holds a hall's records gets a checked copy before its schema changes,
    /// so an upgrade that goes wrong (a migration's bug, a full disk midway) loses nothing:
    /// `<store>.before-<last applied migration>-<time>.bak`, restored with `yichuang restore`.
    /// A new store (nothing applied yet) has nothing to keep. Without a good copy, no upgrade.
    static func backUpBeforeUpgrade(_ pool: DatabasePool, migrator: DatabaseMigrator, path: String) throws {
        let (applied, complete) = try pool.read { db in
            (try migrator.appliedIdentifiers(db), try migrator.hasCompletedMigrations(db))
        }
        guard !applied.isEmpty, !complete, let last = migrator.migrations.last(where: applied.contains) else { return }
        var copy = "\(path).before-\(last)-\(StoreBackup.stamp(Date())).bak"
        var st = stat()
        if lstat(copy, &st) == 0 { copy = "\(path).before-\(last)-\(StoreBackup.stamp(Date()))-\(getpid()).bak" }   // a retry within the second
        do {
            try StoreBackup.write(from: pool, to: copy)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "升级数据库结构前的备份 \(copy) 未能写出（\(error.localizedDescription)），数据库未升级：请腾出磁盘空间后重试")
        }
    }
}
