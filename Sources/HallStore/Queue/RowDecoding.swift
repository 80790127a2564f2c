import Foundation
import GRDB
import HallCore

/// A column holding one of an enum's raw values; anything else is a `corruptRow` error naming the
/// row, never a default (a status read as "waiting" would put a finished ticket back in the queue).
func decode<E: RawRepresentable>(_ type: E.Type, _ r: Row, _ column: String, table: String) throws -> E
where E.RawValue: DatabaseValueConvertible {
    // Read as a DatabaseValue first: GRDB's typed subscript traps on text in an integer column.
    let stored: DatabaseValue = r[column]
    guard let raw = E.RawValue.fromDatabaseValue(stored), let value = E(rawValue: raw) else {
        let text: String
        switch stored.storage {
        case .null: text = "NULL"
        case .string(let s): text = String(s.prefix(60))
        case .int64(let i): text = String(i)
        case .double(let d): text = String(d)
        case .blob(let b): text = "\(b.count) 字节"
        }
        throw StoreError.corruptRow(table: table, id: r["id"] ?? "?", column: column, value: text)
    }
    return value
}

/// A JSON column that does not decode is a `corruptRow` error too (a case whose matters read as
/// none, or a rating whose reasons vanish, would be reported and printed wrong).
func decodeJSON<T: Decodable>(_ type: T.Type, _ r: Row, _ column: String, table: String, decoder: JSONDecoder = JSONDecoder()) throws -> T {
    let raw: String? = r[column]
    guard let raw, let value = try? decoder.decode(T.self, from: Data(raw.utf8)) else {
        throw StoreError.corruptRow(table: table, id: r["id"] ?? "?", column: column, value: String((raw ?? "NULL").prefix(60)))
    }
    return value
}

extension Ticket {
    init(row r: Row) throws {
        func date(_ c: String) -> Date? { (r[c] as Double?).map { Date(timeIntervalSince1970: $0) } }
        func required(_ c: String) throws -> Date {
            guard let d = date(c) else { throw StoreError.corruptRow(table: "ticket", id: r["id"] ?? "?", column: c, value: "NULL") }
            return d
        }
        self.init(id: r["id"], number: r["number"], serviceId: r["service_id"], serviceDay: r["service_day"],
                  priority: try decode(TicketPriority.self, r, "priority", table: "ticket"),
                  status: try decode(TicketStatus.self, r, "status", table: "ticket"),
                  issuedAt: try required("issued_at"), enqueuedAt: try required("enqueued_at"), calledAt: date("called_at"),
                  finishedAt: date("finished_at"), windowNumber: r["window_number"],
                  targetWindowNumber: r["target_window_number"], recallCount: r["recall_count"],
                  slotStart: date("slot_start"), isWalkUp: r["is_walk_up"], note: r["note"],
                  deferral: (r["defer_calls_left"] as Int?).map { Deferral(callsLeft: $0, notBefore: date("defer_until") ?? .distantPast) })
    }
}

extension QueueEntry {
    /// From a `ticket` row selected with `rowid AS rid`.
    init(row r: Row) throws { self.init(ticket: try Ticket(row: r), order: r["queue_order"], arrival: r["rid"]) }
}

enum TicketWrite {
    /// Writes every field a queue rule may change (CallRules decides them; SQL only stores them).
    /// `expecting` guards against a row changed by another writer since it was read.
    static func save(_ db: Database, _ t: Ticket, order: Double? = nil, expecting: [TicketStatus]? = nil) throws {
        var sql = """
            UPDATE ticket SET status = ?, service_id = ?, enqueued_at = ?, called_at = ?, finished_at = ?, window_number = ?,
                target_window_number = ?, recall_count = ?, note = ?, defer_calls_left = ?, defer_until = ?,
                queue_order = COALESCE(?, queue_order)
            WHERE id = ?
            """
        var args: [DatabaseValueConvertible?] = [t.status.rawValue, t.serviceId, t.enqueuedAt.timeIntervalSince1970,
                    t.calledAt?.timeIntervalSince1970, t.finishedAt?.timeIntervalSince1970, t.windowNumber,
                    t.targetWindowNumber, t.recallCount, t.note, t.deferral?.callsLeft,
                    t.deferral?.notBefore.timeIntervalSince1970, order, t.id]
        if let expecting {
            sql += " AND status IN (\(expecting.map { _ in "?" }.joined(separator: ", ")))"
            args += expecting.map(\.rawValue)
        }
        try db.executeCached(sql, StatementArguments(args))
        guard db.changesCount == 1 else { throw StoreError.internalError("ticket \(t.number) changed under us") }
    }
}

