import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Issue 16, must-deliver 4 and 5: backups through SQLite's backup API, checked; restores that
/// refuse what is not a good store of this hall; a copy taken before a migration upgrades a store.
final class StoreBackupTests: XCTestCase {
    func files(in dir: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    func testUpgradingAStoreWithRecordsKeepsACheckedCopyOfTheOldOneFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-upg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreFiles.makePrivateDirectory(dir.path)
        let path = dir.appendingPathComponent("hall.sqlite").path
        // A store as an older yichuang left it: only the first migration, one hall row.
        do {
            try StoreFiles.prepare(path)
            let old = try DatabasePool(path: path)
            let first = Migrations.migrator().migrations[0]
            try Migrations.migrator().migrate(old, upTo: first)
            try old.write { db in
                try db.execute(sql: "INSERT INTO hall (id, hall_id, name, kind, time_zone, policy, created_at) VALUES ('h', 'H1', '旧大厅', 'hall', 'Asia/Shanghai', '{}', 0)")
            }
            try old.close()
        }
        _ = try HallStore(path: path)   // this binary: migrates

        let all = try files(in: dir)
        let copies = all.filter { $0.hasPrefix("hall.sqlite.before-v1-queue-") && $0.hasSuffix(".bak") }
        XCTAssertEqual(copies.count, 1, "\(all)")
        guard let name = copies.first else { return }
        let copy = dir.appendingPathComponent(name).path
        XCTAssertEqual(mode(copy), 0o600)
        let q = try DatabaseQueue(path: copy, configuration: { var c = Configuration(); c.readonly = true; return c }())
        try q.read { db in
            XCTAssertEqual(try Migrations.migrator().appliedIdentifiers(db), ["v1-queue"], "the copy is the store before the upgrade")
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT name FROM hall"), "旧大厅")
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "delete", "one self-contained file")
        }
        // Up to date now: opening again takes no second copy.
        _ = try HallStore(path: path)
        XCTAssertEqual(try files(in: dir).filter { $0.hasSuffix(".bak") }.count, 1)
    }

    func testANewStoreIsNotBackedUpBeforeItsFirstMigration() throws {
        let h = try TestHall()
        XCTAssertEqual(try files(in: h.dir).filter { $0.hasSuffix(".bak") }, [])
    }

    func testBackupIsACheckedPrivateCopyAndNeverOverwrites() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        let copy = h.dir.appendingPathComponent("usb/hall-1.sqlite").path
        try StoreBackup.write(from: h.store.pool, to: copy)
        XCTAssertEqual(mode(copy), 0o600)
        XCTAssertEqual(mode(h.dir.appendingPathComponent("usb").path), 0o700)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy + "-wal"))
        let report = try StoreBackup.check(copy)
        XCTAssertTrue(report.passed, "\(report.problems)")
        XCTAssertEqual(report.tickets, 2)
        XCTAssertEqual(report.hallName, "测试大厅")
        XCTAssertEqual(report.auditEntries, try h.count("SELECT COUNT(*) FROM audit_entry"))
        XCTAssertThrowsError(try StoreBackup.write(from: h.store.pool, to: copy)) { e in
            XCTAssertTrue(e.localizedDescription.contains("已存在"), e.localizedDescription)
        }
        XCTAssertEqual(try StoreBackup.check(copy).tickets, 2, "the existing copy is untouched")
        XCTAssertEqual(try files(in: h.dir.appendingPathComponent("usb")), ["hall-1.sqlite"], "no partial file left")
    }

    func testRestoreRefusesWhatIsNotAGoodStoreOfThisHall() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let before = try h.count("SELECT COUNT(*) FROM ticket")

        let text = h.dir.appendingPathComponent("notes.txt").path
        try "不是数据库".write(toFile: text, atomically: false, encoding: .utf8)
        let other = h.dir.appendingPathComponent("other.sqlite").path
        let q = try DatabaseQueue(path: other)
        try q.write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try q.close()
        // A copy of this hall whose audit log was edited after the fact.
        let tampered = h.dir.appendingPathComponent("tampered.sqlite").path
        try StoreBackup.write(from: h.store.pool, to: tampered)
        let t = try DatabaseQueue(path: tampered)
        try t.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit_entry SET detail = '篡改' WHERE seq = 1")
        }
        try t.close()
        // A good backup of another hall.
        let elsewhere = try TestHall()
        let foreign = h.dir.appendingPathComponent("foreign.sqlite").path
        try StoreBackup.write(from: elsewhere.store.pool, to: foreign)

        let cases: [(String, String)] = [
            (text, "不是 SQLite 数据库文件"), (other, "不是一窗的大厅数据库"), (tampered, "哈希链"),
            (foreign, "不是本节点的大厅"), (h.dir.appendingPathComponent("missing.sqlite").path, "无法读取"),
        ]
        for (file, reason) in cases {
            XCTAssertThrowsError(try StoreBackup.restore(from: file, to: h.store.path)) { e in
                XCTAssertTrue(e.localizedDescription.contains(reason), "\(file): \(e.localizedDescription)")
            }
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), before, "nothing changed")
        XCTAssertEqual(try files(in: h.dir).filter { $0.contains("before-restore") }, [], "refused before saving anything")
    }

    func testRestoreBringsBackTheBackupSavesTheCurrentStoreAndCountsWhatIsLost() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let backup = h.dir.appendingPathComponent("b.sqlite").path
        try StoreBackup.write(from: h.store.pool, to: backup)
        h.clock.advance(seconds: 60)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), 3)

        let outcome = try StoreBackup.restore(from: backup, to: h.store.path, now: TestHall.start)
        XCTAssertEqual(outcome.lostAuditEntries, 2)
        XCTAssertTrue(outcome.restored.passed, "\(outcome.restored.problems)")
        // The process that had the store open reads the restored one.
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), 1)
        XCTAssertTrue(try h.store.verify().audit.isIntact)
        XCTAssertEqual(try h.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "wal")
        _ = try h.store.issueTicket(service: "A", by: h.desk)   // and keeps working on it
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), 2)
        // What was replaced is kept whole.
        let saved = try XCTUnwrap(outcome.savedCurrent)
        XCTAssertEqual(mode(saved), 0o600)
        XCTAssertEqual(try StoreBackup.check(saved).tickets, 3)
    }

    func testRestoreOntoANewDiskMakesTheBackupTheStore() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let backup = h.dir.appendingPathComponent("b.sqlite").path
        try StoreBackup.write(from: h.store.pool, to: backup)
        let fresh = h.dir.appendingPathComponent("new/hall.sqlite").path
        let outcome = try StoreBackup.restore(from: backup, to: fresh)
        XCTAssertNil(outcome.savedCurrent)
        XCTAssertTrue(outcome.restored.passed, "\(outcome.restored.problems)")
        XCTAssertEqual(outcome.restored.tickets, 1)
        XCTAssertEqual(mode(fresh), 0o600)
        XCTAssertEqual(try HallStore(path: fresh).hall().hallId, try h.store.hall().hallId)
    }
}
