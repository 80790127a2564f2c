import Foundation
import Logging
import PostgresNIO
import SyncProtocol

/// Writes and prunes the centre-owned change logs that halls pull.
public struct BucketLog: Sendable {
    let client: PostgresClient
    let logger: Logger

    public struct Change: Sendable {
        public var entity: String
        public var entityId: String
        public var payload: String?
        public init(entity: String, entityId: String, payload: String?) {
            self.entity = entity; self.entityId = entityId; self.payload = payload
        }
    }

    /// Appends changes to a bucket in one transaction. Writers take a table lock first: ids come
    /// from a sequence when the row is inserted, so without it two writers could commit out of id
    /// order and a pull running between the commits would move its cursor past a row it never saw.
    /// Reference data changes rarely, so serializing its writers costs nothing; readers never wait.
    public func publish(_ bucket: Bucket, _ changes: [Change]) async throws {
        try await client.withTransaction(logger: logger) { conn in
            try await Self.append(bucket, changes, on: conn, logger: logger)
        }
    }

    /// Appends inside a caller's transaction (e.g. with the booking row it publishes).
    static func append(_ bucket: Bucket, _ changes: [Change], on conn: PostgresConnection, logger: Logger) async throws {
        let owner = Self.owner(bucket)
        try await conn.query("LOCK TABLE bucket_change IN SHARE ROW EXCLUSIVE MODE", logger: logger)
        for c in changes {
            try await conn.query("""
                INSERT INTO bucket_change (hall_id, bucket, entity, entity_id, payload)
                VALUES (\(owner), \(bucket.name), \(c.entity), \(c.entityId), \(c.payload))
                """, logger: logger)
        }
    }

    /// The bucket's current state: the latest payload of every entity not deleted, keyed
    /// "entity/entity_id". Publishers diff against it so an unchanged entry is not logged again.
    public func current(_ bucket: Bucket) async throws -> [String: String] {
        var out: [String: String] = [:]
        let rows = try await client.query("""
            SELECT DISTINCT ON (entity, entity_id) entity, entity_id, payload FROM bucket_change
            WHERE hall_id = \(Self.owner(bucket)) AND bucket = \(bucket.name) ORDER BY entity, entity_id, id DESC
            """, logger: logger)
        for try await (entity, id, payload) in rows.decode((String, String, String?).self) {
            if let payload { out[entity + "/" + id] = payload }
        }
        return out
    }

    /// Compacts the log through `version`: drops entries a later entry of the same entity replaced,
    /// and deletions. What is left is still the bucket's whole current state, so a hall whose
    /// cursor is older than the horizon is told to drop its copy and pull again from 0.
    public func prune(_ bucket: Bucket, through version: Int64) async throws {
        let owner = Self.owner(bucket)
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("""
                DELETE FROM bucket_change b WHERE b.hall_id = \(owner) AND b.bucket = \(bucket.name) AND b.id <= \(version)
                  AND (b.payload IS NULL OR EXISTS (SELECT 1 FROM bucket_change n WHERE n.hall_id = b.hall_id
                       AND n.bucket = b.bucket AND n.entity = b.entity AND n.entity_id = b.entity_id AND n.id > b.id))
                """, logger: logger)
            try await conn.query("""
                INSERT INTO bucket_horizon (hall_id, id, pruned_through) VALUES (\(owner), \(bucket.name), \(version))
                ON CONFLICT (hall_id, id) DO UPDATE SET pruned_through = GREATEST(bucket_horizon.pruned_through, EXCLUDED.pruned_through)
                """, logger: logger)
        }
    }

    func horizon(_ bucket: Bucket) async throws -> Int64 {
        let rows = try await client.query("""
            SELECT pruned_through FROM bucket_horizon WHERE hall_id = \(Self.owner(bucket)) AND id = \(bucket.name)
            """, logger: logger)
        for try await v in rows.decode(Int64.self) { return v }
        return 0
    }

    /// Shared buckets are stored under hall_id '*', so every table keeps its (hall_id, id) key.
    static func owner(_ bucket: Bucket) -> String {
        if case .hall(let id) = bucket { return id }
        return "*"
    }
}

extension Central {
    public var buckets: BucketLog { BucketLog(client: client, logger: logger) }
}
