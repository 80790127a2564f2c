import Foundation
import HallCore
import Logging
import PostgresNIO

/// The queue part of the overview projection: ticket state, wait periods and window state from
/// one `queue.event` operation (payload: the event and the ticket as it is after the event).
struct QueueProjection {
    let logger: Logger
    let conn: PostgresConnection
    let hallId: String
    let hlc: String

    func apply(_ event: QueueEvent, ticket: Ticket?) async throws {
        if let t = ticket {
            try await upsertTicket(t)
            if event.kind == .called { try await recordWait(event, ticket: t) }
            if event.kind == .transferred {
                // A transfer ends this wait; the next call belongs to a new one.
                try await conn.query("""
                    UPDATE ov_ticket SET period = period + 1 WHERE hall_id = \(hallId) AND id = \(t.id)
                    """, logger: logger)
            }
        }
        if let w = event.windowNumber { try await window(w, event) }
    }

    private func upsertTicket(_ t: Ticket) async throws {
        let prefix = String(t.number.prefix { !$0.isNumber })
        try await conn.query("""
            INSERT INTO ov_ticket (hall_id, id, number, service_id, service_day, status, enqueued_at, window_number, hlc)
            VALUES (\(hallId), \(t.id), \(t.number), \(t.serviceId), \(t.serviceDay), \(t.status.rawValue),
                    \(t.enqueuedAt.timeIntervalSince1970), \(t.windowNumber), \(hlc))
            ON CONFLICT (hall_id, id) DO UPDATE SET number = EXCLUDED.number, service_id = EXCLUDED.service_id,
                service_day = EXCLUDED.service_day, status = EXCLUDED.status, enqueued_at = EXCLUDED.enqueued_at,
                window_number = EXCLUDED.window_number, hlc = EXCLUDED.hlc
            WHERE ov_ticket.hlc <= EXCLUDED.hlc
            """, logger: logger)
        // The prefix names the service until the hall reports its name.
        try await conn.query("""
            INSERT INTO ov_service (hall_id, id, prefix) VALUES (\(hallId), \(t.serviceId), \(prefix)) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    private func recordWait(_ e: QueueEvent, ticket t: Ticket) async throws {
        guard let wait = e.waitSeconds else { return }
        var period: Int64 = 0
        for try await p in try await conn.query("""
            SELECT period FROM ov_ticket WHERE hall_id = \(hallId) AND id = \(t.id)
            """, logger: logger).decode(Int64.self) { period = p }
        let id = "\(t.id)#\(period)"
        try await conn.query("""
            INSERT INTO ov_wait (hall_id, id, service_id, service_day, window_number, wait_seconds)
            VALUES (\(hallId), \(id), \(e.serviceId ?? t.serviceId), \(t.serviceDay), \(e.windowNumber), \(wait))
            ON CONFLICT (hall_id, id) DO UPDATE SET service_id = EXCLUDED.service_id, window_number = EXCLUDED.window_number,
                wait_seconds = EXCLUDED.wait_seconds
            """, logger: logger)
    }

    /// What a window is doing after the event; nil for events that leave it as it was.
    static func windowStatus(after kind: QueueEventKind) -> (status: String, servesTicket: Bool)? {
        switch kind {
        case .signedIn, .resumed, .finished, .transferred, .held, .noShow: return ("idle", false)
        case .signedOut: return ("signedOut", false)
        case .paused: return ("paused", false)
        case .called, .calledBack, .walkUp, .recalled: return ("serving", true)
        case .issued, .requeued, .dayClosed: return nil
        }
    }

    private func window(_ number: Int, _ e: QueueEvent) async throws {
        guard let (status, serves) = Self.windowStatus(after: e.kind) else { return }
        let current = serves ? e.ticketNumber : nil
        try await conn.query("""
            INSERT INTO ov_window (hall_id, id, number, status, current_ticket, last_event_at, hlc)
            VALUES (\(hallId), \(String(number)), \(number), \(status), \(current), \(e.at.timeIntervalSince1970), \(hlc))
            ON CONFLICT (hall_id, id) DO UPDATE SET status = EXCLUDED.status, current_ticket = EXCLUDED.current_ticket,
                last_event_at = EXCLUDED.last_event_at, hlc = EXCLUDED.hlc
            WHERE ov_window.hlc <= EXCLUDED.hlc
            """, logger: logger)
    }
}

/// Bad-rating tasks replayed with HallCore's `Rectification` state machine, so the centre's idea
/// of "open" is exactly the hall's.
struct RectificationProjection {
    let logger: Logger
    let conn: PostgresConnection
    let hallId: String

    /// Returns false when the payload is neither an opening nor a known action.
    func apply(_ data: Data) async throws -> Bool {
        struct Opened: Decodable { let task: String; let rating: String; let action: String; let due: String? }
        struct Step: Decodable { let task: String; let action: RectificationAction }
        if let o = try? OverviewProjection.decoder.decode(Opened.self, from: data), o.action == "opened" {
            var anonymous = false
            for try await a in try await conn.query("""
                SELECT anonymous FROM ov_rating WHERE hall_id = \(hallId) AND id = \(o.rating)
                """, logger: logger).decode(Bool.self) { anonymous = a }
            let state = Rectification(anonymous: anonymous)
            let due = (o.due?.isEmpty ?? true) ? nil : o.due
            try await conn.query("""
                INSERT INTO ov_rectification (hall_id, id, rating_id, due_date, status, state)
                VALUES (\(hallId), \(o.task), \(o.rating), \(due), \(state.status.rawValue), \(try Self.text(state)))
                ON CONFLICT DO NOTHING
                """, logger: logger)
            return true
        }
        guard let step = try? OverviewProjection.decoder.decode(Step.self, from: data) else { return false }
        var stored: String?
        for try await s in try await conn.query("""
            SELECT state FROM ov_rectification WHERE hall_id = \(hallId) AND id = \(step.task)
            """, logger: logger).decode(String.self) { stored = s }
        guard let stored, let state = try? JSONDecoder().decode(Rectification.self, from: Data(stored.utf8)) else {
            logger.notice("overview: rectification step for an unknown task", metadata: ["hall": "\(hallId)", "task": "\(step.task)"])
            return true
        }
        guard let next = try? state.applying(step.action) else {
            // The hall checked the step when it was taken; a refusal here means our copy missed one.
            logger.warning("overview: rectification step does not fit the replayed state", metadata: ["hall": "\(hallId)", "task": "\(step.task)"])
            return true
        }
        try await conn.query("""
            UPDATE ov_rectification SET status = \(next.status.rawValue), state = \(try Self.text(next))
            WHERE hall_id = \(hallId) AND id = \(step.task)
            """, logger: logger)
        return true
    }

    static func text(_ state: Rectification) throws -> String {
        String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
    }
}
