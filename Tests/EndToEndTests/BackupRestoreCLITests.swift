import Foundation
import GRDB
import HallStore
import XCTest

/// Issue 16, must-deliver 4, through the real binary: `yichuang backup` while 8 processes call
/// and finish tickets, each copy checked by `doctor`; rotation; `yichuang restore` and what it says.
final class BackupRestoreCLITests: XCTestCase {
    func outcome(_ hall: MultiProcessHall, _ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let c = try hall.runner.spawn(args, env: env)
        XCTAssertTrue(hall.runner.wait(c, limit: 300), "\(args) hung")
        return (c.process.terminationStatus, c.stdout(), c.stderr())
    }

    func tickets(_ path: String) throws -> Int {
        let q = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        return try q.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0 }
    }

    func testBackupWhileEightWindowsCallIsConsistentAndRestoreSaysWhatItDid() throws {
        let hall = try MultiProcessHall(windows: 8)
        _ = try hall.issueTickets(400)
        let callers = try (1...8).map { try hall.stressCaller(window: $0) }
        var copies: [String] = []
        for i in 1...3 {
            let copy = hall.dir.appendingPathComponent("usb/copy-\(i).sqlite").path
            let r = try outcome(hall, ["backup", "--store", hall.storePath, "--out", copy])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("已备份到 \(copy)") && r.out.contains("检查均通过"), r.out)
            copies.append(copy)
        }
        for c in callers { XCTAssertTrue(hall.runner.wait(c, limit: 600), "caller hung") }
        for c in callers { XCTAssertEqual(c.process.terminationStatus, 0, c.stderr()) }
        // Each copy is the store of one instant: doctor finds every check passing on it.
        for copy in copies {
            let d = try outcome(hall, ["doctor", "--store", copy])
            XCTAssertEqual(d.status, 0, "doctor on \(copy): \(d.out)\(d.err)")
        }

        // Later work, then a restore of the first copy.
        for _ in 1...3 { try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A"]) }
        let inCopy = try tickets(copies[0])
        let r = try outcome(hall, ["restore", "--store", hall.storePath, copies[0]], env: MultiProcessHall.admin)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("已用备份 \(copies[0]) 恢复数据库"), r.out)
        XCTAssertTrue(r.out.contains("恢复前的数据库已另存为 \(hall.storePath).before-restore-"), r.out)
        XCTAssertTrue(r.out.contains("条审计记录晚于备份"), r.out)
        XCTAssertTrue(r.out.contains("恢复后的数据库检查通过"), r.out)
        XCTAssertEqual(try tickets(hall.storePath), inCopy)
        XCTAssertEqual(try outcome(hall, ["doctor", "--store", hall.storePath]).status, 0)
        // The restored store takes tickets again.
        try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A"])
        XCTAssertEqual(try tickets(hall.storePath), inCopy + 1)
    }

    func testRestoreRefusesAFileThatIsNotAStoreInChinese() throws {
        let hall = try MultiProcessHall(windows: 1)
        let junk = hall.dir.appendingPathComponent("hall-backup.sqlite").path
        try "not a database".write(toFile: junk, atomically: false, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: hall.storePath))
        let r = try outcome(hall, ["restore", "--store", hall.storePath, junk], env: MultiProcessHall.admin)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("错误：") && r.err.contains("不能用于恢复") && r.err.contains("不是 SQLite 数据库文件"), r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: hall.storePath)), before, "the store is untouched")
    }

    func testBackupDirRotatesOnlyItsOwnCopies() throws {
        let hall = try MultiProcessHall(windows: 1)
        let dir = hall.dir.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = ["hall-20200101-000000.sqlite", "hall-20200102-000000.sqlite", "hall-20200103-000000.sqlite"]
        for name in old + ["notes.txt", "hall-keep-me.sqlite"] {
            FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: Data("x".utf8))
        }
        let r = try outcome(hall, ["backup", "--store", hall.storePath, "--dir", dir.path, "--keep", "2"])
        XCTAssertEqual(r.status, 0, r.err)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(left.count, 4, "\(left)")
        XCTAssertTrue(left.contains("hall-20200103-000000.sqlite") && left.contains("notes.txt") && left.contains("hall-keep-me.sqlite"), "\(left)")
        XCTAssertFalse(left.contains("hall-20200101-000000.sqlite") || left.contains("hall-20200102-000000.sqlite"), "\(left)")
        XCTAssertTrue(r.out.contains("已删除旧备份"), r.out)
        let missing = try outcome(hall, ["backup", "--store", hall.storePath])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("--out") && missing.err.contains("--dir"), missing.err)
    }
}
