import Foundation
import HallCore
import Logging
import PostgresNIO
import SyncProtocol

/// Publishes centre-owned reference data into the pull buckets: the province's matter catalog,
/// the State Council's holiday notice, a hall's policies. Only entries whose bytes changed are
/// logged, so re-publishing the same 5,000-matter file costs the halls nothing.
public struct ReferencePublisher: Sendable {
    let buckets: BucketLog

    public init(_ central: Central) { buckets = central.buckets }

    public struct Summary: Sendable, Equatable {
        public var added = 0, changed = 0, unchanged = 0, removed = 0
        public var text: String { "新增\(added)项，更新\(changed)项，未变\(unchanged)项" + (removed > 0 ? "，撤下\(removed)项" : "") }
    }

    /// `replace`: entries of the bucket the file does not mention are withdrawn; without it a file
    /// may carry one department's matters and leaves the others alone.
    public func publishCatalog(_ catalog: CatalogFile, replace: Bool) async throws -> Summary {
        var entries: [(String, String, String)] = []
        for var m in catalog.matters {
            m.version = 0   // halls number versions themselves when content changes
            entries.append((ReferenceEntity.matter, m.code, try ReferenceJSON.text(m)))
        }
        for b in catalog.bundles { entries.append((ReferenceEntity.bundle, b.code, try ReferenceJSON.text(b))) }
        return try await publish(.catalog, entries, replace: replace)
    }

    public func publishCalendar(_ year: CalendarYear) async throws -> Summary {
        try await publish(.calendar, [(ReferenceEntity.calendarYear, String(year.year), try ReferenceJSON.text(year))], replace: false)
    }

    public func publishQueuePolicy(_ policy: QueuePolicy, hallId: String) async throws -> Summary {
        try await publish(.hall(hallId), [(ReferenceEntity.queuePolicy, "hall", try ReferenceJSON.text(policy))], replace: false)
    }

    public func publishRatingPolicy(_ policy: RatingPolicy, hallId: String) async throws -> Summary {
        try await publish(.hall(hallId), [(ReferenceEntity.ratingPolicy, "hall", try ReferenceJSON.text(policy))], replace: false)
    }

    /// A step of a hall's bad-rating task decided at the centre (the review of an appeal).
    public func publishDecision(_ decision: RectificationDecision, hallId: String) async throws -> Summary {
        // Each decision is its own entry: two reviews of one task are two facts, not one replaced.
        let id = decision.taskId + "/" + UUID().uuidString.lowercased()
        return try await publish(.hall(hallId), [(ReferenceEntity.rectificationDecision, id, try ReferenceJSON.text(decision))], replace: false)
    }

    /// Diffs `entries` (entity, id, payload) against the bucket and appends what differs.
    func publish(_ bucket: Bucket, _ entries: [(String, String, String)], replace: Bool) async throws -> Summary {
        let current = try await buckets.current(bucket)
        var summary = Summary()
        var changes: [BucketLog.Change] = []
        var mentioned = Set<String>()
        for (entity, id, payload) in entries {
            let key = entity + "/" + id
            mentioned.insert(key)
            switch current[key] {
            case payload?: summary.unchanged += 1
            case nil: summary.added += 1; changes.append(.init(entity: entity, entityId: id, payload: payload))
            default: summary.changed += 1; changes.append(.init(entity: entity, entityId: id, payload: payload))
            }
        }
        if replace {
            for key in current.keys.sorted() where !mentioned.contains(key) {
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                changes.append(.init(entity: parts[0], entityId: parts[1], payload: nil))
                summary.removed += 1
            }
        }
        if !changes.isEmpty { try await buckets.publish(bucket, changes) }
        return summary
    }
}
