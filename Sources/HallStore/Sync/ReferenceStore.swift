import Foundation
import GRDB

/// One pulled change, in the store's own terms (HallStore knows no wire types).
public struct ReferenceChange: Sendable, Equatable {
    public var version: Int64
    public var entity: String
    public var entityId: String
    /// nil: the centre deleted the entity.
    public var payload: String?
    public init(version: Int64, entity: String, entityId: String, payload: String?) {
        self.version = version; self.entity = entity; self.entityId = entityId; self.payload = payload
    }
}

extension HallStore {
    /// Where this node's copy of a bucket stands (0: nothing pulled yet).
    public func bucketCursor(_ bucket: String) throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT cursor FROM sync_bucket WHERE bucket = ?", arguments: [bucket]) ?? 0 }
    }

    /// Applies a page and moves the bucket's cursor in ONE transaction: a crash mid-page leaves
    /// the old cursor and none of the page, so the page is simply pulled again.
    public func applyReferencePage(bucket: String, changes: [ReferenceChange], nextCursor: Int64, checksum: String) throws {
        try write { db in
            for c in changes {
                if let payload = c.payload {
                    try db.execute(sql: """
                        INSERT INTO sync_reference (bucket, entity, entity_id, version, payload) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (bucket, entity, entity_id) DO UPDATE SET version = excluded.version, payload = excluded.payload
                        """, arguments: [bucket, c.entity, c.entityId, c.version, payload])
                } else {
                    try db.execute(sql: "DELETE FROM sync_reference WHERE bucket = ? AND entity = ? AND entity_id = ?",
                                   arguments: [bucket, c.entity, c.entityId])
                }
            }
            try db.execute(sql: """
                INSERT INTO sync_bucket (bucket, cursor, checksum, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (bucket) DO UPDATE SET cursor = excluded.cursor, checksum = excluded.checksum, updated_at = excluded.updated_at
                """, arguments: [bucket, nextCursor, checksum, Date().timeIntervalSince1970])
        }
    }

    /// Forgets one bucket's copy and cursor so it is pulled from the start. Other buckets and the
    /// outbox (pending local operations) are not touched.
    public func resetBucket(_ bucket: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM sync_reference WHERE bucket = ?", arguments: [bucket])
            try db.execute(sql: "DELETE FROM sync_bucket WHERE bucket = ?", arguments: [bucket])
        }
    }

    /// The pulled state of a bucket: (entity, entity id) → payload JSON.
    public func referenceData(_ bucket: String) throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT entity, entity_id, payload FROM sync_reference WHERE bucket = ?", arguments: [bucket]) {
                out["\(r["entity"] as String)/\(r["entity_id"] as String)"] = r["payload"]
            }
            return out
        }
    }
}
