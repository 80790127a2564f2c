import XCTest
import HallCore
@_spi(StoreInternals) @testable import HallStore

final class WindowActionTests: XCTestCase {
    func testRecallLimitThenNoShowDropped() throws {
        let h = try TestHall { $0.recallLimit = 2; $0.noShowRequeue = .drop }
        let w1 = try h.signIn(1)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.callNext(window: 1, by: w1)
        guard case .recalled(_, 1) = try h.store.recall(window: 1, by: w1) else { return XCTFail() }
        guard case .recalled(_, 2) = try h.store.recall(window: 1, by: w1) else { return XCTFail() }
        guard case .noShow(let t, .drop) = try h.store.recall(window: 1, by: w1) else { return XCTFail() }
        XCTAssertEqual(try h.store.ticket(number: t.number).status, .noShow)
        XCTAssertNil(try h.store.windowSnapshot(1).current)
    }

    func testNoShowRequeueModes() throws {
        let back = try TestHall { $0.noShowRequeue = .backOfQueue }
        let wb = try back.signIn(1)
        for _ in 0..<4 { _ = try back.store.issueTicket(service: "A", by: back.desk); back.clock.advance(seconds: 1) }
        _ = try back.store.callNext(window: 1, by: wb)     // A001
        try back.store.markNoShow(window: 1, by: wb)
        var order: [String] = []
        for _ in 0..<4 { order.append(try back.store.callNext(window: 1, by: wb).number); try back.store.finish(window: 1, by: wb) }
        XCTAssertEqual(order, ["A002", "A003", "A004", "A001"])

        let after = try TestHall { $0.noShowRequeue = .afterOthers(2) }
        let wa = try after.signIn(1)
        for _ in 0..<5 { _ = try after.store.issueTicket(service: "A", by: after.desk); after.clock.advance(seconds: 1) }
        _ = try after.store.callNext(window: 1, by: wa)    // A001
        try after.store.markNoShow(window: 1, by: wa)
        order = []
        for _ in 0..<5 { order.append(try after.store.callNext(window: 1, by: wa).number); try after.store.finish(window: 1, by: wa) }
        XCTAssertEqual(order, ["A002", "A003", "A001", "A004", "A005"])
    }

    func testHoldCallBackTransferPauseWalkUp() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1), w2 = try h.signIn(2), w3 = try h.signIn(3)
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "A", by: h.desk); h.clock.advance(seconds: 1) }
        let first = try h.store.callNext(window: 1, by: w1)
        try h.store.hold(window: 1, note: "回去取户口簿", by: w1)
        XCTAssertEqual(try h.store.windowSnapshot(1).held.map(\.number), [first.number])
        XCTAssertEqual(try h.store.callNext(window: 1, by: w1).number, "A002")
        XCTAssertThrowsError(try h.store.callBack(window: 1, by: w1))           // still serving A002
        try h.store.finish(window: 1, by: w1)
        XCTAssertEqual(try h.store.callBack(window: 1, by: w1).number, first.number)
        XCTAssertThrowsError(try h.store.callBack(window: 2, by: w2))           // not held at window 2

        // Transfer to window 3 (which does not serve A): only window 3 may call it, at the front.
        _ = try h.store.issueTicket(service: "C", by: h.desk)
        try h.store.transfer(window: 1, to: .window(3), position: .front, note: "需办营业执照", by: w1)
        XCTAssertThrowsError(try h.store.callNumber(first.number, window: 2, by: w2))
        let t3 = try h.store.callNext(window: 3, by: w3)
        XCTAssertEqual(t3.number, first.number)
        XCTAssertEqual(t3.note, "需办营业执照")
        // Transfer to a service at the back: the ticket now waits in C.
        try h.store.transfer(window: 3, to: .service("B"), position: .back, note: nil, by: w3)
        XCTAssertEqual(try h.store.ticket(number: first.number).serviceId, try h.store.services().first { $0.code == "B" }!.id)

        try h.store.setPaused(true, window: 2, reason: "系统故障", by: w2)
        XCTAssertThrowsError(try h.store.callNext(window: 2, by: w2)) { XCTAssertEqual($0 as? StoreError, .windowPaused(2)) }
        try h.store.setPaused(false, window: 2, by: w2)
        XCTAssertEqual(try h.store.callNext(window: 2, by: w2).number, first.number)   // B first at window 2
        try h.store.finish(window: 2, by: w2)

        let walk = try h.store.serveWalkUp(service: "A", window: 2, by: w2)
        XCTAssertTrue(walk.isWalkUp)
        XCTAssertEqual(walk.status, .serving)
        XCTAssertEqual(try h.store.windowSnapshot(2).current?.id, walk.id)
    }

    /// Found by the model test: finishing the current ticket reopened a paused window for calls.
    func testFinishingAtAPausedWindowKeepsItPaused() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.setPaused(true, window: 1, reason: "午休", by: w1)
        try h.store.finish(window: 1, by: w1)
        XCTAssertEqual(try h.store.windowSnapshot(1).status, .paused)
        XCTAssertThrowsError(try h.store.callNext(window: 1, by: w1)) { XCTAssertEqual($0 as? StoreError, .windowPaused(1)) }
    }

    func testSignInLockoutAfterFiveWrongPINs() throws {
        let h = try TestHall()
        for i in 1...4 {
            XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1001", pin: "0000", window: 1, terminal: "t")) {
                XCTAssertEqual($0 as? StoreError, .wrongPIN(remaining: 5 - i))
            }
        }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1001", pin: "0000", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .clerkLocked(minutes: 5))
        }
        // Even the right PIN is refused while locked.
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .clerkLocked(minutes: 5))
        }
        h.clock.advance(seconds: 301)
        XCTAssertEqual(try h.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "t").name, "李敏")
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: "1234", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .windowInUse(window: 1, clerk: "李敏"))
        }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1001", pin: "1234", window: 2, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .clerkAtOtherWindow(clerk: "李敏", window: 1))
        }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "9999", pin: "1", window: 1, terminal: "t"))
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: "1234", window: 42, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .noSuchWindow(42))
        }
        // The PIN is stored only as a salted slow hash.
        let stored = try h.store.pool.read { db in try String.fetchAll(db, sql: "SELECT pin_hash FROM clerk") }
        XCTAssertTrue(stored.allSatisfy { $0.hasPrefix("pbkdf2-sha256$") && !$0.contains("1234") })
        XCTAssertEqual(Set(stored).count, stored.count, "salts differ even for equal PINs")
    }

    func testLongAndHostileNotesAreBoundedAndInert() throws {
        let h = try TestHall()
        let w1 = try h.signIn(1)
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        _ = try h.store.callNext(window: 1, by: w1)
        let note = "\u{1b}]0;pwned\u{07}" + String(repeating: "长", count: 10_000)
        let t = try h.store.transfer(window: 1, to: .service("B"), position: .back, note: note, by: w1)
        XCTAssertLessThanOrEqual(t.note!.count, 501)
        XCTAssertFalse(t.note!.unicodeScalars.contains { $0.value < 0x20 })
    }
}
