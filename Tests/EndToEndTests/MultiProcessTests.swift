import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Many real `yichuang` processes on one store file, as on a hall node. No timing assertions:
/// the machine is shared; only outcomes are checked.
final class MultiProcessTests: XCTestCase {

    /// 16 callers drain 3,200 tickets: each ticket is called exactly once and the ledger holds.
    func testSixteenCallersTakeEveryTicketExactlyOnce() throws {
        let hall = try MultiProcessHall(windows: 16)
        let issued = try hall.issueTickets(3_200)
        let callers = try (1...16).map { try hall.stressCaller(window: $0) }
        for c in callers {
            XCTAssertTrue(hall.runner.wait(c), "caller \(c.pid) hung and was killed")
            XCTAssertEqual(c.process.terminationStatus, 0, "caller failed: \(c.stderr())")
        }
        let printed = callers.flatMap { $0.lines() }
        XCTAssertEqual(duplicates(printed), [], "tickets called twice")
        XCTAssertEqual(printed.count, issued.count)
        XCTAssertEqual(Set(printed), Set(issued), "called set differs from issued set")

        let store = try hall.openStore()
        let notFinished = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status != 'finished'") }
        XCTAssertEqual(notFinished, 0)
        let called = try eventCounts(store, kind: "called"), finished = try eventCounts(store, kind: "finished")
        XCTAssertEqual(Set(called.keys), Set(issued))
        XCTAssertTrue(called.values.allSatisfy { $0 == 1 }, "a ticket has more than one 'called' event")
        XCTAssertTrue(finished.values.allSatisfy { $0 == 1 } && finished.count == issued.count, "'finished' events not one per ticket")
        try assertStoreHealthy(store)
    }

