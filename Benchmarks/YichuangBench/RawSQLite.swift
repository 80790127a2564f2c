import Foundation
import GRDBSQLite

/// The baseline queue: the sqlite3 C API with nothing on top (no GRDB, no audit, no outbox).
/// Same file settings as the hall store: WAL, synchronous=FULL, and a busy timeout
/// (SQLite's default busy handler, i.e. the growing sleeps).
final class RawSQLite {
    let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let handle else {
            fatalError("cannot open \(path)")
        }
        db = handle
        sqlite3_busy_timeout(db, 10_000)
        exec("PRAGMA journal_mode = WAL")
        exec("PRAGMA synchronous = FULL")
    }

    deinit {
        for s in statements.values { sqlite3_finalize(s) }
        sqlite3_close(db)
    }

    /// Runs SQL; returns the SQLite result code (callers retry on SQLITE_BUSY).
    @discardableResult
    func exec(_ sql: String) -> Int32 {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &err)
        if rc != SQLITE_OK && rc != SQLITE_BUSY { fatalError("\(sql): \(err.map { String(cString: $0) } ?? "\(rc)")") }
        sqlite3_free(err)
        return rc
    }

    private func prepared(_ sql: String) -> OpaquePointer {
        if let s = statements[sql] { sqlite3_reset(s); sqlite3_clear_bindings(s); return s }
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK, let s else { fatalError(String(cString: sqlite3_errmsg(db))) }
        statements[sql] = s
        return s
    }

    /// Steps a statement once with text/int arguments; returns (rc, first column as text if a row).
    func step(_ sql: String, _ args: [Any] = []) -> (Int32, String?) {
        let s = prepared(sql)
        for (i, a) in args.enumerated() {
            switch a {
            case let v as Int: sqlite3_bind_int64(s, Int32(i + 1), Int64(v))
            case let v as Double: sqlite3_bind_double(s, Int32(i + 1), v)
            case let v as String: sqlite3_bind_text(s, Int32(i + 1), v, -1, transient)
            default: fatalError("unsupported argument")
            }
        }
        let rc = sqlite3_step(s)
        let text = rc == SQLITE_ROW ? sqlite3_column_text(s, 0).map { String(cString: $0) } : nil
        if rc == SQLITE_ROW { while sqlite3_step(s) == SQLITE_ROW {} }
        sqlite3_reset(s)
        return (rc, text)
    }

    /// BEGIN IMMEDIATE … COMMIT around `body`, retrying the BEGIN if even the busy timeout ran out.
    func immediate<T>(_ body: () -> T) -> (T, busyRetries: Int) {
        var retries = 0
        while step("BEGIN IMMEDIATE").0 == SQLITE_BUSY { retries += 1 }
        let result = body()
        while step("COMMIT").0 == SQLITE_BUSY { retries += 1 }
        return (result, retries)
    }

    // MARK: the baseline queue table

    /// A table shaped like `ticket` where it matters for calling: status + order index.
    static func createQueue(path: String, tickets: Int) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let raw = RawSQLite(path: path)
        raw.exec("""
            CREATE TABLE ticket (id TEXT PRIMARY KEY, status TEXT NOT NULL, service_id TEXT NOT NULL,
                                 queue_order REAL NOT NULL, window_number INTEGER, called_at REAL, finished_at REAL);
            CREATE INDEX ticket_queue ON ticket (status, queue_order);
            """)
        raw.exec("""
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < \(tickets))
            INSERT INTO ticket (id, status, service_id, queue_order) SELECT lower(hex(randomblob(16))), 'waiting', 'A', i FROM c
            """)
    }

    /// Takes the next waiting row (the brief's baseline statement), then finishes it in a second
    /// transaction, mirroring yichuang's call + finish. Returns the id, or nil when empty.
    func callNext(window: Int) -> (id: String?, retries: Int) {
        let (id, retries) = immediate { () -> String? in
            step("""
                UPDATE ticket SET status = 'serving', window_number = ?, called_at = ?
                WHERE id = (SELECT id FROM ticket WHERE status = 'waiting' ORDER BY queue_order LIMIT 1) RETURNING id
                """, [window, Date().timeIntervalSince1970]).1
        }
        return (id, retries)
    }

    /// The same work in one transaction per ticket: finish the previous row (if any) and take the
    /// next, as `HallStore.finishAndCallNext` does. One commit per ticket: the commit floor of the
    /// folded loop on this disk.
    func finishAndCallNext(previous: String?, window: Int) -> (id: String?, retries: Int) {
        let (id, retries) = immediate { () -> String? in
            if let previous {
                _ = step("UPDATE ticket SET status = 'finished', finished_at = ? WHERE id = ?", [Date().timeIntervalSince1970, previous])
            }
            return step("""
                UPDATE ticket SET status = 'serving', window_number = ?, called_at = ?
                WHERE id = (SELECT id FROM ticket WHERE status = 'waiting' ORDER BY queue_order LIMIT 1) RETURNING id
                """, [window, Date().timeIntervalSince1970]).1
        }
        return (id, retries)
    }

    func finish(id: String) -> Int {
        immediate { _ = step("UPDATE ticket SET status = 'finished', finished_at = ? WHERE id = ?", [Date().timeIntervalSince1970, id]) }.busyRetries
    }
}
