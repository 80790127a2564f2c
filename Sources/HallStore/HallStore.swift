import Foundation
import GRDB
import HallCore

/// The hall node's case store: one SQLite file shared by every yichuang process on the node.
public final class HallStore: @unchecked Sendable {
    public let path: String
    /// The database and the clock are the store's own: front ends and the CLI go through its
    /// operations (and `currentTime()`), so a screen cannot write around the roles and the audit.
    /// Benchmarks and tests that need raw SQL opt in with `@_spi(StoreInternals) import HallStore`.
    @_spi(StoreInternals) public let pool: DatabasePool
    @_spi(StoreInternals) public let clock: Clock
    /// Test hook: milliseconds to sleep inside a call-next transaction, so a test can SIGKILL a
    /// caller mid-transaction. Read from YICHUANG_TEST_PAUSE_IN_CALL_MS; never set in production.
    /// Store files other users can read and this user could not tighten (see StoreFiles.tighten).
    public let permissionWarnings: [String]
    var pauseInCallMilliseconds: Int = Int(ProcessInfo.processInfo.environment["YICHUANG_TEST_PAUSE_IN_CALL_MS"] ?? "") ?? 0
    /// Writers take the write lock in turn (see `WriterTurns`); nil for a read-only store or when
    /// the side file cannot be made. Settable so the benchmark can compare with polling alone.
    public var writesInTurn: Bool {
        get { writerTurns != nil }
        set { writerTurns = newValue && !readOnly ? WriterTurns(storePath: path) : nil }
    }
    var writerTurns: WriterTurns?
    let readOnly: Bool

    public init(path: String, clock: Clock = SystemClock(), readOnly: Bool = false) throws {
        self.path = path
        self.clock = clock
        self.readOnly = readOnly
        permissionWarnings = StoreFiles.tighten(path)
        pool = try HallDatabase.openPool(path: path, readOnly: readOnly)
        do { try Migrations.bringUpToDate(pool, path: path, readOnly: readOnly) } catch { throw StoreError.from(error, path: path) }
        writerTurns = readOnly ? nil : WriterTurns(storePath: path)
    }

    /// True once a hall has been set up in this store.
    public func isInitialized() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hall") ?? 0 > 0 }
    }

    public func hall() throws -> HallInfo {
        try read { db in try HallInfo.load(db, path: self.path) }
    }

    // MARK: transactions

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.from(error, path: path) }
    }

    /// One business write in one IMMEDIATE transaction (so concurrent callers across processes are
    /// serialized before they read the queue). The body must record an outbox operation and an
    /// audit entry; if it does not, nothing is committed.
    public func perform<T>(_ by: Attribution, _ body: (BusinessTransaction, HallInfo) throws -> T) throws -> T {
        // Inside `applyConfiguration`: join its transaction (see JoinedTransaction).
        if let joined = JoinedTransaction.current, joined.store == ObjectIdentifier(self) {
            return try body(joined.tx, try HallInfo.load(joined.tx.db, path: path))
        }
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try inTurn { try db.inTransaction(.immediate) {
                    let hall = try HallInfo.load(db, path: self.path)
                    let now = self.clock.now()
                    let tx = BusinessTransaction(db: db, attribution: by, now: now, hallId: hall.hallId,
                                                 serviceDay: hall.calendar.dayKey(now))
                    try DayClose.closeOverdueDay(tx, hall: hall, store: self)   // 日结 a day nobody closed (issue 13)
                    result = try body(tx, hall)
                    guard tx.outboxCount > 0, tx.auditCount > 0 else {
                        throw StoreError.internalError("business write without outbox and audit entries")
                    }
                    return .commit
                } }
                return result!
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Waits for this process's turn at the write lock (see `WriterTurns`).
    func inTurn<T>(_ body: () throws -> T) throws -> T {
        guard let writerTurns else { return try body() }
        return try writerTurns.inTurn(body)
    }
}

/// The hall row plus derived settings, read at the start of every transaction so a policy change
/// made by one process applies to the next operation in every process.
public struct HallInfo: Sendable, Equatable {
    public var hallId: String
    public var name: String
    public var kind: String
    public var policy: QueuePolicy
    public var calendar: HallCalendar

    public static func == (a: HallInfo, b: HallInfo) -> Bool {
        a.hallId == b.hallId && a.name == b.name && a.kind == b.kind && a.policy == b.policy
            && a.calendar.timeZone == b.calendar.timeZone
    }

    static func load(_ db: Database, path: String) throws -> HallInfo {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM hall LIMIT 1")) else {
            throw StoreError.notInitialized(path: path)
        }
        return try cache.info(for: row)
    }

    /// Decoding the policy JSON and looking up the time zone on every write showed up inside the
    /// write lock; the row is still read every time (so changes apply at once), the decoding is not.
    static let cache = HallInfoCache()

    /// A policy or time zone that cannot be read is reported: read as the defaults, a hall's own
    /// recall limit, no-show rule and hours would be replaced without a word. (Missing keys are
    /// not damage: the policy decodes them as their defaults.)
    static func decode(_ row: Row) throws -> HallInfo {
        let policyText: String = row["policy"]
        let hallId: String = row["hall_id"]
        guard let policy = try? JSONDecoder().decode(QueuePolicy.self, from: Data(policyText.utf8)) else {
            throw StoreError.corruptRow(table: "hall", id: hallId, column: "policy", value: String(policyText.prefix(60)))
        }
        let zone: String = row["time_zone"]
        guard let tz = TimeZone(identifier: zone) else {
            throw StoreError.corruptRow(table: "hall", id: hallId, column: "time_zone", value: zone)
        }
        return HallInfo(hallId: row["hall_id"], name: row["name"], kind: row["kind"], policy: policy,
                        calendar: HallCalendar(timeZone: tz))
    }
}

final class HallInfoCache: @unchecked Sendable {
    private let lock = NSLock()
    private var key: [String] = []
    private var value: HallInfo?

    func info(for row: Row) throws -> HallInfo {
        let k: [String] = [row["hall_id"], row["name"], row["kind"], row["time_zone"], row["policy"]]
        lock.lock(); defer { lock.unlock() }
        if k == key, let value { return value }
        let v = try HallInfo.decode(row)
        key = k
        value = v
        return v
    }
}

extension HallStore {
    /// The store's time (a test clock in tests, the system clock otherwise): the day and the
    /// checks of what a front end shows must be the same as the store's.
    public func currentTime() -> Date { clock.now() }

    /// 备份: a consistent copy of the live store, written while windows keep calling.
    public func backup(to destination: String) throws {
        try StoreBackup.write(from: pool, to: destination)
    }
}
