import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Copies of the live store, and restores from them, through SQLite's online backup API.
///
/// Why the backup API rather than copying the file: other processes keep writing through the WAL
/// while the hall is open; a file copy can catch the database and its -wal at different moments.
/// The backup API copies every page inside one read transaction, so the copy is the store as of
/// one instant, and a restore writes through SQLite's own locks into a file others may have open.
public enum StoreBackup {
    /// What a check of a copy found. `problems` are Chinese sentences; none means it passed.
    public struct Report: Sendable, Equatable {
        public var path: String
        public var hallId: String
        public var hallName: String
        public var auditEntries: Int
        public var lastAuditAt: Date?
        public var tickets: Int
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }

        /// One line for the CLI: what the copy holds and that it was checked.
        public var summary: String {
            let last = lastAuditAt.map { "，最后一条记于 \(StoreBackup.localTime($0))" } ?? ""
            return "大厅“\(hallName)”，审计日志 \(auditEntries) 条\(last)，号票 \(tickets) 张"
        }
    }

    /// Writes a copy of `source` to `destination`: one self-contained file (journal mode DELETE,
    /// no -wal beside it), mode 0600, synced, and given its name only when complete, so a copy cut
    /// short by a full USB stick or a power cut never passes for a backup. Never overwrites.
    public static func write(from source: some DatabaseReader, to destination: String) throws {
        var st = stat()
        if lstat(destination, &st) == 0 { throw StoreError.invalidInput("备份文件 \(destination) 已存在，未覆盖：请换一个文件名") }
        let dir = (destination as NSString).deletingLastPathComponent
        if !dir.isEmpty { try StoreFiles.makePrivateDirectory(dir) }
        let partial = destination + ".partial-\(getpid())"
        for f in StoreFiles.companions(of: partial) { unlink(f) }
        defer { for f in StoreFiles.companions(of: partial) { unlink(f) } }
        try StoreFiles.prepare(partial)   // 0600 before SQLite writes a page
        do {
            var config = Configuration()
            config.label = "backup"
            let copy = try DatabaseQueue(path: partial, configuration: config)
            try source.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try copy.close()
        } catch {
            throw describeWriteFailure(error, destination: destination)
        }
        guard rename(partial, destination) == 0 else {
            throw StoreError.ioError("无法把备份命名为 \(destination)：\(String(cString: strerror(errno)))")
        }
        syncDirectory(dir.isEmpty ? "." : dir)
    }

    private static func describeWriteFailure(_ error: Error, destination: String) -> Error {
        if case .diskFull? = StoreError.from(error, path: destination) as? StoreError {
            return StoreError.invalidInput("备份目标 \(destination) 所在磁盘已满，备份未完成（未留下不完整的文件）")
        }
        if let e = error as? StoreError { return e }
        return StoreError.ioError("写备份 \(destination) 失败：\((error as? DatabaseError)?.message ?? "\(error)")")
    }

    private static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Opens the file at `path` read-only and checks it as a store: an SQLite file, a yichuang
    /// store with a hall, not from a newer yichuang, `PRAGMA integrity_check`, the audit chain and
    /// every ledger check `doctor` makes. Throws only when the file cannot be read at all.
    public static func check(_ path: String) throws -> Report {
        var report = Report(path: path, hallId: "", hallName: "", auditEntries: 0, lastAuditAt: nil, tickets: 0, problems: [])
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw StoreError.invalidInput("无法读取 \(path)：\(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError.invalidInput("\(path) 不是普通文件") }
        guard hasSQLiteHeader(path) else {
            report.problems.append("\(path) 不是 SQLite 数据库文件，更不是一窗的数据库")
            return report
        }
        let store: HallStore
        do { store = try HallStore(path: path, readOnly: true) } catch {
            report.problems.append("\(path) 无法作为一窗的数据库打开：\(error.localizedDescription)")
            return report
        }
        let facts: (hall: Row?, audit: Int, last: Double?, tickets: Int)
        do {
            facts = try store.pool.read { db in
                guard try db.tableExists("hall"), try db.tableExists("audit_entry"), try db.tableExists("ticket") else {
                    return (nil, 0, nil, 0)
                }
                return (try Row.fetchOne(db, sql: "SELECT hall_id, name FROM hall LIMIT 1"),
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0,
                        try Double.fetchOne(db, sql: "SELECT MAX(at) FROM audit_entry"),
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0)
            }
        } catch {
            report.problems.append("\(path) 无法读取：\(error.localizedDescription)")
            return report
        }
        guard let hall = facts.hall else {
            report.problems.append("\(path) 是 SQLite 数据库，但不是一窗的大厅数据库（没有大厅）")
            return report
        }
        report.hallId = hall["hall_id"]; report.hallName = hall["name"]
        report.auditEntries = facts.audit; report.tickets = facts.tickets
        report.lastAuditAt = facts.last.map { Date(timeIntervalSince1970: $0) }
        do {
            let v = try store.verify()
            if v.integrity != "ok" { report.problems.append("SQLite 完整性检查未通过：\(v.integrity)") }
            if let seq = v.audit.firstBrokenSeq { report.problems.append("审计日志哈希链在第 \(seq) 条断开") }
            for c in try store.ledgerChecks() {
                if let bad = c.firstBad { report.problems.append("\(c.name)：不符，第一处：\(bad)") }
            }
        } catch {
            report.problems.append("检查 \(path) 时出错：\(error.localizedDescription)")
        }
        return report
    }

    static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return (try? h.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }

    static func localTime(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }

    /// `yyyyMMdd-HHmmss` in Beijing time, for backup file names (sorts by time).
    public static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: date)
    }
}
