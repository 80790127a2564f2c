import Foundation
import GRDB
import HallCore
#if canImport(Glibc)
import Glibc
#endif

/// How far a catalog import has come, for the CLI's progress line (long work shows progress).
public struct CatalogImportProgress: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case staging, switching }
    public var phase: Phase
    /// Matters of the file written beside the live catalog so far.
    public var staged: Int
    public var total: Int
}

/// Issue 16, must-deliver 6: an import writes the next generation of the catalog beside the live
/// one in short transactions (`stagingBatch` matters each) and switches to it in one business
/// write that moves `catalog_state.generation`. Every process keeps reading the live generation
/// until the switch, so the hall keeps calling tickets during a 20,000-matter import, and a kill
/// at any point leaves the old catalog or the new one, never a mix. See
/// Migrations+CatalogGenerations.swift for the tables.
extension HallStore {
    /// Matters written per staging transaction. Each is one INSERT of its version row (when new
    /// or changed) and one of its map row; the JSON encoding and hashing happen before the lock.
    /// 50: in a debug build on the loaded 2-core node, 200 per batch held the lock up to 236 ms and
    /// 50 up to 83–164 ms for the same total time (BENCHMARKS.md, "Big catalog imports").
    nonisolated(unsafe) public static var stagingBatch = 50
    /// Map rows copied or deleted per transaction.
    static let mapBatch = 2000

    struct LiveMatter { let id: String; let version: Int; let hash: String }

    /// Opens an import: abandons the imports of processes that died while staging (refusing if
    /// one is still alive), allocates the next generation and records who builds it.
    func beginCatalogImport(id: String, source: String) throws -> (generation: Int, base: Int) {
        let begun = try stagingWrite { db -> (Int, Int) in
            for row in try Row.fetchAll(db, sql: "SELECT id, pid FROM catalog_import WHERE state = 'staging'") {
                let pid: Int32 = row["pid"]
                if Self.processIsAlive(pid) { throw StoreError.catalogImportRunning(pid: pid) }
                try db.execute(sql: "UPDATE catalog_import SET state = 'abandoned' WHERE id = ?", arguments: [row["id"] as String])
            }
            let base = try Int.fetchOne(db, sql: "SELECT generation FROM catalog_state WHERE id = 1") ?? 1
            let last = try Int.fetchOne(db, sql: "SELECT MAX(generation) FROM catalog_import") ?? 0
            let generation = max(base, last) + 1
            try db.execute(sql: """
                INSERT INTO catalog_import (id, generation, base_generation, state, pid, source, started_at)
                VALUES (?, ?, ?, 'staging', ?, ?, ?)
                """, arguments: [id, generation, base, getpid(), source, clock.now().timeIntervalSince1970])
            return (generation, base)
        }
        try sweepCatalogLeftovers()
        return begun
    }

