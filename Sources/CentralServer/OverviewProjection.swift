import Foundation
import HallCore
import Logging
import PostgresNIO
import SyncProtocol

/// Keeps the overview's read tables (OverviewSchema) up to date from each stored operation, inside
/// the ingest transaction. A payload it cannot read (an older or newer shape) is skipped and
/// logged: the operation itself is already stored, and the overview must never cost a hall its
/// push. SQL runs under a savepoint so a failed statement cannot abort the ingest transaction.
struct OverviewProjection: Sendable {
    let logger: Logger

    /// Kinds that feed the overview; every other kind costs nothing here.
    static let projectedKinds: Set<String> = [OperationKind.queueEvent, .caseEvent, .ratingInvited, .rating,
                                              .rectification, .referenceChanged, .ratingPolicy].reduce(into: []) { $0.insert($1.rawValue) }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970   // the hall's ledger encoder writes dates so
        return d
    }()

    /// Civil days are China time, like the halls' service days.
    static let calendar = HallCalendar()

    func apply(_ op: WireOperation, hallId: String, conn: PostgresConnection) async throws {
        guard Self.projectedKinds.contains(op.kind), let kind = OperationKind(rawValue: op.kind) else { return }
        try await conn.query("SAVEPOINT overview_projection", logger: logger)
        do {
            let applied = try await project(kind, op, hallId: hallId, conn: conn)
            if !applied {
                logger.notice("overview: payload shape not understood, skipped",
                              metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "kind": "\(op.kind)"])
            }
            try await conn.query("RELEASE SAVEPOINT overview_projection", logger: logger)
        } catch {
            logger.error("overview: projection failed, operation kept without it",
                         metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "kind": "\(op.kind)", "error": "\(String(reflecting: error))"])
            try await conn.query("ROLLBACK TO SAVEPOINT overview_projection", logger: logger)
            try await conn.query("RELEASE SAVEPOINT overview_projection", logger: logger)
        }
    }

    /// Projects without a savepoint of its own: the caller guards a whole page with one, and
    /// falls back to `apply` per operation only if the page fails.
    func applyUnguarded(_ op: WireOperation, hallId: String, conn: PostgresConnection) async throws {
        guard Self.projectedKinds.contains(op.kind), let kind = OperationKind(rawValue: op.kind) else { return }
        if try await !project(kind, op, hallId: hallId, conn: conn) {
            logger.notice("overview: payload shape not understood, skipped",
                          metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "kind": "\(op.kind)"])
        }
    }

    /// Returns false when the payload is not a shape this version reads.
    private func project(_ kind: OperationKind, _ op: WireOperation, hallId: String, conn: PostgresConnection) async throws -> Bool {
        let data = Data(op.payload.utf8)
        switch kind {
        case .queueEvent:
            struct Payload: Decodable { let event: QueueEvent; let ticket: Ticket? }
            guard let p = try? Self.decoder.decode(Payload.self, from: data) else { return false }
            try await QueueProjection(logger: logger, conn: conn, hallId: hallId, hlc: op.hlc).apply(p.event, ticket: p.ticket)
        case .caseEvent:
            struct Payload: Decodable { let id: String?; let caseId: String; let kind: CaseEventKind; let detail: String }
            guard let p = try? Self.decoder.decode(Payload.self, from: data) else { return false }
            try await caseEvent(p.caseId, p.kind, detail: p.detail, hallId: hallId, hlc: op.hlc, conn: conn)
            try await ReformProjection(logger: logger, conn: conn, hallId: hallId)
                .apply(caseId: p.caseId, eventId: p.id ?? op.opId, p.kind, detail: p.detail, wallTime: op.wallTime)
        case .ratingInvited:
            struct Payload: Decodable { let id: String; let window: Int; let ticket: String?; let caseNumber: String? }
            guard let p = try? Self.decoder.decode(Payload.self, from: data) else { return false }
            // Projected again after migration 8: the columns it added are filled, nothing else moves.
            try await conn.query("""
                INSERT INTO ov_invitation (hall_id, id, window_number, case_number, ticket)
                VALUES (\(hallId), \(p.id), \(p.window), \(p.caseNumber), \(p.ticket))
                ON CONFLICT (hall_id, id) DO UPDATE SET case_number = COALESCE(ov_invitation.case_number, EXCLUDED.case_number),
                    ticket = COALESCE(ov_invitation.ticket, EXCLUDED.ticket)
                """, logger: logger)
        case .rating:
            struct Payload: Decodable {
                let id: String; let invitation: String; let level: Int; let anonymous: Bool; let reasons: [String]?; let isDefault: Bool?
            }
            guard let p = try? Self.decoder.decode(Payload.self, from: data), RatingLevel(rawValue: p.level) != nil else { return false }
            let day = Self.calendar.dayKey(Date(timeIntervalSince1970: op.wallTime))
            let reasons = String(decoding: (try? JSONEncoder().encode(p.reasons ?? [])) ?? Data("[]".utf8), as: UTF8.self)
            // Projected again after migration 8: the exchange's columns are filled, the figures stay.
            try await conn.query("""
                INSERT INTO ov_rating (hall_id, id, level, anonymous, window_number, service_day, invitation, rated_at, reasons, is_default)
                VALUES (\(hallId), \(p.id), \(p.level), \(p.anonymous),
                        (SELECT window_number FROM ov_invitation WHERE hall_id = \(hallId) AND id = \(p.invitation)), \(day),
                        \(p.invitation), \(op.wallTime), \(reasons), \(p.isDefault ?? false))
                ON CONFLICT (hall_id, id) DO UPDATE SET invitation = EXCLUDED.invitation, rated_at = EXCLUDED.rated_at,
                    reasons = EXCLUDED.reasons, is_default = EXCLUDED.is_default
                """, logger: logger)
        case .rectification:
            return try await RectificationProjection(logger: logger, conn: conn, hallId: hallId).apply(data)
        case .referenceChanged:
            try await services(data, hallId: hallId, conn: conn)
        case .ratingPolicy:
            // Kept whole for the national exchange (its codes and the hall's 行政区划代码).
            guard (try? Self.decoder.decode(RatingPolicy.self, from: data)) != nil else { return false }
            try await conn.query("""
                INSERT INTO ov_rating_policy (hall_id, id, policy, hlc) VALUES (\(hallId), \(hallId), \(op.payload), \(op.hlc))
                ON CONFLICT (hall_id, id) DO UPDATE SET policy = EXCLUDED.policy, hlc = EXCLUDED.hlc
                WHERE ov_rating_policy.hlc <= EXCLUDED.hlc
                """, logger: logger)
        default:
            break
        }
        return true
    }

    /// Case status as far as deadlines go. The promised date travels only in the accepted event's
    /// text ("承诺N个工作日，YYYY-MM-DD前办结"), so it is read from there.
    private func caseEvent(_ caseId: String, _ kind: CaseEventKind, detail: String, hallId: String, hlc: String,
                           conn: PostgresConnection) async throws {
        let status: String?
        var due: String?
        switch kind {
        case .opened, .resumed: status = "open"
        case .correctionRequested: status = "awaitingCorrection"
        case .accepted:
            status = "accepted"
            due = Self.promisedDate(in: detail)
        case .refused: status = "refused"
        case .completed: status = "completed"
        case .fieldSaved, .materialChecked, .correctedOnSpot: status = nil
        }
        guard let status else { return }
        try await conn.query("""
            INSERT INTO ov_case (hall_id, id, status, due_date, hlc) VALUES (\(hallId), \(caseId), \(status), \(due), \(hlc))
            ON CONFLICT (hall_id, id) DO UPDATE SET status = EXCLUDED.status,
                due_date = COALESCE(EXCLUDED.due_date, ov_case.due_date), hlc = EXCLUDED.hlc
            WHERE ov_case.hlc <= EXCLUDED.hlc
            """, logger: logger)
    }

    static func promisedDate(in detail: String) -> String? {
        guard let r = detail.range(of: #"\d{4}-\d{2}-\d{2}(?=前办结)"#, options: .regularExpression) else { return nil }
        return String(detail[r])
    }

    /// Service names and target waits, when a hall's reference payload lists them as
    /// `services: [{id, prefix, name, targetWaitMinutes}]`. Other reference payloads (policy,
    /// calendar, document settings) carry nothing for the overview and are ignored.
    private func services(_ data: Data, hallId: String, conn: PostgresConnection) async throws {
        struct Reported: Decodable { let id: String; let prefix: String?; let name: String?; let targetWaitMinutes: Int? }
        struct Payload: Decodable { let services: [Reported] }
        guard let p = try? Self.decoder.decode(Payload.self, from: data) else { return }
        for s in p.services {
            try await conn.query("""
                INSERT INTO ov_service (hall_id, id, prefix, name, target_wait_minutes)
                VALUES (\(hallId), \(s.id), \(s.prefix ?? ""), \(s.name), \(s.targetWaitMinutes))
                ON CONFLICT (hall_id, id) DO UPDATE SET
                    prefix = CASE WHEN EXCLUDED.prefix = '' THEN ov_service.prefix ELSE EXCLUDED.prefix END,
                    name = COALESCE(EXCLUDED.name, ov_service.name),
                    target_wait_minutes = COALESCE(EXCLUDED.target_wait_minutes, ov_service.target_wait_minutes)
                """, logger: logger)
        }
    }
}
