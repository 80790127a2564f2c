import Foundation
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 16 defect 5 / must-deliver 6 through the real binary: `import catalog` killed with
/// SIGKILL at any point leaves the catalog it started from or the one it was importing, never a
/// mix, and the next import sweeps what the killed one had staged.
final class CatalogImportKillTests: XCTestCase {
    static let count = 1000   // twenty staging transactions of 50

    /// `count` matters from the shipped ones with codes of their own; `edition` marks every name.
    static func catalogFile(_ url: URL, edition: String) throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Resources/data/catalog.json").standardizedFileURL
        var file = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: shipped)) as? [String: Any])
        let base = try XCTUnwrap(file["matters"] as? [[String: Any]])
        file["matters"] = (0..<count).map { i -> [String: Any] in
            var m = base[i % base.count]
            let code = try! XCTUnwrap(m["implementationCode"] as? String)
            m["implementationCode"] = String(code.prefix(20)) + String(format: "%04d", i / base.count)
            m["name"] = (m["name"] as! String) + "（第\(i / base.count)组）" + edition
            return m
        }
        file["bundles"] = []
        try JSONSerialization.data(withJSONObject: file).write(to: url)
    }

    /// Which edition the hall's live catalog is: "old", "new", or a description of the mix.
    func edition(_ hall: MultiProcessHall) throws -> String {
        let names = try hall.openStore().matters().map(\.name)
        let new = names.filter { $0.hasSuffix("新版") }.count
        switch (names.count, new) {
        case (Self.count, 0): return "old"
        case (Self.count, Self.count): return "new"
        default: return "mix: \(names.count) matters, \(new) of the new edition"
        }
    }

    func testAKilledImportLeavesTheOldCatalogOrTheNewOneNeverAMix() throws {
        let hall = try MultiProcessHall(windows: 1)
        let old = hall.dir.appendingPathComponent("old.json"), new = hall.dir.appendingPathComponent("new.json")
        try Self.catalogFile(old, edition: "旧版")
        try Self.catalogFile(new, edition: "新版")
        try hall.runner.run(["import", "catalog", "--store", hall.storePath, old.path], env: MultiProcessHall.admin)
        XCTAssertEqual(try edition(hall), "old")

        var rng = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for round in 0..<8 {
            let before = try edition(hall)
            let target = before == "old" ? new : old
            let env = MultiProcessHall.admin.merging(["YICHUANG_TEST_PAUSE_IN_IMPORT_MS": "30"]) { $1 }
            let c = try hall.runner.spawn(["import", "catalog", "--store", hall.storePath, target.path], env: env)
            if round % 2 == 0 {
                // Half the rounds are killed once staging has visibly begun…
                let guardUntil = Date().addingTimeInterval(120)
                while !c.stderr().contains("已暂存"), c.process.isRunning, Date() < guardUntil { usleep(5_000) }
                usleep(UInt32.random(in: 0..<60_000, using: &rng))
            } else {
                // …the others at a random moment from the start to past the end.
                usleep(UInt32.random(in: 0..<2_500_000, using: &rng))
            }
            kill(c.pid, SIGKILL)
            XCTAssertTrue(hall.runner.wait(c, limit: 60))
            let after = try edition(hall)
            let targetEdition = target == new ? "new" : "old"
            XCTAssertTrue([before, targetEdition].contains(after), "round \(round): \(before) → \(after); \(c.stderr())")
            outcomes.append(before == after ? "kept" : "switched")
        }
        XCTAssertTrue(outcomes.contains("kept"), "at least one kill landed while staging: \(outcomes)")

        // The next import finishes, sweeps what the killed ones staged and leaves no import open.
        let target = try edition(hall) == "old" ? new : old
        let out = try hall.runner.run(["import", "catalog", "--store", hall.storePath, target.path], env: MultiProcessHall.admin)
        XCTAssertTrue(out.contains("已导入"), out)
        XCTAssertEqual(try edition(hall), target == new ? "new" : "old")
        let store = try hall.openStore()
        let (open, staged, maps) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM catalog_import WHERE state = 'staging'") ?? -1,
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM matter WHERE import_id IS NOT NULL
                AND import_id NOT IN (SELECT id FROM catalog_import WHERE state = 'switched')
                """) ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter_current") ?? -1)
        }
        XCTAssertEqual(open, 0)
        XCTAssertEqual(staged, 0, "rows of killed imports are deleted")
        XCTAssertEqual(maps, Self.count, "only the live generation's map is left")
        try assertStoreHealthy(store)
    }

    /// Long work shows progress: a line per tenth on standard error, then the switch.
    func testTheCLIShowsProgressWhileStaging() throws {
        let hall = try MultiProcessHall(windows: 1)
        let file = hall.dir.appendingPathComponent("big.json")
        try Self.catalogFile(file, edition: "")
        let c = try hall.runner.spawn(["import", "catalog", "--store", hall.storePath, file.path], env: MultiProcessHall.admin)
        XCTAssertTrue(hall.runner.wait(c, limit: 120))
        XCTAssertEqual(c.process.terminationStatus, 0, c.stderr())
        XCTAssertTrue(c.stderr().contains("big.json：已暂存 200/1000 个事项（20%）"), c.stderr())
        XCTAssertTrue(c.stderr().contains("已暂存 1000/1000 个事项（100%）"), c.stderr())
        XCTAssertTrue(c.stderr().contains("正在切换到新目录"), c.stderr())
        XCTAssertTrue(c.stdout().contains("已导入 big.json"), c.stdout())
    }
}
