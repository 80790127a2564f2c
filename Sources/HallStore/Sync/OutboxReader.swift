import Foundation
import GRDB
import HallCore

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
        try write { db in try Self.recordAcked(db, through: seq, at: now, clockOffset: clockOffset) }
    }

    /// sync_state.acked_through_seq also keeps new operations numbered past what the centre holds
    /// (BusinessTransaction numbers from the larger of it and the outbox's last seq).
    static func recordAcked(_ db: Database, through seq: Int64, at now: Date, clockOffset: Double?) throws {
        try db.execute(sql: "UPDATE outbox SET acked_at = ? WHERE seq <= ? AND acked_at IS NULL",
                       arguments: [now.timeIntervalSince1970, seq])
        try db.execute(sql: """
            UPDATE sync_state SET acked_through_seq = ?, last_attempt_at = ?, last_success_at = ?, last_error = NULL,
                clock_offset = COALESCE(?, clock_offset) WHERE id = 1
            """, arguments: [seq, now.timeIntervalSince1970, now.timeIntervalSince1970, clockOffset])
    }

    /// What `reconcile` did when the store turned out to be behind the centre.
    public struct Renumbering: Sendable, Equatable {
        /// Operations moved past the centre's seq (0 when the restored copy had nothing unconfirmed).
        public var count: Int
        /// Their old seq range and the new one (nil when none moved).
        public var from: ClosedRange<Int64>?
        public var to: ClosedRange<Int64>?
    }

    /// Applies the handshake's answer. Normally this only records that everything through
    /// `centreSeq` is stored centrally. But when the centre holds a different operation at that
    /// seq, or one this store never had, the store was restored from an old backup: the seqs after
    /// the backup were used at the centre by operations this copy lost, and new local operations
    /// reused them. Marking those acked would silently drop them; sending them under their seq
    /// gets them refused. So every operation the centre has not confirmed (unacked, or above
    /// `centreSeq`) moves, in order, to `centreSeq + 1…`. The ones the centre already has come back
    /// as duplicates by op id, the others are stored. One IMMEDIATE transaction, so a business
    /// write in another process lands before (and is moved) or after (and numbers past it).
    public func reconcile(centreSeq: Int64, centreOpId: String?, at now: Date, clockOffset: Double?) throws -> Renumbering? {
        do {
            return try pool.writeWithoutTransaction { db in
                var moved: Renumbering?
                try db.inTransaction(.immediate) {
                    let local = try String.fetchOne(db, sql: "SELECT op_id FROM outbox WHERE seq = ?", arguments: [centreSeq])
                    let known = try Int64.fetchOne(db, sql: "SELECT acked_through_seq FROM sync_state WHERE id = 1") ?? 0
                    // No op at that seq is fine only once this store has already caught up with it
                    // (a restored copy whose ops were all confirmed numbers its next op past it).
                    let diverged = centreSeq > 0
                        && (local == nil ? known < centreSeq : (centreOpId != nil && local != centreOpId))
                    if diverged {
                        let seqs = try Int64.fetchAll(db, sql: "SELECT seq FROM outbox WHERE acked_at IS NULL OR seq > ? ORDER BY seq",
                                                      arguments: [centreSeq])
                        // Negated first, so the new numbers never collide with the old ones.
                        try db.execute(sql: "UPDATE outbox SET seq = -seq WHERE acked_at IS NULL OR seq > ?", arguments: [centreSeq])
                        for (i, old) in seqs.enumerated() {
                            try db.execute(sql: "UPDATE outbox SET seq = ?, acked_at = NULL WHERE seq = ?",
                                           arguments: [centreSeq + 1 + Int64(i), -old])
                        }
                        moved = Renumbering(count: seqs.count, from: seqs.first.map { $0...seqs.last! },
                                            to: seqs.isEmpty ? nil : (centreSeq + 1)...(centreSeq + Int64(seqs.count)))
                    }
                    try Self.recordAcked(db, through: centreSeq, at: now, clockOffset: clockOffset)
                    return .commit
                }
                return moved
            }
        } catch { throw StoreError.from(error) }
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

extension Appointment {
    /// What the centre gets of an appointment: it counts and schedules them, it does not call the
    /// applicant, so name and phone travel masked (张*, 138****5678); the hall keeps them whole.
    var maskedForSync: Appointment {
        var a = self
        a.applicantName = maskName(applicantName)
        a.phone = maskPhone(phone)
        return a
    }
}
