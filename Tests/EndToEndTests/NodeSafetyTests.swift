import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16 (defects 1, 3, 4, 6) through the real binary: file modes, `--out` targets, concurrent
/// start-up on an old store, concurrent `init`, a newer store, an empty `--store` file.
final class NodeSafetyTests: XCTestCase {
    private var savedUmask: mode_t = 0

    override func setUp() { savedUmask = umask(0o022) }   // the usual login umask; children inherit it
    override func tearDown() { umask(savedUmask) }

    // MARK: defect 1

    func testDemoHomeStoreAndReportsArePrivateUnderUmask022() throws {
        let hall = try MultiProcessHall(windows: 1)
        let home = hall.dir.appendingPathComponent("user/.local/share/yichuang")
        try hall.runner.run(["demo", "--setup-only"], env: ["YICHUANG_HOME": home.path])
        XCTAssertEqual(try mode(hall.dir.appendingPathComponent("user").path), 0o700)
        XCTAssertEqual(try mode(home.path), 0o700)
        XCTAssertEqual(try mode(home.appendingPathComponent("hall.sqlite").path), 0o600)

        let report = hall.dir.appendingPathComponent("report.csv").path
        let export = hall.dir.appendingPathComponent("ratings.csv").path
        try hall.runner.run(["report", "--store", hall.storePath, "--out", report], env: MultiProcessHall.admin)
        try hall.runner.run(["ratings", "export", "--store", hall.storePath, "--out", export], env: MultiProcessHall.admin)
        XCTAssertEqual(try mode(report), 0o600)
        XCTAssertEqual(try mode(export), 0o600)
        XCTAssertEqual(try mode(hall.storePath), 0o600, "the store made by init")
    }

    // MARK: defect 3

    func testOutRefusesSymlinkFifoAndDeviceAndKeepsAnExistingFilesMode() throws {
        let hall = try MultiProcessHall(windows: 1)
        let dir = hall.dir
        let target = dir.appendingPathComponent("precious.txt").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let link = dir.appendingPathComponent("link.csv").path
        XCTAssertEqual(symlink(target, link), 0)
        let fifo = dir.appendingPathComponent("fifo.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        var targets: [(String, mode_t)] = [(link, S_IFLNK), (fifo, S_IFIFO)]
        let device = dir.appendingPathComponent("full.csv").path
        if mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 { targets.append((device, S_IFCHR)) }   // /dev/full; root only

        for (path, kind) in targets {
            for command in [["report"], ["ratings", "export"]] {
                let c = try hall.runner.spawn(command + ["--store", hall.storePath, "--out", path], env: MultiProcessHall.admin)
                hall.runner.wait(c)
                XCTAssertNotEqual(c.process.terminationStatus, 0, "\(command) --out \(path) must be refused")
                XCTAssertTrue(c.stderr().contains("不是普通文件"), c.stderr())
                var st = stat()
                XCTAssertEqual(lstat(path, &st), 0)
                XCTAssertEqual(st.st_mode & S_IFMT, kind, "\(path) was replaced")
            }
        }
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me")

        let existing = dir.appendingPathComponent("shared.csv").path
        FileManager.default.createFile(atPath: existing, contents: Data("old".utf8))
        XCTAssertEqual(chmod(existing, 0o640), 0)
        try hall.runner.run(["report", "--store", hall.storePath, "--out", existing], env: MultiProcessHall.admin)
        XCTAssertEqual(try mode(existing), 0o640, "an existing file keeps its mode")
        XCTAssertTrue(try String(contentsOfFile: existing, encoding: .utf8).contains("类别,编号,名称"))

        let help = try hall.runner.run(["report", "--help"])
        XCTAssertTrue(help.contains("符号链接、管道或设备"), help)
    }

    // MARK: defect 4

    /// The issue saw 1 of 6 fail in 5 of 5 rounds with `duplicate column name: applied_cursor`.
    func testSixProcessesStartingTogetherOnAnOldStoreAllSucceed() throws {
        let hall = try MultiProcessHall(windows: 1)
        for round in 1...3 {
            try downgradeToBeforeSync(hall.storePath)
            let children = try (1...6).map { _ in try hall.runner.spawn(["config", "--store", hall.storePath]) }
            for c in children {
                XCTAssertTrue(hall.runner.wait(c, limit: 120))
                XCTAssertEqual(c.process.terminationStatus, 0, "round \(round): \(c.stderr())")
            }
            let store = try hall.openStore()
            try store.pool.read { db in
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier LIKE 'v%-sync-%'")
                XCTAssertEqual(applied.sorted(), ["v10-sync-applied", "v9-sync-state"])
                XCTAssertTrue(try db.columns(in: "sync_bucket").contains { $0.name == "applied_cursor" })
            }
            try assertStoreHealthy(store)
        }
    }

    func testConcurrentInitsGiveOneSuccessAndChineseRefusals() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = try ProcessRunner(dir: dir)
        let setup = dir.appendingPathComponent("hall.json")
        try MultiProcessHall.setupJSON(windows: 2).write(to: setup)
        let store = dir.appendingPathComponent("data/hall.sqlite").path
        let children = try (1...6).map { _ in try runner.spawn(["init", "--store", store, "--setup", setup.path]) }
        children.forEach { runner.wait($0, limit: 120) }
        let ok = children.filter { $0.process.terminationStatus == 0 }
        XCTAssertEqual(ok.count, 1, children.map { $0.stderr() }.joined(separator: "\n"))
        for c in children where c.process.terminationStatus != 0 {
            XCTAssertTrue(c.stderr().contains("已有大厅"), c.stderr())
            XCTAssertFalse(c.stderr().contains("CREATE") || c.stderr().contains("SQLite error"), c.stderr())
        }
        try assertStoreHealthy(try HallStore(path: store))
    }

    func testAStoreFromANewerBinaryIsRefusedInChinese() throws {
        let hall = try MultiProcessHall(windows: 1)
        let q = try DatabaseQueue(path: hall.storePath)
        try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-a-newer-yichuang')") }
        try q.close()
        for args in [["status", "--window", "1"], ["config"]] {
            let c = try hall.runner.spawn(args + ["--store", hall.storePath])
            hall.runner.wait(c)
            XCTAssertNotEqual(c.process.terminationStatus, 0)
            XCTAssertTrue(c.stderr().contains("更新版本的 yichuang"), c.stderr())
        }
    }

    // MARK: helpers

    /// Makes the store look as an older binary left it: the sync migrations (v9, v10) undone.
    private func downgradeToBeforeSync(_ path: String) throws {
        let q = try DatabaseQueue(path: path)
        try q.write { db in
            try db.execute(sql: """
                DROP TABLE sync_state; DROP TABLE sync_bucket; DROP TABLE sync_reference;
                DELETE FROM grdb_migrations WHERE identifier IN ('v9-sync-state', 'v10-sync-applied');
                """)
        }
        try q.close()
    }
}

func mode(_ path: String) throws -> mode_t {
    var st = stat()
    guard lstat(path, &st) == 0 else { throw NSError(domain: "lstat \(path)", code: Int(errno)) }
    return st.st_mode & 0o7777
}