extension Service {
    init(row r: Row) {
        self.init(id: r["id"], code: r["code"], prefix: r["prefix"], name: r["name"],
                  targetWaitMinutes: r["target_wait_minutes"], maxQueue: r["max_queue"],
                  warnQueue: r["warn_queue"], sortOrder: r["sort_order"])
    }
}

extension Clerk {
    init(row r: Row) throws {
        self.init(id: r["id"], number: r["number"], name: r["name"], role: try decode(ClerkRole.self, r, "role", table: "clerk"))
    }
}

extension QueueEvent {
    init(row r: Row) throws {
        self.init(id: r["id"], kind: try decode(QueueEventKind.self, r, "kind", table: "queue_event"),
                  at: Date(timeIntervalSince1970: r["at"]), ticketId: r["ticket_id"], ticketNumber: r["ticket_number"],
                  serviceId: r["service_id"], windowNumber: r["window_number"], clerkId: r["clerk_id"],
                  waitSeconds: r["wait_seconds"], detail: r["detail"])
    }
}

enum Fetch {
    static func services(_ db: Database) throws -> [Service] {
        try Row.fetchAll(db, sql: "SELECT * FROM service ORDER BY sort_order").map(Service.init(row:))
    }

    static func windows(_ db: Database) throws -> [Window] {
        windows(try Row.fetchAll(db, sql: """
            SELECT w.id, w.number, w.name, w.call_choice, ws.service_id FROM hall_window w
            LEFT JOIN window_service ws ON ws.window_id = w.id ORDER BY w.number, ws.position
            """))
    }

    /// One window: read alone (every window action loads its own; reading all of them, each
    /// with its choice's JSON, was the largest read inside the write lock of a call).
    static func window(_ db: Database, number: Int) throws -> Window {
        guard let w = windows(try Row.fetchAll(db.cachedStatement(sql: """
            SELECT w.id, w.number, w.name, w.call_choice, ws.service_id FROM hall_window w
            LEFT JOIN window_service ws ON ws.window_id = w.id WHERE w.number = ? ORDER BY ws.position
            """), arguments: [number])).first else { throw StoreError.noSuchWindow(number) }
        return w
    }

    private static func windows(_ rows: [Row]) -> [Window] {
        var out: [Window] = []
        for r in rows {
            let number: Int = r["number"]
            if out.last?.number != number {
                let choice = (r["call_choice"] as String?).flatMap { try? JSONDecoder().decode(WindowChoice.self, from: Data($0.utf8)) }
                out.append(Window(id: r["id"], number: number, name: r["name"], serviceIds: [], choice: choice))
            }
            if let s: String = r["service_id"] { out[out.count - 1].serviceIds.append(s) }
        }
        return out
    }

    /// Finds a service by code, prefix or name, ignoring case: what scripts and clerks type.
    static func service(_ db: Database, matching key: String) throws -> Service {
        let k = key.trimmingCharacters(in: .whitespaces)
        let all = try services(db)
        if let s = all.first(where: { $0.id == k || $0.code.caseInsensitiveCompare(k) == .orderedSame
            || $0.prefix.caseInsensitiveCompare(k) == .orderedSame || $0.name == k }) { return s }
        throw StoreError.noSuchService(k)
    }

    static func ticket(_ db: Database, id: String) throws -> Ticket {
        guard let r = try db.fetchOneCached("SELECT * FROM ticket WHERE id = ?", [id]) else {
            throw StoreError.noSuchTicket(id)
        }
        return try Ticket(row: r)
    }
}
