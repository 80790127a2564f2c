import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

final class LedgerTests: XCTestCase {
    func testEveryBusinessWriteAddsOutboxAndAuditInTheSameTransaction() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        let before = (try h.count("SELECT COUNT(*) FROM outbox"), try h.count("SELECT COUNT(*) FROM audit_entry"))
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.finish(window: 1, by: w1)
        // Three writes; the finish also records its rating invitation (its own outbox op and audit entry).
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox"), before.0 + 4)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), before.1 + 4)
        // Gap-free sequence, HLC strictly increasing.
        let (seqs, hlcs) = try h.store.pool.read { db in
            (try Int64.fetchAll(db, sql: "SELECT seq FROM outbox ORDER BY seq"), try String.fetchAll(db, sql: "SELECT hlc FROM outbox ORDER BY seq"))
        }
        XCTAssertEqual(seqs, Array(1...Int64(seqs.count)))
        XCTAssertEqual(hlcs, hlcs.sorted())
        XCTAssertEqual(Set(hlcs).count, hlcs.count)
        // A failed operation leaves nothing behind.
        let n = (try h.count("SELECT COUNT(*) FROM outbox"), try h.count("SELECT COUNT(*) FROM audit_entry"))
        XCTAssertThrowsError(try h.store.finish(window: 1, by: w1))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox"), n.0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), n.1)
    }

    func testAuditChainIsAppendOnlyAndTamperingIsDetected() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        XCTAssertTrue(try h.store.verify().audit.isIntact)
        XCTAssertEqual(try h.store.verify().integrity, "ok")
        XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: "UPDATE audit_entry SET detail = 'x'") })
        XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: "DELETE FROM queue_event") })
        // Someone with raw file access drops the trigger and edits history: the chain shows it.
        try h.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit_entry SET detail = '篡改' WHERE seq = 2")
        }
        XCTAssertEqual(try h.store.verify().audit.firstBrokenSeq, 2)
    }

    func testChangeWatcherSeesWritesFromAnotherConnection() throws {
        let h = try TestHall()
        let watcher = try ChangeWatcher(path: h.store.path)
        XCTAssertTrue(watcher.hasChanged())
        XCTAssertFalse(watcher.hasChanged())
        // A second store handle stands in for another process.
        let other = try HallStore(path: h.store.path, clock: h.clock)
        _ = try other.issueTicket(service: "A", by: h.desk)
        XCTAssertTrue(watcher.hasChanged())
        XCTAssertFalse(watcher.hasChanged())
    }

    func testReadOnlyStoreGivesAClearMessageAndLosesNothing() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let ro = try HallStore(path: h.store.path, clock: h.clock, readOnly: true)
        XCTAssertThrowsError(try ro.issueTicket(service: "A", by: h.desk)) { error in
            XCTAssertEqual(error as? StoreError, .readOnly)
            XCTAssertTrue(error.localizedDescription.contains("只读"))
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), 1)
    }

    /// A full disk, as SQLite sees it: the file may not grow. The write fails with a clear Chinese
    /// message, rolls back whole, and everything saved before is intact.
    func testFullDiskLosesNothingAlreadySaved() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let pages = try h.store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count")! }
        try h.store.pool.write { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        var failure: Error?
        for _ in 0..<500 where failure == nil {
            do { _ = try h.store.issueTicket(service: "C", note: String(repeating: "长", count: 400), by: h.desk) } catch { failure = error }
        }
        XCTAssertEqual(failure as? StoreError, .diskFull)
        XCTAssertTrue(failure!.localizedDescription.contains("存储空间已满"))
        let issued = try h.count("SELECT COUNT(*) FROM ticket")
        // Every ticket that exists has its event, outbox op and audit entry: nothing half-written.
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM queue_event WHERE kind = 'issued'"), issued)
        XCTAssertEqual(try h.store.verify().integrity, "ok")
        XCTAssertTrue(try h.store.verify().audit.isIntact)
        XCTAssertEqual(try h.store.ticket(number: "A001").number, "A001")
    }

    func testDashboardMetrics() throws {
        let h = try TestHall { $0.noShowRequeue = .drop }
        let w1 = try h.signIn(1)
        for _ in 0..<6 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        h.clock.advance(seconds: 600)                       // A001 waits 10 min (within 20)
        _ = try h.store.callNext(window: 1, by: w1)
        h.clock.advance(seconds: 300)
        try h.store.finish(window: 1, by: w1)
        h.clock.advance(seconds: 1200)                      // A002 waits 35 min (over target)
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.markNoShow(window: 1, by: w1)
        let d = try h.store.dashboard()
        let a = try h.store.services().first { $0.code == "A" }!
        let m = d.metrics[a.id]!
        XCTAssertEqual(m.calls, 2)
        XCTAssertEqual(m.serviceLevel, 0.5)
        XCTAssertEqual(m.noShowRate, 0.5)
        XCTAssertEqual(m.averageWaitSeconds!, (600 + 2100) / 2, accuracy: 0.01)
        let q = d.queues.first { $0.service.id == a.id }!
        XCTAssertEqual(q.waiting, 4)
        XCTAssertEqual(q.longestWaitSeconds, 2100, accuracy: 0.01)
        XCTAssertTrue(d.alerts.contains { $0.serviceId == a.id && $0.message.contains("建议增开") })
        let w = d.windows.first { $0.window.number == 1 }!
        XCTAssertEqual(w.status, .idle)
        XCTAssertEqual(w.finishedToday, 1)
        XCTAssertEqual(w.utilisation!, 300.0 / 2100.0, accuracy: 0.001)
    }
}
