import Foundation
import XCTest
@testable import HallStore

/// Writers take the write lock in the order they asked (issue 12's call-next benchmark: polling
/// gave the lock to a random waiter), and a dead process's turn never blocks the line.
final class WriterTurnsTests: XCTestCase {
    func storePath() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-turns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("hall.sqlite").path
    }

    /// Two mappings of one side file stand for two processes. Turns taken b then c are served b then
    /// c, even though c starts waiting first.
    func testTurnsAreServedInTheOrderTheyWereTaken() throws {
        let path = try storePath()
        let one = try XCTUnwrap(WriterTurns(storePath: path)), two = try XCTUnwrap(WriterTurns(storePath: path))
        let a = one.wait(for: one.take())
        XCTAssertTrue(a.inOrder, "a fresh line serves its first turn at once")
        let b = two.take(), c = one.take()
        final class Entered: @unchecked Sendable { let lock = NSLock(); var turns: [UInt32] = [] }
        let entered = Entered()
        let group = DispatchGroup()
        for (gate, turn) in [(one, c), (two, b)] {
            DispatchQueue.global().async(group: group) {
                let t = gate.wait(for: turn)
                entered.lock.lock(); entered.turns.append(t.number); entered.lock.unlock()
                XCTAssertTrue(t.inOrder)
                gate.release(t)
            }
        }
        usleep(50_000)   // let both block; the order must not depend on it
        entered.lock.lock(); XCTAssertEqual(entered.turns, [], "nobody enters while the first turn is held"); entered.lock.unlock()
        one.release(a)
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(entered.turns, [b, c])
    }

    /// A process killed in its turn (SIGKILL mid-transaction) leaves its pid there: the next writer
    /// skips it and is served in order, instead of waiting out its patience.
    func testADeadProcesssTurnIsSkipped() throws {
        let path = try storePath()
        let gate = try XCTUnwrap(WriterTurns(storePath: path))
        gate.patience = 60
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = gate.wait(for: gate.take(owner: gone.processIdentifier))
        XCTAssertTrue(dead.inOrder)
        let mine = gate.wait(for: gate.take())
        XCTAssertTrue(mine.inOrder, "served in turn after the dead holder was skipped, not after giving up")
        gate.release(mine)
        // The line goes on: the next writer is served in order too.
        let after = gate.wait(for: gate.take())
        XCTAssertTrue(after.inOrder)
        gate.release(after)
    }

    /// A writer that gave up waiting marks its turn gone, so the line does not wait for it later.
    func testATurnGivenUpIsSkipped() throws {
        let path = try storePath()
        let gate = try XCTUnwrap(WriterTurns(storePath: path))
        let holder = gate.wait(for: gate.take())
        gate.patience = 0
        let impatient = gate.wait(for: gate.take())
        XCTAssertFalse(impatient.inOrder, "no patience: it goes on without its turn")
        gate.release(impatient)
        gate.patience = 60
        gate.release(holder)
        let next = gate.wait(for: gate.take())
        XCTAssertTrue(next.inOrder, "the given-up turn is skipped, not waited for")
        gate.release(next)
    }

    /// The store writes through its turns: a second store on the same file (another process's view)
    /// writes after the first, and both see each other's tickets.
    func testStoresOnOneFileWriteInTurn() throws {
        let h = try TestHall()
        XCTAssertTrue(h.store.writesInTurn)
        XCTAssertTrue(FileManager.default.fileExists(atPath: h.store.path + "-writers"))
        let other = try HallStore(path: h.store.path, clock: h.clock)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try other.issueTicket(service: "A", by: h.desk)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM ticket"), 2)
        let readOnly = try HallStore(path: h.store.path, readOnly: true)
        XCTAssertFalse(readOnly.writesInTurn, "a read-only store never writes")
    }
}
