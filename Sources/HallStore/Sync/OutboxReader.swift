import Foundation
import GRDB

/// One outbox row as the sync client reads it (the store's own shape, no wire types here).
public struct OutboxEntry: Sendable, Equatable {
    public var seq: Int64
    public var opId: String
    public var deviceId: String
    public var hlc: String
    public var wallTime: Double
    public var schemaVersion: Int
    public var kind: String
    public var entityId: String?
    public var payload: String
    public var sha256: String
}

/// The sync client's view of the local store: the outbox in seq order and its own state.
/// Nothing here writes a business row; marking acked only ever follows the centre's answer.
public struct SyncStatus: Sendable, Equatable {
    public var deviceId: String
    public var hallId: String
    public var pending: Int
    public var ackedThroughSeq: Int64
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var clockOffset: Double
}

extension HallStore {
    /// This node's identity for sync.
    public func syncIdentity() throws -> (hallId: String, deviceId: String) {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT hall_id, device_id FROM node WHERE id = 1") else {
                throw StoreError.notInitialized(path: self.path)
            }
            return (row["hall_id"], row["device_id"])
        }
    }

    /// Outbox operations after `seq`, oldest first. Reads by seq rather than by `acked_at`, so the
    /// centre's cursor (from the handshake) alone decides what is sent again.
    public func outbox(after seq: Int64, limit: Int) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, op_id, device_id, hlc, wall_time, schema_version, kind, entity_id, payload, sha256
                FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, limit]).map { r in
                OutboxEntry(seq: r["seq"], opId: r["op_id"], deviceId: r["device_id"], hlc: r["hlc"],
                            wallTime: r["wall_time"], schemaVersion: r["schema_version"], kind: r["kind"],
                            entityId: r["entity_id"], payload: r["payload"], sha256: r["sha256"])
            }
        }
    }

    /// Records the centre's answer: every operation through `seq` is stored centrally.
    public func markAcked(through seq: Int64, at now: Date, clockOffset: Double?) throws {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET acked_at = ? WHERE seq <= ? AND acked_at IS NULL",
                           arguments: [now.timeIntervalSince1970, seq])
            try db.execute(sql: """
                UPDATE sync_state SET acked_through_seq = ?, last_attempt_at = ?, last_success_at = ?, last_error = NULL,
                    clock_offset = COALESCE(?, clock_offset) WHERE id = 1
                """, arguments: [seq, now.timeIntervalSince1970, now.timeIntervalSince1970, clockOffset])
        }
    }

    /// Records a failed attempt, with the message the status bar and the log show.
    public func recordSyncFailure(_ message: String, at now: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1",
                           arguments: [now.timeIntervalSince1970, message])
        }
    }

    public func syncStatus() throws -> SyncStatus {
        try read { db in
            guard let node = try Row.fetchOne(db, sql: "SELECT hall_id, device_id FROM node WHERE id = 1"),
                  let s = try Row.fetchOne(db, sql: "SELECT * FROM sync_state WHERE id = 1") else {
                throw StoreError.notInitialized(path: self.path)
            }
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL") ?? 0
            return SyncStatus(deviceId: node["device_id"], hallId: node["hall_id"], pending: pending,
                              ackedThroughSeq: s["acked_through_seq"],
                              lastAttemptAt: (s["last_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                              lastSuccessAt: (s["last_success_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                              lastError: s["last_error"], clockOffset: s["clock_offset"])
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.from(error) }
    }
}
