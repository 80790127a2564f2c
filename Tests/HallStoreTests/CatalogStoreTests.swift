import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

final class CatalogStoreTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/data").standardizedFileURL
    static let shipped = try! CatalogImport.parse(Data(contentsOf: data.appendingPathComponent("catalog.json")), format: .json, source: "catalog.json")

    func testImportIsOneBusinessWriteWithOutboxAndAudit() throws {
        let h = try TestHall()
        let outboxBefore = try h.count("SELECT COUNT(*) FROM outbox")
        let s = try h.store.importCatalog(Self.shipped.matters, bundles: Self.shipped.bundles, source: "catalog.json", by: .system("cli"))
        XCTAssertEqual(s.added, Self.shipped.matters.count)
        XCTAssertEqual(s.bundlesAdded, Self.shipped.bundles.count)
        XCTAssertEqual(try h.store.matters().count, Self.shipped.matters.count)
        XCTAssertEqual(Set(try h.store.matters()), Set(Self.shipped.matters), "round trip, version 1")
        XCTAssertEqual(try h.store.bundles(), Self.shipped.bundles)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox") - outboxBefore, 1)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox WHERE kind = 'reference.changed' AND entity_id = 'catalog'"), 1)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'catalog.import'"), 1)
    }

    func testReimportGivesChangedMattersANewVersionAndKeepsTheOld() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped.matters, bundles: Self.shipped.bundles, source: "v1", by: .system("cli"))
        var changed = Self.shipped.matters
        let code = changed[3].code
        let oldLimit = changed[3].promisedLimit
        changed[3].promisedLimit = TimeLimit(oldLimit.value + 2)
        changed[3].caseType = .promised
        let s = try h.store.importCatalog(changed, bundles: Self.shipped.bundles, source: "v2", by: .system("cli"))
        XCTAssertEqual(s.updated, 1)
        XCTAssertEqual(s.added, 0)
        XCTAssertEqual(s.unchanged, changed.count - 1)
        XCTAssertEqual(s.bundlesUnchanged, Self.shipped.bundles.count)
        XCTAssertEqual(s.changed, ["\(code)@2"])
        XCTAssertEqual(try h.store.matter(code: code)?.version, 2)
        XCTAssertEqual(try h.store.matter(code: code)?.promisedLimit.value, oldLimit.value + 2)
        XCTAssertEqual(try h.store.matter(code: code, version: 1)?.promisedLimit, oldLimit, "an open case still finds its version")
        XCTAssertEqual(try h.store.matterVersions(code: code).map(\.version), [1, 2])
        XCTAssertEqual(try h.store.matters().count, changed.count, "one active version per code")
        // The same file again changes nothing; a partial file leaves the rest alone.
        let again = try h.store.importCatalog(changed, bundles: [], source: "v2", by: .system("cli"))
        XCTAssertEqual(again.unchanged, changed.count)
        let partial = try h.store.importCatalog(Array(changed.prefix(5)), bundles: [], source: "part.csv", by: .system("cli"))
        XCTAssertEqual(partial.notInFile, changed.count - 5)
        XCTAssertEqual(try h.store.matters().count, changed.count)
        // A stored version is immutable.
        XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: "UPDATE matter SET body = '{}' WHERE version = 1") })
    }

    func testBundleWithUnknownMatterIsRefusedAndNothingImported() throws {
        let h = try TestHall()
        let bad = MatterBundle(code: "YJS999", name: "测试", description: "", matterCodes: ["NOSUCHCODE"])
        XCTAssertThrowsError(try h.store.importCatalog(Self.shipped.matters, bundles: [bad], source: "x", by: .system("cli"))) {
            guard case .invalidInput(let text)? = $0 as? StoreError else { return XCTFail("\($0)") }
            XCTAssertTrue(text.contains("NOSUCHCODE"))
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM matter"), 0)
    }

    func testSeedOnlyIntoAnEmptyCatalog() throws {
        let h = try TestHall()
        XCTAssertEqual(try h.store.seedCatalogIfEmpty(Self.shipped, by: .system("demo"))?.added, Self.shipped.matters.count)
        XCTAssertNil(try h.store.seedCatalogIfEmpty(Self.shipped, by: .system("demo")))
    }

    func testUsageIsCountedInTheCaseTransactionAndRanksSearch() throws {
        let h = try TestHall()
        try h.store.seedCatalogIfEmpty(Self.shipped, by: .system("demo"))
        let rare = Self.shipped.matters.first { $0.name == "生育登记" }!
        for _ in 0..<3 {
            try h.store.perform(.system("test")) { tx, _ in
                try tx.recordMatterUse(code: rare.code)
                try tx.outbox(.referenceChanged, entityId: rare.code, payload: ["test": "use"])
                try tx.audit(action: "test", entity: "matter", entityId: rare.code, detail: "测试")
            }
        }
        XCTAssertEqual(try h.store.matterUsage(), [rare.code: 3])
        let table = try String(contentsOf: Self.data.appendingPathComponent("pinyin-initials.txt"), encoding: .utf8)
        let search = try h.store.catalogSearch(pinyin: PinyinInitials(table: table))
        XCTAssertEqual(search.search("dj").first?.name, rare.name)
    }
}
