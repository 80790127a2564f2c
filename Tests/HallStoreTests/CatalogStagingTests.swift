import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

/// Issue 16 defect 5 / must-deliver 6: a catalog import is staged beside the live catalog in short
/// transactions and switched in one. (The kill at any point is EndToEndTests.CatalogImportKillTests.)
final class CatalogStagingTests: XCTestCase {
    static var shipped: [Matter] { CatalogStoreTests.shipped.matters }

    private var savedBatch = HallStore.stagingBatch
    override func setUp() { savedBatch = HallStore.stagingBatch; HallStore.stagingBatch = 3 }
    override func tearDown() { HallStore.stagingBatch = savedBatch }

    /// Every matter of the shipped catalog with a longer promised limit: a new version each.
    static func changed(_ matters: [Matter]) -> [Matter] {
        matters.map { var m = $0; m.promisedLimit = TimeLimit(m.promisedLimit.value + 1); return m }
    }

    func testTheHallKeepsWritingAndReadsTheOldCatalogUntilTheSwitch() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped, bundles: [], source: "v1", by: .system("test"))
        let old = Set(try h.store.matters())
        let new = Self.changed(Self.shipped)
        var seen: [CatalogImportProgress] = []
        var ticketsDuringImport = 0
        let summary = try h.store.importCatalog(new, bundles: [], source: "v2", by: .system("test")) { p in
            seen.append(p)
            guard p.phase == .staging else { return }
            // Between two staging transactions the write lock is free and the catalog is the old one.
            XCTAssertEqual(Set((try? h.store.matters()) ?? []), old, "staged matters are invisible before the switch")
            XCTAssertNoThrow(try h.store.issueTicket(service: "A", by: h.desk))
            ticketsDuringImport += 1
        }
        XCTAssertEqual(summary.updated, new.count)
        XCTAssertEqual(Set(try h.store.matters()), Set(new.map { var m = $0; m.version = 2; return m }))
        let batches = (new.count + 2) / 3
        XCTAssertEqual(ticketsDuringImport, batches, "one ticket between each pair of staging transactions")
        XCTAssertEqual(seen.last?.phase, .switching)
        XCTAssertEqual(seen.filter { $0.phase == .staging }.map(\.staged).last, new.count)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox WHERE kind = 'reference.changed' AND entity_id = 'catalog'"), 2,
                       "the switch is one business write")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter_current"), new.count, "the old generation's map is swept")
    }

    func testASecondImportWhileOneStagesIsRefusedAndChangesNothing() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped, bundles: [], source: "v1", by: .system("test"))
        var refusal: Error?
        try h.store.importCatalog(Self.changed(Self.shipped), bundles: [], source: "v2", by: .system("test")) { p in
            guard refusal == nil, p.phase == .staging else { return }
            XCTAssertThrowsError(try h.store.importCatalog(Self.shipped.reversed(), bundles: [], source: "v3", by: .system("test"))) {
                refusal = $0
            }
        }
        guard case .catalogImportRunning(let pid)? = refusal as? StoreError else { return XCTFail("\(String(describing: refusal))") }
        XCTAssertEqual(pid, getpid())
        XCTAssertTrue(StoreError.catalogImportRunning(pid: pid).localizedDescription.contains("另一次事项目录导入正在进行"))
        XCTAssertEqual(try h.store.matters().map(\.version), Array(repeating: 2, count: Self.shipped.count))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM catalog_import WHERE source = 'v3'"), 0)
    }

    /// An import that fails after staging began (here its caller gives up halfway) leaves the
    /// live catalog whole and deletes what it had written.
    func testAnImportThatFailsHalfwayLeavesTheOldCatalogAndNoRows() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped, bundles: [], source: "v1", by: .system("test"))
        let old = try h.store.matters()
        let rowsBefore = try h.count("SELECT COUNT(*) FROM matter")
        let outboxBefore = try h.count("SELECT COUNT(*) FROM outbox")
        struct GaveUp: Error {}
        XCTAssertThrowsError(try h.store.importCatalog(Self.changed(Self.shipped), bundles: [], source: "v2", by: .system("test")) { p in
            if p.staged > Self.shipped.count / 2 { throw GaveUp() }
        }) { XCTAssertTrue($0 is GaveUp, "\($0)") }
        XCTAssertEqual(try h.store.matters(), old)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter"), rowsBefore, "staged versions deleted")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter_current"), old.count, "staged map deleted")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM catalog_import WHERE source = 'v2' AND state = 'abandoned'"), 1)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox"), outboxBefore, "no business write for it")
        // The next import numbers its versions as if the failed one had never been.
        XCTAssertEqual(try h.store.importCatalog(Self.changed(Self.shipped), bundles: [], source: "v3", by: .system("test")).changed.first,
                       "\(Self.shipped[0].code)@2")
    }

    /// A stager that died leaves rows nobody sees; the next import abandons them, deletes them,
    /// and numbers its versions as if they had never been.
    func testADeadStagersRowsAreInvisibleAndSweptByTheNextImport() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped, bundles: [], source: "v1", by: .system("test"))
        let dead = try deadPid()
        let code = Self.shipped[0].code
        // What a stager killed after its first transactions leaves: its import row and a version 2.
        try h.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO catalog_import (id, generation, base_generation, state, pid, source, started_at)
                VALUES ('dead', 99, 2, 'staging', ?, 'killed.csv', 0)
                """, arguments: [dead])
            try db.execute(sql: """
                INSERT INTO matter (id, hall_id, code, version, basic_code, name, type, implementing_body, body, content_hash,
                                    source, imported_at, import_id)
                SELECT 'staged', hall_id, code, 2, basic_code, name, type, implementing_body, '{}', 'x', 'killed.csv', 0, 'dead'
                FROM matter WHERE code = ?
                """, arguments: [code])
            try db.execute(sql: "INSERT INTO matter_current (generation, code, matter_id) VALUES (99, ?, 'staged')", arguments: [code])
        }
        XCTAssertEqual(try h.store.matter(code: code)?.version, 1)
        XCTAssertNil(try h.store.matter(code: code, version: 2), "a staged version is not part of the history")
        XCTAssertEqual(try h.store.matterVersions(code: code).map(\.version), [1])

        let s = try h.store.importCatalog(Self.changed(Self.shipped), bundles: [], source: "v2", by: .system("test"))
        XCTAssertTrue(s.changed.contains("\(code)@2"), "\(s.changed)")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter WHERE import_id = 'dead'"), 0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter_current WHERE generation = 99"), 0)
        XCTAssertEqual(try h.store.pool.read { db in try String.fetchOne(db, sql: "SELECT state FROM catalog_import WHERE id = 'dead'") },
                       "abandoned")
        // A version that was switched to is history: it cannot be deleted.
        XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: "DELETE FROM matter WHERE version = 2") })
    }

    /// A store an older yichuang left (the active flag on each version) keeps its catalog: the
    /// active versions become generation 1, the retired ones stay for the cases citing them.
    func testAnOlderStoresActiveVersionsBecomeTheLiveGeneration() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreFiles.makePrivateDirectory(dir.path)
        let path = dir.appendingPathComponent("hall.sqlite").path
        let (a, b) = (Self.shipped[0], Self.shipped[1])
        func body(_ m: Matter) throws -> String { var m = m; m.version = 0; return String(decoding: try catalogEncoder.encode(m), as: UTF8.self) }
        do {
            try StoreFiles.prepare(path)
            let old = try DatabasePool(path: path)
            let ids = Migrations.migrator().migrations
            let mine = try XCTUnwrap(ids.firstIndex(of: "v15-x16-catalog-generations"))
            try Migrations.migrator().migrate(old, upTo: ids[mine - 1])
            try old.write { db in
                try db.execute(sql: "INSERT INTO hall (id, hall_id, name, kind, time_zone, policy, created_at) VALUES ('h', 'H1', '旧大厅', 'hall', 'Asia/Shanghai', '{}', 0)")
                var changedA = a
                changedA.name += "（旧）"
                for (id, m, version, active) in [("a1", changedA, 1, 0), ("a2", a, 2, 1), ("b1", b, 1, 1)] {
                    try db.execute(sql: """
                        INSERT INTO matter (id, hall_id, code, version, basic_code, name, type, implementing_body, body, content_hash,
                                            active, source, imported_at)
                        VALUES (?, 'H1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'old.csv', 0)
                        """, arguments: [id, m.code, version, m.basicCode, m.name, m.type.rawValue, m.implementingBody,
                                         try body(m), Digest.sha256Hex(try body(m)), active])
                }
            }
            try old.close()
        }
        let store = try HallStore(path: path)   // this binary: migrates
        XCTAssertEqual(try store.matters().map { "\($0.code)@\($0.version)" }.sorted(), ["\(a.code)@2", "\(b.code)@1"].sorted())
        XCTAssertEqual(try store.matterVersions(code: a.code).map(\.name), [a.name + "（旧）", a.name])
        XCTAssertEqual(try store.matter(code: a.code)?.name, a.name)
    }

    /// A pid that belonged to a process that has exited.
    func deadPid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }
}

/// The centre's catalog arriving while a CLI import stages: the sync must not record it as a
/// problem and move its cursor past it (the catalog would never be imported), but stop and
/// carry it on the next sync.
final class CatalogStagingSyncTests: XCTestCase {
    private var savedBatch = HallStore.stagingBatch
    override func setUp() { savedBatch = HallStore.stagingBatch; HallStore.stagingBatch = 3 }
    override func tearDown() { HallStore.stagingBatch = savedBatch }

    func testTheCentresCatalogWaitsForTheNextSyncWhileAnImportStages() throws {
        let h = try TestHall()
        let shipped = CatalogStagingTests.shipped
        try h.store.importCatalog(shipped, bundles: [], source: "v1", by: .system("test"))
        var centre = shipped[0]
        centre.name += "（中心修订）"
        try h.store.pool.write { db in
            try db.execute(sql: "INSERT INTO sync_bucket (bucket, cursor, updated_at) VALUES ('catalog', 1, 0)")
            try db.execute(sql: "INSERT INTO sync_reference (bucket, entity, entity_id, version, payload) VALUES ('catalog', ?, ?, 1, ?)",
                           arguments: [ReferenceEntity.matter, centre.code, try ReferenceJSON.text(centre)])
        }
        var refused: Error?
        try h.store.importCatalog(CatalogStagingTests.changed(shipped), bundles: [], source: "cli.csv", by: .system("test")) { p in
            guard refused == nil, p.phase == .staging else { return }
            XCTAssertThrowsError(try h.store.applyPulledReference(by: .system("sync"))) { refused = $0 }
        }
        guard case .catalogImportRunning? = refused as? StoreError else { return XCTFail("\(String(describing: refused))") }
        XCTAssertEqual(try h.count("SELECT COALESCE(applied_cursor, 0) FROM sync_bucket WHERE bucket = 'catalog'"), 0,
                       "the cursor stays before the centre's catalog")
        let next = try h.store.applyPulledReference(by: .system("sync"))
        XCTAssertEqual(next.problems, [])
        XCTAssertEqual(try h.store.matter(code: centre.code)?.name, centre.name)
    }
}