    /// SIGKILL while the caller holds the write lock, after choosing its ticket and before
    /// writing anything: the transaction is rolled back and the ticket is still waiting.
    func testKillInsideCallNextTransactionLosesNothing() throws {
        let hall = try MultiProcessHall(windows: 2)
        let issued = try hall.issueTickets(40)
        let paused = try hall.stressCaller(window: 1, env: ["YICHUANG_TEST_PAUSE_IN_CALL_MS": "2000"])
        // Only the paused call-next holds the write lock for long: wait until it has held it for
        // 300 ms without a break (start-up migrations hold it only briefly), then kill.
        let held = try waitForLongWriteLock(path: hall.storePath, holdMilliseconds: 300, while: paused)
        XCTAssertTrue(held, "the paused caller never held the write lock (stderr: \(paused.stderr()))")
        kill(paused.pid, SIGKILL)
        hall.runner.wait(paused)
        XCTAssertEqual(paused.process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(paused.lines(), [], "nothing was committed, so nothing may have been printed")

        let store = try hall.openStore()
        try assertStoreHealthy(store)
        try store.pool.read { db in
            let first = try Row.fetchOne(db, sql: "SELECT status, window_number FROM ticket WHERE id = ?", arguments: [issued[0]])!
            XCTAssertEqual(first["status"] as String, "waiting", "the ticket being chosen must still be waiting")
            XCTAssertNil(first["window_number"] as Int?)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status != 'waiting'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_event WHERE kind = 'called'"), 0)
            // No window serves a ticket without a matching 'called' event.
            let orphan = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM window_state s WHERE s.current_ticket_id IS NOT NULL AND NOT EXISTS
                  (SELECT 1 FROM queue_event e WHERE e.ticket_id = s.current_ticket_id AND e.kind = 'called')
                """)
            XCTAssertEqual(orphan, 0)
            let w1 = try Row.fetchOne(db, sql: """
                SELECT s.status, s.current_ticket_id FROM window_state s JOIN hall_window w ON w.id = s.window_id WHERE w.number = 1
                """)!
            XCTAssertEqual(w1["status"] as String, "idle")
            XCTAssertNil(w1["current_ticket_id"] as String?)
        }

        // Another caller (at the killed caller's own window) then drains the queue cleanly.
        let drain = try hall.stressCaller(window: 1)
        XCTAssertTrue(hall.runner.wait(drain))
        XCTAssertEqual(drain.process.terminationStatus, 0, drain.stderr())
        XCTAssertEqual(drain.lines(), issued, "every ticket called exactly once, in queue order")
        try assertStoreHealthy(store)
    }

    /// Two of 16 callers are SIGKILLed at random points of a run; the rest drain the queue.
    /// Nothing is lost or doubled; a killed caller leaves at most its own current ticket serving.
    func testKillingCallersMidRunLosesNoTicket() throws {
        let hall = try MultiProcessHall(windows: 16)
        let issued = try hall.issueTickets(1_600)
        let callers = try (1...16).map { try hall.stressCaller(window: $0) }
        let victims = Array((1...16).shuffled().prefix(2))
        for w in victims {
            // Kill after a random number of tickets, so the kill lands anywhere in the loop.
            let c = callers[w - 1], after = Int.random(in: 3...40)
            while c.process.isRunning && c.lines().count < after { usleep(1_000) }
            usleep(UInt32.random(in: 0...3_000))
            kill(c.pid, SIGKILL)
        }
        for c in callers { XCTAssertTrue(hall.runner.wait(c), "caller \(c.pid) hung") }
        let killedWindows = Set(victims.filter { callers[$0 - 1].process.terminationReason == .uncaughtSignal })
        for (i, c) in callers.enumerated() where !killedWindows.contains(i + 1) {
            XCTAssertEqual(c.process.terminationStatus, 0, "survivor at window \(i + 1) failed: \(c.stderr())")
        }

        let store = try hall.openStore()
        try assertStoreHealthy(store)
        let printed = callers.flatMap { $0.lines() }
        XCTAssertEqual(duplicates(printed), [], "a ticket was printed by two callers")
        let called = try eventCounts(store, kind: "called"), finished = try eventCounts(store, kind: "finished")
        XCTAssertEqual(Set(called.keys), Set(issued), "every ticket must have been called")
        XCTAssertTrue(called.values.allSatisfy { $0 == 1 }, "a ticket was called twice")
        XCTAssertTrue(finished.values.allSatisfy { $0 == 1 }, "a ticket was finished twice")
        XCTAssertTrue(Set(printed).isSubset(of: Set(called.keys)))

        try store.pool.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'finished'"), finished.count)
            // Whatever is still serving belongs to a killed window and is that window's current ticket.
            let serving = try Row.fetchAll(db, sql: """
                SELECT t.id, t.window_number, s.current_ticket_id, s.status AS ws FROM ticket t
                LEFT JOIN hall_window w ON w.number = t.window_number
                LEFT JOIN window_state s ON s.window_id = w.id
                WHERE t.status = 'serving'
                """)
            XCTAssertLessThanOrEqual(serving.count, killedWindows.count)
            XCTAssertEqual(Set(serving.map { $0["window_number"] as Int }).count, serving.count, "two serving tickets at one window")
            for r in serving {
                XCTAssertTrue(killedWindows.contains(r["window_number"]), "ticket serving at a window whose caller was not killed")
                XCTAssertEqual(r["current_ticket_id"] as String?, r["id"] as String, "serving ticket not visible in window_state")
                XCTAssertEqual(r["ws"] as String?, "serving")
            }
            XCTAssertEqual(serving.count + finished.count, issued.count)
        }
        // Called but never printed: only a killed caller's last ticket (killed between commit and print).
        let unprinted = Set(called.keys).subtracting(printed)
        XCTAssertLessThanOrEqual(unprinted.count, killedWindows.count)
    }

    /// Polls with BEGIN IMMEDIATE (no busy wait) until another connection has held the write lock
    /// for `holdMilliseconds` without a break. Returns false if the child exits first.
    private func waitForLongWriteLock(path: String, holdMilliseconds: Int, while child: ProcessRunner.Child) throws -> Bool {
        var config = Configuration()
        config.busyMode = .immediateError
        let probe = try DatabaseQueue(path: path, configuration: config)
        var busySince: Date?
        let giveUp = Date().addingTimeInterval(60)
        while child.process.isRunning, Date() < giveUp {
            let busy: Bool = try probe.inDatabase { db in
                do {
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: "ROLLBACK")
                    return false
                } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY {
                    return true
                }
            }
            if busy {
                if busySince == nil { busySince = Date() }
                if Date().timeIntervalSince(busySince!) * 1000 >= Double(holdMilliseconds) { return true }
            } else {
                busySince = nil
            }
            usleep(10_000)
        }
        return false
    }
}
