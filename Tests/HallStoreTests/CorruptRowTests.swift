import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// A row this version cannot read is a reported error naming the row, never a default; and the
/// store's messages name no screen key.
final class CorruptRowTests: XCTestCase {
    /// The old decoding read an unknown status as "waiting": a damaged row would have put a
    /// finished ticket back in the queue without a word.
    func testATicketWithAnUnknownStatusIsReportedNotReadAsWaiting() throws {
        let h = try TestHall()
        let issued = try h.store.issueTicket(service: "A", by: .system("t"))
        try h.store.pool.write { db in try db.execute(sql: "UPDATE ticket SET status = 'bogus' WHERE id = ?", arguments: [issued.ticket.id]) }
        XCTAssertThrowsError(try h.store.ticket(number: issued.ticket.number)) { error in
            XCTAssertEqual(error as? StoreError, .corruptRow(table: "ticket", id: issued.ticket.id, column: "status", value: "bogus"))
            XCTAssertTrue(error.localizedDescription.contains("无法识别"), error.localizedDescription)
        }
    }

    /// The old decoding read an unknown role as a window clerk.
    func testAClerkWithAnUnknownRoleCannotSignIn() throws {
        let h = try TestHall()
        try h.store.pool.write { db in try db.execute(sql: "UPDATE clerk SET role = 'root' WHERE number = '1001'") }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "t")) { error in
            guard case .corruptRow(table: "clerk", _, column: "role", value: "root")? = error as? StoreError else {
                return XCTFail("\(error)")
            }
        }
    }

    /// Issue 12's "请先按 恢复": the store cannot know the screen's keys, so it names none.
    func testStoreMessagesNameNoKey() {
        let text = StoreError.windowPaused(3).localizedDescription
        XCTAssertFalse(text.contains("按"), text)
        XCTAssertTrue(text.contains("3 号窗口已暂停叫号"), text)
    }
}

extension CorruptRowTests {
    /// The old decoding read a damaged queue policy as the default policy: the hall's recall
    /// limit and no-show rule changed without a word.
    func testADamagedPolicyIsReportedNotReplacedByTheDefault() throws {
        let h = try TestHall()
        try h.store.pool.write { db in try db.execute(sql: "UPDATE hall SET policy = '{\"recallLimit\": \"three\"}'") }
        XCTAssertThrowsError(try h.store.hall()) { error in
            guard case .corruptRow(table: "hall", _, column: "policy", _)? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try h.store.issueTicket(service: "A", by: .system("t")), "no write under a policy nobody set")
    }
}
