import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Cases, ratings and printed documents decode like tickets and clerks: a damaged row is a
/// `corruptRow` error naming table, row and column (issue 11), never a default. The old decoding
/// read an unknown case status as 草稿, an unknown rating level as 比较满意, damaged reasons as
/// none and an unknown document kind as the body's kind, each without a word.
final class CorruptRecordRowTests: XCTestCase {
    /// Damages a row as a broken file or a foreign tool would: the append-only triggers are
    /// dropped first (they guard against the application, not against the disk).
    func damage(_ h: TestHall, _ sql: String, dropping triggers: [String] = []) throws {
        try h.store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")   // the level's CHECK, as a foreign tool could
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            for t in triggers { try db.execute(sql: "DROP TRIGGER \(t)") }
            try db.execute(sql: sql)
        }
    }

    func column(_ error: Error) -> (table: String, column: String, value: String)? {
        guard case .corruptRow(let t, _, let c, let v)? = error as? StoreError else { return nil }
        return (t, c, v)
    }

    func testACaseWithAnUnknownStatusIsReportedNotReadAsADraft() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                     matters: [CaseMatter(code: "M1", version: 1, name: "事项", promisedWorkingDays: 3)], checks: [], by: by)
        try damage(h, "UPDATE case_file SET status = 'lost' WHERE id = '\(c.id)'")
        XCTAssertThrowsError(try h.store.`case`(id: c.id)) { XCTAssertEqual(self.column($0)?.column, "status", "\($0)") }
        XCTAssertThrowsError(try h.store.cases(matching: "")) { XCTAssertEqual(self.column($0)?.table, "case_file", "\($0)") }
    }

    func testACaseWhoseMattersDoNotDecodeIsReportedNotListedWithNone() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        _ = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                 matters: [CaseMatter(code: "M1", version: 1, name: "事项", promisedWorkingDays: 3)], checks: [], by: by)
        try damage(h, "UPDATE case_file SET matters = '{broken'")
        XCTAssertThrowsError(try h.store.cases(matching: "")) { error in
            XCTAssertEqual(self.column(error)?.column, "matters", "\(error)")
            XCTAssertTrue(error.localizedDescription.contains("case_file"), error.localizedDescription)
        }
    }

    func testARatingWithAnUnknownLevelOrBrokenReasonsIsReported() throws {
        let h = try TestHall()
        let invitation = try h.finishedService()
        try h.store.rate(window: 1, eventId: invitation.id, level: .dissatisfied, reasons: ["办事效率"], by: .system("pad-1"))
        let supervisor = try h.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let day = h.store.clock.now()
        let key = try h.store.hall().calendar.dayKey(day)
        XCTAssertEqual(try h.store.ratings(fromDay: key, toDay: key, reader: supervisor).first?.level, .dissatisfied)

        try damage(h, "UPDATE rating SET level = 'meh'", dropping: ["rating_no_update"])
        XCTAssertThrowsError(try h.store.ratings(fromDay: key, toDay: key, reader: supervisor)) { error in
            XCTAssertEqual(self.column(error)?.table, "rating"); XCTAssertEqual(self.column(error)?.value, "meh")
        }
        try damage(h, "UPDATE rating SET level = 4, reasons = 'not json'")
        XCTAssertThrowsError(try h.store.ratings(fromDay: key, toDay: key, reader: supervisor)) { error in
            XCTAssertEqual(self.column(error)?.column, "reasons", "\(error)")
        }
    }

    func testADocumentOfAnUnknownKindOrAJobOfAnUnknownStatusIsReported() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, notice) = try DocumentStoreTests(name: "helper", testClosure: { _ in }).correctionCase(h, by)
        let doc = try h.store.issueDocument(noticeId: notice.id, by: by)
        try damage(h, "UPDATE printed_document SET kind = 'memo'", dropping: ["printed_document_no_update"])
        XCTAssertThrowsError(try h.store.documents(caseId: c.id)) { error in
            XCTAssertEqual(self.column(error)?.table, "printed_document"); XCTAssertEqual(self.column(error)?.value, "memo")
        }
        try damage(h, "UPDATE printed_document SET kind = '\(doc.kind.rawValue)'")
        try damage(h, """
            INSERT INTO print_job (id, hall_id, document_id, printer, is_reprint, status, attempts, created_at, updated_at)
            SELECT 'job-1', hall_id, id, 'lp', 0, 'jammed', 0, 0, 0 FROM printed_document
            """)
        XCTAssertThrowsError(try h.store.printJobs(documentId: doc.id)) { error in
            XCTAssertEqual(self.column(error)?.table, "print_job"); XCTAssertEqual(self.column(error)?.value, "jammed")
        }
    }
}