    /// The live generation's matters by code, as of `generation`.
    func catalogMap(generation: Int) throws -> [String: LiveMatter] {
        try read { db in
            var out: [String: LiveMatter] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.code, m.id, m.version, m.content_hash FROM matter_current c JOIN matter m ON m.id = c.matter_id
                WHERE c.generation = ?
                """, arguments: [generation]) {
                out[row["code"]] = LiveMatter(id: row["id"], version: row["version"], hash: row["content_hash"])
            }
            return out
        }
    }

    /// Writes `matters` into generation `generation` in short transactions: a changed or new
    /// matter gets a version row (tagged with the import, so an abandoned one can be deleted);
    /// every matter gets its map row.
    func stageMatters(_ matters: [Matter], live: [String: LiveMatter], importId: String, generation: Int, source: String,
                      hallId: String, summary: inout ImportSummary, progress: ((CatalogImportProgress) throws -> Void)?) throws {
        let at = clock.now().timeIntervalSince1970
        var done = 0
        for start in stride(from: 0, to: matters.count, by: Self.stagingBatch) {
            let batch = matters[start..<min(start + Self.stagingBatch, matters.count)]
            let prepared = try batch.map { matter -> (Matter, String, String) in
                var m = matter
                m.version = 0
                let body = String(decoding: try catalogEncoder.encode(m), as: UTF8.self)
                return (m, body, Digest.sha256Hex(body))
            }
            var s = summary
            try stagingWrite { db in
                try Self.requireStaging(db, importId: importId)
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO matter (id, hall_id, code, version, basic_code, name, type, implementing_body, promised_working_days,
                                        body, content_hash, source, imported_at, import_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let map = try db.cachedStatement(sql: "INSERT INTO matter_current (generation, code, matter_id) VALUES (?, ?, ?)")
                let maxVersion = try db.cachedStatement(sql: "SELECT MAX(version) FROM matter WHERE code = ?")
                for (m, body, hash) in prepared {
                    let version: Int
                    if let old = live[m.code] {
                        if old.hash == hash {
                            try map.execute(arguments: [generation, m.code, old.id])
                            s.unchanged += 1
                            continue
                        }
                        version = old.version + 1
                        s.updated += 1
                    } else {
                        version = (try Int.fetchOne(maxVersion, arguments: [m.code]) ?? 0) + 1
                        s.added += 1
                    }
                    let id = newId()
                    try insert.execute(arguments: [id, hallId, m.code, version, m.basicCode, m.name, m.type.rawValue,
                                                   m.implementingBody, m.promisedWorkingDays, body, hash, source, at, importId])
                    try map.execute(arguments: [generation, m.code, id])
                    s.changed.append("\(m.code)@\(version)")
                }
            }
            summary = s
            done += batch.count
            try progress?(CatalogImportProgress(phase: .staging, staged: done, total: matters.count))
            pauseForTests()
        }
    }

    /// Matters of the live catalog the file does not mention stay as they are: their map rows are
    /// carried into the new generation.
    func carryUnmentioned(_ codes: [String], live: [String: LiveMatter], importId: String, generation: Int) throws {
        for start in stride(from: 0, to: codes.count, by: Self.mapBatch) {
            let batch = codes[start..<min(start + Self.mapBatch, codes.count)]
            try stagingWrite { db in
                try Self.requireStaging(db, importId: importId)
                let map = try db.cachedStatement(sql: "INSERT INTO matter_current (generation, code, matter_id) VALUES (?, ?, ?)")
                for code in batch { try map.execute(arguments: [generation, code, live[code]!.id]) }
            }
            pauseForTests()
        }
    }

    /// Inside the switch: the live generation must still be the one this import started from
    /// (else another import switched meanwhile and this one would undo it), and the import must
    /// still be ours to switch.
    static func switchGeneration(_ db: Database, importId: String, generation: Int, base: Int, at: Date) throws {
        try requireStaging(db, importId: importId)
        guard try Int.fetchOne(db, sql: "SELECT generation FROM catalog_state WHERE id = 1") == base else {
            throw StoreError.catalogChangedDuringImport
        }
        try db.execute(sql: "UPDATE catalog_state SET generation = ? WHERE id = 1", arguments: [generation])
        try db.execute(sql: "UPDATE catalog_import SET state = 'switched', switched_at = ? WHERE id = ?",
                       arguments: [at.timeIntervalSince1970, importId])
    }

    /// An import that fails or is refused after it began: its rows go, the live catalog stays.
    func abandonCatalogImport(_ importId: String) {
        _ = try? stagingWrite { db in
            try db.execute(sql: "UPDATE catalog_import SET state = 'abandoned' WHERE id = ? AND state = 'staging'", arguments: [importId])
        }
        try? sweepCatalogLeftovers()
    }

    /// Deletes, a batch per transaction, the version rows and map rows of abandoned imports and
    /// the map rows of generations older than the live one. Leftovers of a killed import are
    /// invisible (no live map row points at them), so this may run late without harm.
    func sweepCatalogLeftovers() throws {
        let statements = [
            """
            DELETE FROM matter WHERE id IN (SELECT m.id FROM catalog_import i JOIN matter m ON m.import_id = i.id
                                            WHERE i.state = 'abandoned' LIMIT \(Self.mapBatch / 4))
            """,
            """
            DELETE FROM matter_current WHERE (generation, code) IN (
                SELECT c.generation, c.code FROM matter_current c
                WHERE c.generation < (SELECT generation FROM catalog_state WHERE id = 1)
                   OR c.generation IN (SELECT generation FROM catalog_import WHERE state = 'abandoned')
                LIMIT \(Self.mapBatch))
            """,
        ]
        for sql in statements {
            while try stagingWrite({ db in try db.execute(sql: sql); return db.changesCount }) > 0 {}
        }
    }

    static func requireStaging(_ db: Database, importId: String) throws {
        guard try String.fetchOne(db, sql: "SELECT state FROM catalog_import WHERE id = ?", arguments: [importId]) == "staging" else {
            throw StoreError.catalogChangedDuringImport
        }
    }

    /// A short IMMEDIATE transaction in the writers' turn order, with no outbox or audit entry:
    /// what it writes is invisible to the hall until the switch (which is a business write).
    func stagingWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try inTurn {
                    var result: T?
                    try db.inTransaction(.immediate) { result = try body(db); return .commit }
                    return result!
                }
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Test hook: YICHUANG_TEST_PAUSE_IN_IMPORT_MS sleeps between staging transactions, so a test
    /// can SIGKILL an import while it stages. Never set in production.
    func pauseForTests() {
        if let ms = Int(ProcessInfo.processInfo.environment["YICHUANG_TEST_PAUSE_IN_IMPORT_MS"] ?? ""), ms > 0 {
            usleep(UInt32(ms) * 1000)
        }
    }
}
