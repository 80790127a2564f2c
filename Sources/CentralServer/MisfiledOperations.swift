import Foundation
import Logging
import PostgresNIO

/// The centre administrator's repair of operations filed under the wrong hall before the centre
/// checked a token's hall (issue 15): list what each hall holds per device, then move one
/// device's operations to the hall they came from, or withdraw them from the figures. Legal
/// records are never deleted: a withdrawal keeps every row whole in `withdrawn_operation`, and
/// each action is written to `central_audit` in the same transaction.
public struct MisfiledOperations: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(_ central: Central) { client = central.client; logger = central.logger }

    /// What one hall holds of one device.
    public struct Filing: Sendable, Equatable {
        public var hallId: String
        public var deviceId: String
        public var operations: Int
        public var quarantined: Int
        public var firstReceived: Date?
        public var lastReceived: Date?
        /// Other halls holding operations or a cursor of the same device: one of them is wrong.
        public var otherHalls: [String]
        /// How many devices the hall has; a hall is one node, so more than one deserves a look.
        public var devicesInHall: Int
        public var suspect: Bool { !otherHalls.isEmpty || devicesInHall > 1 }
    }

    public struct Failure: Error, LocalizedError, Equatable {
        public var message: String
        public var errorDescription: String? { message }
    }

    public func list(hallId: String? = nil) async throws -> [Filing] {
        var filings: [Filing] = []
        for try await (hall, device, ops, quarantined, first, last) in try await client.query("""
            WITH held AS (
                SELECT hall_id, device_id, 1 AS op, 0 AS q, received_at FROM operation
                UNION ALL SELECT hall_id, device_id, 0, 1, received_at FROM quarantine
                UNION ALL SELECT hall_id, id, 0, 0, NULL FROM device_cursor)
            SELECT hall_id, device_id, SUM(op)::int8, SUM(q)::int8,
                   EXTRACT(EPOCH FROM MIN(received_at))::float8, EXTRACT(EPOCH FROM MAX(received_at))::float8
            FROM held WHERE \(hallId) IS NULL OR hall_id = \(hallId)
            GROUP BY hall_id, device_id ORDER BY hall_id, device_id
            """, logger: logger).decode((String, String, Int64, Int64, Double?, Double?).self) {
            filings.append(Filing(hallId: hall, deviceId: device, operations: Int(ops), quarantined: Int(quarantined),
                                  firstReceived: first.map(Date.init(timeIntervalSince1970:)),
                                  lastReceived: last.map(Date.init(timeIntervalSince1970:)), otherHalls: [], devicesInHall: 0))
        }
        // Where else each device is held, over every hall (not only the listed one).
        var halls: [String: Set<String>] = [:], devices: [String: Int] = [:]
        for try await (hall, device) in try await client.query("""
            SELECT hall_id, device_id FROM operation UNION SELECT hall_id, device_id FROM quarantine
            UNION SELECT hall_id, id FROM device_cursor
            """, logger: logger).decode((String, String).self) {
            halls[device, default: []].insert(hall)
            devices[hall, default: 0] += 1
        }
        for i in filings.indices {
            filings[i].otherHalls = halls[filings[i].deviceId, default: []].subtracting([filings[i].hallId]).sorted()
            filings[i].devicesInHall = devices[filings[i].hallId] ?? 0
        }
        return filings
    }

    public struct Moved: Sendable, Equatable {
        /// Rows now under the target hall.
        public var moved: Int
        /// Rows the target hall already held byte for byte (the node later synced correctly).
        public var alreadyThere: Int
        public var auditId: String
    }

    /// Moves every operation (and quarantined row) of `deviceId` from `fromHall` to `toHall`,
    /// binds the device to `toHall`, and recomputes both halls' dashboard rows. Refused whole if
    /// the target holds a different operation at one of the same seqs.
    public func move(deviceId: String, from fromHall: String, to toHall: String, actor: String, reason: String) async throws -> Moved {
        try Self.checkWho(actor, reason)
        guard fromHall != toHall else { throw Failure(message: "源大厅与目标大厅相同") }
        let auditId = UUID().uuidString.lowercased()
        let result = try await transaction { conn -> Moved in
            try await lock(deviceId, conn)
            guard try await exists("SELECT 1 FROM hall WHERE hall_id = \(toHall) AND id = \(toHall)", conn) else {
                throw Failure(message: "目标大厅 \(toHall) 未在中心登记")
            }
            if try await exists("""
                SELECT 1 FROM device_cursor WHERE id = \(deviceId) AND hall_id <> \(fromHall) AND hall_id <> \(toHall)
                """, conn) {
                throw Failure(message: "设备 \(deviceId) 还登记在第三个大厅名下，请先核查（list）")
            }
            let held = try await count("""
                SELECT (SELECT COUNT(*) FROM operation WHERE hall_id = \(fromHall) AND device_id = \(deviceId))
                     + (SELECT COUNT(*) FROM quarantine WHERE hall_id = \(fromHall) AND device_id = \(deviceId))
                """, conn)
            guard held > 0 else { throw Failure(message: "大厅 \(fromHall) 没有设备 \(deviceId) 的操作") }
            // A seq the target already uses for another operation: refuse, a person must look.
            let clashes = try await count("""
                WITH src AS (SELECT seq, id AS op_id, sha256 FROM operation WHERE hall_id = \(fromHall) AND device_id = \(deviceId)
                             UNION ALL SELECT seq, op_id, sha256 FROM quarantine WHERE hall_id = \(fromHall) AND device_id = \(deviceId)),
                     dst AS (SELECT seq, id AS op_id, sha256 FROM operation WHERE hall_id = \(toHall) AND device_id = \(deviceId)
                             UNION ALL SELECT seq, op_id, sha256 FROM quarantine WHERE hall_id = \(toHall) AND device_id = \(deviceId))
                SELECT COUNT(*) FROM src JOIN dst USING (seq) WHERE src.op_id <> dst.op_id OR src.sha256 <> dst.sha256
                """, conn)
            if clashes > 0 {
                throw Failure(message: "目标大厅已有该设备的 \(clashes) 个序号被其他操作占用，未移动任何数据")
            }
            // Rows the target already holds at the same seq (the same op, checked above): the
            // copy here goes.
            var dupes: Int64 = 0
            for table in ["operation", "quarantine"] {
                for try await _ in try await conn.query("""
                    DELETE FROM \(unescaped: table) s WHERE s.hall_id = \(fromHall) AND s.device_id = \(deviceId) AND (
                        EXISTS (SELECT 1 FROM operation d WHERE d.hall_id = \(toHall) AND d.device_id = s.device_id AND d.seq = s.seq)
                        OR EXISTS (SELECT 1 FROM quarantine d WHERE d.hall_id = \(toHall) AND d.device_id = s.device_id AND d.seq = s.seq))
                    RETURNING 1
                    """, logger: logger).decode(Int.self) { dupes += 1 }
            }
            try await conn.query("""
                UPDATE operation SET hall_id = \(toHall), projected = false WHERE hall_id = \(fromHall) AND device_id = \(deviceId)
                """, logger: logger)
            try await conn.query("""
                UPDATE quarantine SET hall_id = \(toHall) WHERE hall_id = \(fromHall) AND device_id = \(deviceId)
                """, logger: logger)
            // The device now belongs to the target; its cursor there covers what is stored there
            // without a gap, so its node resumes right after it.
            try await conn.query("DELETE FROM device_cursor WHERE hall_id = \(fromHall) AND id = \(deviceId)", logger: logger)
            try await conn.query("""
                INSERT INTO device_cursor (hall_id, id, acked_through_seq)
                SELECT \(toHall), \(deviceId), COALESCE(MAX(seq), 0) FROM (
                    SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) AS n FROM (
                        SELECT seq FROM operation WHERE hall_id = \(toHall) AND device_id = \(deviceId)
                        UNION SELECT seq FROM quarantine WHERE hall_id = \(toHall) AND device_id = \(deviceId)) s) t
                WHERE seq = n
                ON CONFLICT (hall_id, id) DO UPDATE SET acked_through_seq = GREATEST(device_cursor.acked_through_seq, EXCLUDED.acked_through_seq)
                """, logger: logger)
            try await reproject([fromHall, toHall], conn)
            try await audit(auditId, hall: fromHall, action: "move", deviceId: deviceId, toHall: toHall,
                            count: Int(held - dupes), actor: actor, reason: reason, conn)
            return Moved(moved: Int(held - dupes), alreadyThere: Int(dupes), auditId: auditId)
        }
        logger.notice("misfiled operations moved", metadata: ["device": "\(deviceId)", "from": "\(fromHall)", "to": "\(toHall)",
                                                              "rows": "\(result.moved)", "audit": "\(auditId)", "actor": "\(actor)"])
        try await OverviewProjector(client: client, logger: logger).drain()
        return result
    }

    /// Takes every row of `deviceId` out of `fromHall` into `withdrawn_operation`, unbinds the
    /// device, and recomputes the hall's dashboard rows. Returns how many rows and the audit id.
    public func withdraw(deviceId: String, from fromHall: String, actor: String, reason: String) async throws -> (rows: Int, auditId: String) {
        try Self.checkWho(actor, reason)
        let auditId = UUID().uuidString.lowercased()
        let rows = try await transaction { conn -> Int in
            try await lock(deviceId, conn)
            var rows = 0
            for try await n in try await conn.query("""
                WITH o AS (DELETE FROM operation WHERE hall_id = \(fromHall) AND device_id = \(deviceId) RETURNING *)
                INSERT INTO withdrawn_operation (hall_id, id, audit_id, source, op_id, device_id, seq, original)
                SELECT hall_id, \(auditId) || ':o:' || id, \(auditId), 'operation', id, device_id, seq, to_jsonb(o) FROM o
                RETURNING 1
                """, logger: logger).decode(Int.self) { rows += n }
            for try await n in try await conn.query("""
                WITH q AS (DELETE FROM quarantine WHERE hall_id = \(fromHall) AND device_id = \(deviceId) RETURNING *)
                INSERT INTO withdrawn_operation (hall_id, id, audit_id, source, op_id, device_id, seq, original)
                SELECT hall_id, \(auditId) || ':q:' || id, \(auditId), 'quarantine', op_id, device_id, seq, to_jsonb(q) FROM q
                RETURNING 1
                """, logger: logger).decode(Int.self) { rows += n }
            guard rows > 0 else { throw Failure(message: "大厅 \(fromHall) 没有设备 \(deviceId) 的操作") }
            try await conn.query("DELETE FROM device_cursor WHERE hall_id = \(fromHall) AND id = \(deviceId)", logger: logger)
            try await reproject([fromHall], conn)
            try await audit(auditId, hall: fromHall, action: "withdraw", deviceId: deviceId, toHall: nil,
                            count: rows, actor: actor, reason: reason, conn)
            return rows
        }
        logger.notice("misfiled operations withdrawn", metadata: ["device": "\(deviceId)", "from": "\(fromHall)",
                                                                  "rows": "\(rows)", "audit": "\(auditId)", "actor": "\(actor)"])
        try await OverviewProjector(client: client, logger: logger).drain()
        return (rows, auditId)
    }

    /// The dashboard's rows are derived: drop the halls' rows and mark their operations for the
    /// projector, which rebuilds them in the order it always uses.
    private func reproject(_ halls: [String], _ conn: PostgresConnection) async throws {
        for table in ["ov_ticket", "ov_wait", "ov_service", "ov_window", "ov_case", "ov_case_return", "ov_invitation", "ov_rating", "ov_rectification", "ov_rating_policy"] {
            try await conn.query("DELETE FROM \(unescaped: table) WHERE hall_id = ANY(\(halls))", logger: logger)
        }
        try await conn.query("""
            UPDATE operation SET projected = false WHERE hall_id = ANY(\(halls)) AND kind = ANY(\(Array(OverviewProjection.projectedKinds)))
            """, logger: logger)
    }

    private func audit(_ id: String, hall: String, action: String, deviceId: String, toHall: String?, count: Int,
                       actor: String, reason: String, _ conn: PostgresConnection) async throws {
        try await conn.query("""
            INSERT INTO central_audit (hall_id, id, actor, action, device_id, to_hall, row_count, reason)
            VALUES (\(hall), \(id), \(actor), \(action), \(deviceId), \(toHall), \(count), \(reason))
            """, logger: logger)
    }

    static func checkWho(_ actor: String, _ reason: String) throws {
        if actor.trimmingCharacters(in: .whitespaces).isEmpty { throw Failure(message: "请用 --by 写明操作人") }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw Failure(message: "请用 --reason 写明原因") }
    }

    private func lock(_ deviceId: String, _ conn: PostgresConnection) async throws {
        // The same lock a handshake or push of the device takes (PushIngest.checkBelongs).
        try await conn.query("SELECT pg_advisory_xact_lock(7100603, hashtext(\(deviceId)))", logger: logger)
    }

    private func exists(_ query: PostgresQuery, _ conn: PostgresConnection) async throws -> Bool {
        for try await _ in try await conn.query(query, logger: logger).decode(Int.self) { return true }
        return false
    }

    private func count(_ query: PostgresQuery, _ conn: PostgresConnection) async throws -> Int64 {
        for try await n in try await conn.query(query, logger: logger).decode(Int64.self) { return n }
        return 0
    }

    /// A failure of ours comes out as itself, not wrapped by postgres-nio.
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do { return try await client.withTransaction(logger: logger) { try await body($0) } } catch let e as PostgresTransactionError {
            if let f = e.closureError as? Failure { throw f }
            throw e
        }
    }
}
