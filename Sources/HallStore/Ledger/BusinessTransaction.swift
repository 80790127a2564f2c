import Foundation
import GRDB
import HallCore

/// One business write. Whatever the body changes, the same SQLite transaction also gets at least
/// one outbox operation (for sync) and one hash-chained audit entry (who, what, when, terminal):
/// `HallStore.perform` refuses to commit a business write that recorded neither.
public final class BusinessTransaction {
    public let db: Database
    public let attribution: Attribution
    public let now: Date
    let hallId: String
    let serviceDay: String
    private(set) var outboxCount = 0
    private(set) var auditCount = 0
    static let schemaVersion = 1

    init(db: Database, attribution: Attribution, now: Date, hallId: String, serviceDay: String) {
        self.db = db; self.attribution = attribution; self.now = now
        self.hallId = hallId; self.serviceDay = serviceDay
    }

    /// Appends an outbox operation with a gap-free sequence (writes are serialized by SQLite, so
    /// max+1 inside the transaction never collides) and the node's next HLC timestamp.
    func outbox<T: Encodable>(_ kind: OperationKind, entityId: String?, payload: T) throws {
        // One read for the device, the HLC, the clock offset and the next seq. The seq goes past
        // the centre's acked seq too: a store restored from an old backup must not reuse seqs the
        // centre already holds (see HallStore.reconcile).
        let node = try db.fetchOneCached("""
            SELECT device_id, hlc_last, (SELECT clock_offset FROM sync_state WHERE id = 1) AS clock_offset,
                MAX(COALESCE((SELECT MAX(seq) FROM outbox), 0), COALESCE((SELECT acked_through_seq FROM sync_state WHERE id = 1), 0)) AS last_seq
            FROM node WHERE id = 1
            """)
        guard let node else { throw StoreError.internalError("node row missing") }
        let deviceId: String = node["device_id"]
        let last = (node["hlc_last"] as String?).flatMap(HLCTimestamp.init)
        // The HLC runs on centre-corrected time (the offset the last sync answer measured), so a
        // station whose clock is a year off still orders its facts sensibly against other halls;
        // wall_time keeps what the device's own clock said.
        let offset: Double = node["clock_offset"] ?? 0
        let hlc = HLCTimestamp.next(after: last, wallTime: now.addingTimeInterval(offset))
        try db.executeCached("UPDATE node SET hlc_last = ? WHERE id = 1", [hlc.description])
        let seq = (node["last_seq"] as Int64? ?? 0) + 1
        let body = jsonText(payload)
        try db.executeCached("""
            INSERT INTO outbox (seq, op_id, hall_id, device_id, hlc, wall_time, schema_version, kind, entity_id, payload, sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [seq, newId(), hallId, deviceId, hlc.description, now.timeIntervalSince1970,
                  Self.schemaVersion, kind.rawValue, entityId, body, Digest.sha256Hex(body)])
        outboxCount += 1
    }

    /// Appends an audit entry chained to the previous one by SHA-256.
    public func audit(action: String, entity: String, entityId: String?, detail: String) throws {
        let prev = try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1")) ?? AuditLog.genesis
        let entry = AuditLog.Entry(id: newId(), hallId: hallId, at: now.timeIntervalSince1970,
                                   clerkId: attribution.clerkId, clerkNumber: attribution.clerkNumber,
                                   terminal: attribution.terminal, action: action, entity: entity,
                                   entityId: entityId, detail: detail)
        let hash = AuditLog.hash(entry, prev: prev)
        try db.executeCached("""
            INSERT INTO audit_entry (id, hall_id, at, clerk_id, clerk_number, terminal, action, entity, entity_id, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [entry.id, hallId, entry.at, entry.clerkId, entry.clerkNumber, entry.terminal,
                  action, entity, entityId, detail, prev, hash])
        auditCount += 1
    }

    /// Records a queue fact: the event row, its outbox operation and its audit entry.
    @discardableResult
    /// `forClerk` names whose work the event counts as in the reports when that is not the
    /// signed-in person's: a supervisor's 现场调度 moves a clerk's ticket, and the transfer is
    /// the window clerk's figure (or nobody's), never the supervisor's.
    func record(_ kind: QueueEventKind, ticket: Ticket? = nil, windowNumber: Int? = nil,
                waitSeconds: Double? = nil, detail: String? = nil, forClerk: EventClerk = .signedIn) throws -> QueueEvent {
        let clerkId: String?
        switch forClerk {
        case .signedIn: clerkId = attribution.clerkId
        case .other(let id): clerkId = id
        }
        let event = QueueEvent(id: newId(), kind: kind, at: now, ticketId: ticket?.id, ticketNumber: ticket?.number,
                               serviceId: ticket?.serviceId, windowNumber: windowNumber ?? ticket?.windowNumber,
                               clerkId: clerkId, waitSeconds: waitSeconds, detail: detail)
        try db.executeCached("""
            INSERT INTO queue_event (id, hall_id, kind, at, service_day, ticket_id, ticket_number, service_id, window_number, clerk_id, wait_seconds, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [event.id, hallId, kind.rawValue, now.timeIntervalSince1970, serviceDay, event.ticketId,
                             event.ticketNumber, event.serviceId, event.windowNumber, event.clerkId,
                             waitSeconds, detail])
        struct Payload: Encodable { let event: QueueEvent; let ticket: Ticket? }
        try outbox(.queueEvent, entityId: ticket?.id, payload: Payload(event: event, ticket: ticket))
        var text = kind.label
        if let t = ticket { text += " \(t.number)" }
        if let w = event.windowNumber { text += " \(w)号窗口" }
        if let d = detail { text += " \(d)" }
        try audit(action: "queue.\(kind.rawValue)", entity: "ticket", entityId: ticket?.id, detail: text)
        return event
    }
}

public func newId() -> String { UUID().uuidString.lowercased() }

/// Whose figure a queue event is (see `BusinessTransaction.record`).
enum EventClerk {
    case signedIn            // the person doing it
    case other(String?)      // the clerk at the window the ticket leaves; nil when nobody is
}
