import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Issue 16, must-deliver 3 (anchoring, the node's half): the close-of-day summary keeps the
/// audit chain's head and prints it, and `doctor` checks the chain against every summary's head.
/// The two edits the hash chain alone cannot see — the last entries deleted, or an entry edited
/// and every hash after it recomputed — leave an intact chain (`AuditLog.verify` passes) but no
/// longer match the head a summary wrote down.
final class AuditAnchorTests: XCTestCase {
    /// A day with tickets issued, called and finished, then closed; then the next day's work.
    func closedDay() throws -> (TestHall, DaySummary) {
        let h = try TestHall()
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        let w1 = try h.signIn(1)
        _ = try h.store.callNext(window: 1, by: w1)
        try h.store.finish(window: 1, by: w1)
        let summary = try h.store.closeDay(by: try h.supervisor)
        h.clock.advance(seconds: 24 * 3600)
        for _ in 0..<2 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        return (h, summary)
    }

    func testDaySummaryKeepsTheHeadAtClosingAndPrintsIt() throws {
        let (h, summary) = try closedDay()
        let head = try XCTUnwrap(summary.auditHead, "the summary keeps the audit head")
        let closeEntry = try h.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_entry WHERE action = 'admin.day.close'")
        }
        XCTAssertEqual(head, AuditLog.Head(seq: try XCTUnwrap(closeEntry)["seq"], hash: closeEntry!["hash"]),
                       "the head is the day-close entry itself")
        XCTAssertEqual(try h.store.daySummary(summary.day)?.auditHead, head, "stored with the summary")
        let doc = summary.document(hallName: "测试大厅", calendar: try h.store.hall().calendar)
        XCTAssertTrue(doc.fields.contains { $0.label == "审计日志末条" && $0.value == "第 \(head.seq) 条，哈希 \(head.hash)" },
                      "printed on the day summary: \(doc.fields)")
        XCTAssertTrue(summary.csvRows.rows.contains(["审计日志末条", "\(head.seq)", head.hash, "", "", "", "", "", "", "", ""]))
        let anchors = try XCTUnwrap(try h.store.ledgerChecks().first { $0.name.contains("日结汇总表记下的日志末条") })
        XCTAssertTrue(anchors.passed, anchors.firstBad ?? "")
        XCTAssertEqual(anchors.checked, 1)
    }

    /// The last entries deleted (the guard trigger dropped and put back as it was): the chain that
    /// is left is intact, but the summary's head is gone.
    func testTruncatedChainIsFoundAgainstTheDaySummary() throws {
        let (h, summary) = try closedDay()
        let head = try XCTUnwrap(summary.auditHead)
        try h.store.pool.write { db in
            let trigger = try XCTUnwrap(String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'"))
            try db.execute(sql: "DROP TRIGGER audit_no_delete")
            try db.execute(sql: "DELETE FROM audit_entry WHERE seq >= ?", arguments: [head.seq - 1])
            try db.execute(sql: trigger)
        }
        XCTAssertTrue(try h.store.verify().audit.isIntact, "the hash chain alone does not see a cut at its end")
        let checks = try h.store.ledgerChecks()
        XCTAssertTrue(checks.filter { !$0.name.contains("日结汇总表") }.allSatisfy(\.passed), "\(checks)")
        let anchors = try XCTUnwrap(checks.first { $0.name.contains("日结汇总表记下的日志末条") })
        XCTAssertEqual(anchors.firstBad, "\(summary.day) 日结时审计日志到第 \(head.seq) 条，现在只到第 \(head.seq - 2) 条：第 \(head.seq - 1) 至 \(head.seq) 条被删除（日志被截断）")
    }

    /// An entry of the closed day edited and every hash from it on recomputed: `verify` passes,
    /// the anchor does not.
    func testRecomputedChainIsFoundAgainstTheDaySummary() throws {
        let (h, summary) = try closedDay()
        let head = try XCTUnwrap(summary.auditHead)
        try h.store.pool.write { db in try forgeChain(db, editing: 3, detail: "取号 A001（篡改）") }
        XCTAssertTrue(try h.store.verify().audit.isIntact, "a recomputed chain passes the hash chain check")
        let anchors = try XCTUnwrap(try h.store.ledgerChecks().first { $0.name.contains("日结汇总表记下的日志末条") })
        let bad = try XCTUnwrap(anchors.firstBad)
        XCTAssertTrue(bad.hasPrefix("\(summary.day) 日结时记下审计日志第 \(head.seq) 条的哈希为 \(head.hash.prefix(16))…"), bad)
        XCTAssertTrue(bad.hasSuffix("该条或其之前的记录被改写后重新计算了哈希链"), bad)
    }
}

/// What someone with the file and the source can do: change entry `seq` and recompute every hash
/// from it on, with the guard trigger dropped and put back as it was.
func forgeChain(_ db: Database, editing seq: Int64, detail: String) throws {
    let trigger = try XCTUnwrap(String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'"))
    try db.execute(sql: "DROP TRIGGER audit_no_update")
    try db.execute(sql: "UPDATE audit_entry SET detail = ? WHERE seq = ?", arguments: [detail, seq])
    var prev = try String.fetchOne(db, sql: "SELECT hash FROM audit_entry WHERE seq < ? ORDER BY seq DESC LIMIT 1", arguments: [seq]) ?? AuditLog.genesis
    for r in try Row.fetchAll(db, sql: "SELECT * FROM audit_entry WHERE seq >= ? ORDER BY seq", arguments: [seq]) {
        let e = AuditLog.Entry(id: r["id"], hallId: r["hall_id"], at: r["at"], clerkId: r["clerk_id"], clerkNumber: r["clerk_number"],
                               terminal: r["terminal"], action: r["action"], entity: r["entity"], entityId: r["entity_id"], detail: r["detail"])
        let hash = AuditLog.hash(e, prev: prev)
        try db.execute(sql: "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [prev, hash, r["seq"] as Int64])
        prev = hash
    }
    try db.execute(sql: trigger)
}
