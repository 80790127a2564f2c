import Foundation

/// Buckets of centre-owned reference data a hall pulls. `hall:<id>` carries what concerns one hall
/// (appointments, rectification decisions, configuration); the others are shared by all halls.
public enum Bucket: Sendable, Equatable, Hashable {
    case catalog
    case calendar
    case hall(String)

    public var name: String {
        switch self {
        case .catalog: "catalog"
        case .calendar: "calendar"
        case .hall(let id): "hall:\(id)"
        }
    }

    public init?(name: String) {
        switch name {
        case "catalog": self = .catalog
        case "calendar": self = .calendar
        default:
            guard name.hasPrefix("hall:"), name.count > 5 else { return nil }
            self = .hall(String(name.dropFirst(5)))
        }
    }
}

/// One change in a bucket's log: `version` is the cursor position after applying it.
public struct BucketChange: Codable, Sendable, Equatable {
    public var version: Int64
    public var entity: String
    public var entityId: String
    /// JSON text of the new state; nil means the entity was deleted.
    public var payload: String?
    public init(version: Int64, entity: String, entityId: String, payload: String?) {
        self.version = version; self.entity = entity; self.entityId = entityId; self.payload = payload
    }
}

public struct PullPage: Codable, Sendable, Equatable {
    public var bucket: String
    public var changes: [BucketChange]
    /// Store this with the applied changes, in the same local transaction.
    public var nextCursor: Int64
    public var hasMore: Bool
    /// SHA-256 over the page's changes (see `PageChecksum`), so a corrupted page is never applied.
    public var checksum: String
    /// True when the given cursor is older than the retained log: the client drops this bucket's
    /// local copy (only this bucket) and starts again from 0.
    public var reset: Bool
    public var serverTime: Double
    public init(bucket: String, changes: [BucketChange], nextCursor: Int64, hasMore: Bool, checksum: String,
                reset: Bool, serverTime: Double) {
        self.bucket = bucket; self.changes = changes; self.nextCursor = nextCursor; self.hasMore = hasMore
        self.checksum = checksum; self.reset = reset; self.serverTime = serverTime
    }
}

/// The text both sides hash for a page checksum; hashing itself is left to each side's crypto.
public enum PageChecksum {
    public static func canonicalText(_ changes: [BucketChange]) -> String {
        changes.map { "\($0.version)\u{1F}\($0.entity)\u{1F}\($0.entityId)\u{1F}\($0.payload ?? "\u{0}")" }
            .joined(separator: "\u{1E}")
    }
}
