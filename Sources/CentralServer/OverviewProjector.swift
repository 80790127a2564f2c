import Foundation
import Logging
import PostgresNIO
import SyncProtocol

/// Fills the dashboard's read tables from stored operations flagged `projected = false`, in their
/// own transactions after the push has committed and answered. A push never waits for the
/// dashboard; the dashboard drains what is pending before it answers, so it is never behind what
/// the centre acknowledged. A crash between a push and its projection leaves the flags set, and
/// the next drain catches up.
struct OverviewProjector: Sendable {
    let client: PostgresClient
    let logger: Logger
    static let pageSize = 500

    /// Projects everything pending, or until `stopping` says so between pages (each page is its
    /// own transaction); returns how many operations it projected.
    @discardableResult
    func drain(stopping: @Sendable () async -> Bool = { false }) async throws -> Int {
        var total = 0
        while await !stopping() {
            let n = try await page()
            total += n
            if n < Self.pageSize { return total }
        }
        return total
    }

    /// One page in one transaction, under an advisory lock: one projector at a time, so an
    /// invitation is always projected before the rating that refers to it.
    private func page() async throws -> Int {
        try await client.withTransaction(logger: logger) { conn -> Int in
            try await conn.query("SELECT pg_advisory_xact_lock(7100602)", logger: logger)
            var ops: [(String, WireOperation)] = []
            for try await (hall, id, device, seq, hlc, wall, version, kind, entity, payload, sha) in try await conn.query("""
                SELECT hall_id, id, device_id, seq, hlc, wall_time, schema_version, kind, entity_id, payload, sha256
                FROM operation WHERE NOT projected ORDER BY received_at, hall_id, device_id, seq LIMIT \(Self.pageSize)
                """, logger: logger).decode((String, String, String, Int64, String, Double, Int, String, String?, String, String).self) {
                ops.append((hall, WireOperation(opId: id, deviceId: device, seq: seq, hlc: hlc, wallTime: wall, schemaVersion: version,
                                                kind: kind, entityId: entity, payload: payload, sha256: sha)))
            }
            guard !ops.isEmpty else { return 0 }
            let projection = OverviewProjection(logger: logger)
            // One savepoint for the page; only if some statement fails is the page redone with a
            // savepoint per operation, so the one bad operation is skipped and the rest kept.
            try await conn.query("SAVEPOINT overview_page", logger: logger)
            do {
                for (hall, op) in ops { try await projection.applyUnguarded(op, hallId: hall, conn: conn) }
                try await conn.query("RELEASE SAVEPOINT overview_page", logger: logger)
            } catch {
                try await conn.query("ROLLBACK TO SAVEPOINT overview_page", logger: logger)
                try await conn.query("RELEASE SAVEPOINT overview_page", logger: logger)
                for (hall, op) in ops { try await projection.apply(op, hallId: hall, conn: conn) }
            }
            try await conn.query("""
                UPDATE operation o SET projected = true FROM UNNEST(\(ops.map(\.0))::text[], \(ops.map(\.1.opId))::text[]) AS u(hall_id, id)
                WHERE o.hall_id = u.hall_id AND o.id = u.id
                """, logger: logger)
            return ops.count
        }
    }
}

/// Starts a drain after each push without making the push wait, and never runs two at once: a
/// kick during a drain asks for one more round when it ends. Once closed (the centre is stopping)
/// a kick starts nothing: the operations stay flagged and the next start's drain projects them.
actor ProjectionKicker {
    private var running = false
    private var again = false
    private var closed = false
    private var idle: [CheckedContinuation<Void, Never>] = []

    nonisolated func kick(_ projector: OverviewProjector) {
        Task { await self.start(projector) }
    }

    private func start(_ projector: OverviewProjector) async {
        if closed { return }
        if running { again = true; return }
        running = true
        repeat {
            again = false
            do { try await projector.drain(stopping: { await self.closed }) } catch {
                // Left flagged: the next kick or the dashboard's own drain retries.
                projector.logger.error("overview projection failed; will retry", metadata: ["error": "\(String(reflecting: error))"])
            }
        } while again && !closed
        running = false
        idle.forEach { $0.resume() }
        idle = []
    }

    /// Refuses further kicks and returns when the drain in progress (its page transaction) ends.
    func close() async {
        closed = true
        if !running { return }
        await withCheckedContinuation { idle.append($0) }
    }
}
