import CentralServer
import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 16, must-deliver 3 (anchoring, the centre's half): the head of the node's audit chain
/// travels on every sync and is kept per hall and device; a head that does not extend the anchored
/// one — the chain cut short, or edited and re-hashed — is flagged: an alert row, the hall's count
/// on the overview and in /metrics, and the Chinese reason on the node. The operations still flow.
final class AuditAnchorCentreTests: XCTestCase {
    static func anchors(_ f: CentralFixture) throws -> String {
        try TestPostgres.shared.get().psql(f.database, "SELECT seq || ' ' || hash FROM audit_anchor ORDER BY seq DESC LIMIT 1")
    }

    static func overviewAlerts(_ f: CentralFixture) async throws -> Int? {
        let admin = try await f.central.registry.issueApiToken(role: .admin, label: "审计").token
        return try await CentralOverviewClient(transport: f.transport, token: admin).overview().halls.first?.auditAlerts
    }

    static func metrics(_ f: CentralFixture) async throws -> String {
        let reader = try await f.central.registry.issueApiToken(role: .metrics, label: "prometheus").token
        let r = try await f.transport.send(method: "GET", path: SyncPaths.metrics, query: nil, body: nil, token: reader)
        return String(decoding: r.body, as: UTF8.self)
    }

    func testEachSyncAnchorsTheHeadAndAnHonestChainRaisesNothing() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(2)
            var s = try await f.client().pushAll()
            var head = try XCTUnwrap(try f.store.auditHead())
            XCTAssertEqual(try Self.anchors(f), "\(head.seq) \(head.hash)", "the head is anchored at the first sync")
            XCTAssertEqual(try f.store.auditAnchorSeq(), head.seq, "the node keeps the seq it must prove next time")
            try f.issueTickets(3)
            s = try await f.client().pushAll()
            head = try XCTUnwrap(try f.store.auditHead())
            XCTAssertNil(s.auditAlert)
            XCTAssertEqual(try Self.anchors(f), "\(head.seq) \(head.hash)", "the anchor moves with a chain that extends it")
            s = try await f.client().pushAll()
            XCTAssertNil(s.auditAlert, "a head that did not move is no alert")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM audit_anchor_alert"), 0)
            let alerts = try await Self.overviewAlerts(f)
            XCTAssertEqual(alerts, 0)
            let text = try await Self.metrics(f)
            XCTAssertTrue(text.contains("yichuang_hall_audit_alerts{hall=\"\(f.hallId)\"} 0"), text)
        }
    }

    func testTruncatedChainIsFlaggedAtTheCentre() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(4)
            _ = try await f.client().pushAll()
            let anchored = try XCTUnwrap(try f.store.auditHead())
            // The last three entries deleted behind the guard trigger, which is put back as it was.
            try truncateChain(f.store, after: anchored.seq - 3)
            XCTAssertTrue(try f.store.verify().audit.isIntact, "the chain that is left is intact")
            let s = try await f.client().pushAll()
            let alert = try XCTUnwrap(s.auditAlert, "the node is told")
            XCTAssertTrue(alert.contains("审计日志被截断：节点现在的末条是第 \(anchored.seq - 3) 条，中心上次锚定的是第 \(anchored.seq) 条"), alert)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM audit_anchor_alert WHERE problem = 'truncated' AND anchored_seq = \(anchored.seq) AND reported_seq = \(anchored.seq - 3)"), 1)
            let alerts = try await Self.overviewAlerts(f)
            XCTAssertEqual(alerts, 1)
            let text = try await Self.metrics(f)
            XCTAssertTrue(text.contains("yichuang_hall_audit_alerts{hall=\"\(f.hallId)\"} 1"), text)
            XCTAssertTrue(text.contains("yichuang_audit_anchor_alerts_total 1"), text)
            let listed = try await f.central.auditAlerts(hallId: f.hallId)
            XCTAssertEqual(listed.map(\.problem), [.truncated])
            // Flagged, not refused: the hall's operations still reach the centre.
            try f.issueTickets(1)
            let after = try await f.client().pushAll()
            XCTAssertNil(after.auditAlert, "re-anchored at the new head: the same cut is not reported twice")
            try f.assertCentralEqualsLocal()
        }
    }

    func testRecomputedChainIsFlaggedAtTheCentre() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(3)
            _ = try await f.client().pushAll()
            let anchored = try XCTUnwrap(try f.store.auditHead())
            // An old entry edited and every hash after it recomputed; then the hall works on, so
            // the head the node reports is past the anchor and only the proof can tell.
            try forgeCentreChain(f.store, editing: 2, detail: "篡改")
            XCTAssertTrue(try f.store.verify().audit.isIntact, "a recomputed chain passes the hash chain check")
            try f.issueTickets(1)
            let s = try await f.client().pushAll()
            let alert = try XCTUnwrap(s.auditAlert)
            XCTAssertTrue(alert.contains("审计日志被改写：节点第 \(anchored.seq) 条的哈希是"), alert)
            XCTAssertTrue(alert.contains("中心锚定的是 \(anchored.hash.prefix(16))…"), alert)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM audit_anchor_alert WHERE problem = 'rewritten' AND anchored_seq = \(anchored.seq)"), 1)
            let alerts = try await Self.overviewAlerts(f)
            XCTAssertEqual(alerts, 1)
            try f.assertCentralEqualsLocal()
        }
    }

    /// The node's record of what the centre anchored wiped (to hide a rewrite from the proof):
    /// the centre cannot check the chain and says so.
    func testAHeadWithoutItsProofIsFlagged() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(1)
            _ = try await f.client().pushAll()
            try f.store.recordAuditAnchor(seq: nil)
            try f.issueTickets(1)
            let s = try await f.client().pushAll()
            XCTAssertTrue(try XCTUnwrap(s.auditAlert).contains("无法核对审计日志"), s.auditAlert ?? "")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM audit_anchor_alert WHERE problem = 'unproven'"), 1)
        }
    }
}

/// The entries after `seq` deleted behind the guard trigger, which is put back as it was.
func truncateChain(_ store: HallStore, after seq: Int64) throws {
    try store.pool.write { db in
        let trigger = try XCTUnwrap(String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'"))
        try db.execute(sql: "DROP TRIGGER audit_no_delete")
        try db.execute(sql: "DELETE FROM audit_entry WHERE seq > ?", arguments: [seq])
        try db.execute(sql: trigger)
    }
}

/// Entry `seq` changed and every hash from it on recomputed, guard trigger dropped and restored.
func forgeCentreChain(_ store: HallStore, editing seq: Int64, detail: String) throws {
    try store.pool.write { db in try forgeCentreChain(db, editing: seq, detail: detail) }
}

func forgeCentreChain(_ db: Database, editing seq: Int64, detail: String) throws {
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
