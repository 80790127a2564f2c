import Crypto
import Foundation
import HallCore
import Logging
import PostgresNIO
import SyncProtocol

/// Ingests one device's batch in ONE PostgreSQL transaction. The device's cursor row is locked
/// first, so the same batch arriving twice at once is handled one copy after the other and the
/// second copy finds only duplicates.
struct PushIngest: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// Test hook: runs after COMMIT and before the reply, e.g. to cut the connection there.
    var afterCommit: (@Sendable () async throws -> Void)?
    /// Test hook: runs inside the transaction just before COMMIT; throwing rolls the batch back,
    /// as when the connection dies before the centre commits.
    var beforeCommit: (@Sendable () async throws -> Void)? = nil
    /// The centre's own schema version: operations of it and the two before it are stored.
    var schemaVersion: Int = SyncPaths.currentSchemaVersion

    enum Refusal: Error {
        case gap(ackedThrough: Int64, firstNew: Int64)
        /// The client writes a schema the centre no longer accepts: it must upgrade first.
        case tooOld(client: Int, accepted: ClosedRange<Int>)
        /// The node or its device belongs to another hall than the token's: nothing is stored.
        case wrongHall(String)
        /// A node older than the hall check (no hall id in its request) with a device the centre
        /// has never filed under the token's hall: it must upgrade before its first sync.
        case hallUnknown(String)
    }

    var acceptedVersions: ClosedRange<Int> { SyncPaths.acceptedSchemaVersions(current: schemaVersion) }

    /// Registers the device's contact and says where it resumes: the acked seq and the op id
    /// stored there, so a client restored from an old backup can tell that it diverged.
    func handshake(hallId: String, request: HandshakeRequest) async throws -> (acked: Int64, lastOpId: String?, audit: AuditAnchors.Verdict) {
        // Refused before anything is recorded: an old client's outbox stays exactly as it is.
        guard request.schemaVersion >= acceptedVersions.lowerBound else {
            logger.warning("handshake refused: client schema too old", metadata: [
                "hall": "\(hallId)", "device": "\(request.deviceId)", "client_version": "\(request.schemaVersion)",
                "accepted": "\(acceptedVersions)"])
            throw Refusal.tooOld(client: request.schemaVersion, accepted: acceptedVersions)
        }
        // Far-drifted device clocks are flagged, never refused: their records are legal evidence.
        // Any Double may arrive here: `Int(drift)` trapped (SIGILL) on a clientTime of -1e270, so
        // one request with a station token stopped the centre. Logged as text, never converted.
        let drift = request.clientTime - Date().timeIntervalSince1970
        if !(abs(drift) <= 300) {
            logger.warning("device clock drifts", metadata: ["hall": "\(hallId)", "device": "\(request.deviceId)",
                                                          "drift_seconds": "\(drift.rounded())"])
        }
        // The device is bound to its hall before its contact is recorded: recording it under a
        // foreign token's hall would bind it there.
        let (acked, audit) = try await Self.unwrapRefusal {
            try await client.withTransaction(logger: logger) { conn -> (Int64, AuditAnchors.Verdict) in
                try await self.checkBelongs(hallId: hallId, claimedHall: request.hallId, deviceId: request.deviceId, conn: conn)
                var acked: Int64 = 0
                for try await seq in try await conn.query("""
                    INSERT INTO device_cursor (hall_id, id, last_client_time) VALUES (\(hallId), \(request.deviceId), \(request.clientTime))
                    ON CONFLICT (hall_id, id) DO UPDATE SET last_contact = now(), last_client_time = EXCLUDED.last_client_time
                    RETURNING acked_through_seq
                    """, logger: logger).decode(Int64.self) { acked = seq }
                // Under the device's lock taken by checkBelongs: one anchor update at a time.
                let audit = try await AuditAnchors.check(hallId: hallId, deviceId: request.deviceId, head: request.auditHead,
                                                         proof: request.auditProof, conn: conn, logger: logger)
                return (acked, audit)
            }
        }
        guard acked > 0 else { return (0, nil, audit) }
        let ids = try await client.query("""
            SELECT id FROM operation WHERE hall_id = \(hallId) AND device_id = \(request.deviceId) AND seq = \(acked)
            UNION ALL
            SELECT op_id FROM quarantine WHERE hall_id = \(hallId) AND device_id = \(request.deviceId) AND seq = \(acked)
            """, logger: logger)
        for try await id in ids.decode(String.self) { return (acked, id, audit) }
        return (acked, nil, audit)
    }

    func push(hallId: String, request: PushRequest) async throws -> (acked: Int64, results: [OpResult]) {
        let ops = request.operations.sorted { $0.seq < $1.seq }
        let outcome = try await Self.unwrapRefusal { try await ingest(hallId: hallId, request: request, ops: ops) }
        try await afterCommit?()
        return outcome
    }

    /// postgres-nio wraps what a transaction's body threw; a refusal is an answer, not a failure.
    private static func unwrapRefusal<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as PostgresTransactionError {
            if let refusal = e.closureError as? Refusal { throw refusal }
            throw e
        }
    }

    /// A station token acts for one hall only (DOMAIN: nothing it sends may be filed under
    /// another). The node says which hall it is; a device belongs to the hall it first contacted
    /// the centre under, so a token cannot file a device of another hall, nor take one over.
    /// Under a per-device advisory lock, so two halls cannot both claim a new device at once.
    private func checkBelongs(hallId: String, claimedHall: String?, deviceId: String, conn: PostgresConnection) async throws {
        if let claimedHall, claimedHall != hallId {
            logger.error("refused: node of another hall than its token", metadata: [
                "token_hall": "\(hallId)", "node_hall": "\(claimedHall)", "device": "\(deviceId)"])
            throw Refusal.wrongHall("本节点属于大厅 \(claimedHall)，所用站点令牌却属于大厅 \(hallId)（令牌被复制或磁盘被克隆？）：请换用本大厅的站点令牌")
        }
        try await conn.query("SELECT pg_advisory_xact_lock(7100603, hashtext(\(deviceId)))", logger: logger)
        var ownHall = false
        for try await filed in try await conn.query("""
            SELECT hall_id FROM device_cursor WHERE id = \(deviceId)
            """, logger: logger).decode(String.self) {
            if filed == hallId { ownHall = true; continue }
            logger.error("refused: device already filed under another hall", metadata: [
                "token_hall": "\(hallId)", "device_hall": "\(filed)", "device": "\(deviceId)"])
            throw Refusal.wrongHall("设备 \(deviceId) 已登记在另一个大厅名下，不能用本大厅的令牌上传：请联系中心管理员核查（yichuang central-misfiled list）")
        }
        // A node older than the check does not say its hall. Trusting the token for a device
        // never seen is how hall 2's first sync landed in hall 1 for good; a device already filed
        // under this hall before the check keeps syncing (village stations upgrade over weeks).
        if claimedHall == nil && !ownHall {
            logger.error("refused: node without a hall id, device unknown to this hall", metadata: [
                "token_hall": "\(hallId)", "device": "\(deviceId)"])
            throw Refusal.hallUnknown("本节点的 yichuang 版本过旧，同步时不报告所属大厅，中心无法确认设备 \(deviceId) 属于大厅 \(hallId)，未存入任何数据："
                + "请先把本节点升级到新版 yichuang（待上传的数据原样保留在本地，升级后 yichuang sync --once 即从断点继续）")
        }
    }

    /// A batch costs a handful of statements, whatever its size: one to lock the device row, one
    /// to look up what is already stored, one multi-row INSERT, one to move the cursor. Per-op
    /// round trips were what made a 500-op batch slow.
    private func ingest(hallId: String, request: PushRequest, ops: [WireOperation]) async throws -> (Int64, [OpResult]) {
        try await client.withTransaction(logger: logger) { conn -> (Int64, [OpResult]) in
            try await self.checkBelongs(hallId: hallId, claimedHall: request.hallId, deviceId: request.deviceId, conn: conn)
            // Creates the row if new and locks it either way (an upsert takes the row lock).
            var acked: Int64 = 0
            for try await s in try await conn.query("""
                INSERT INTO device_cursor (hall_id, id) VALUES (\(hallId), \(request.deviceId))
                ON CONFLICT (hall_id, id) DO UPDATE SET last_contact = now() RETURNING acked_through_seq
                """, logger: logger).decode(Int64.self) { acked = s }

            // Refuse the whole batch before writing anything if the new part does not start
            // right after what is stored: the client must resume from acked + 1.
            if let firstNew = ops.first(where: { $0.seq > acked }), firstNew.seq != acked + 1 {
                throw Refusal.gap(ackedThrough: acked, firstNew: firstNew.seq)
            }
            let old = ops.filter { $0.seq <= acked }
            var fresh: [WireOperation] = []
            var expected = acked + 1
            for op in ops where op.seq > acked {
                guard op.seq == expected else { break }  // a gap inside the batch: stop here
                fresh.append(op)
                expected += 1
            }
            var results = try await self.judgeOld(old, hallId: hallId, deviceId: request.deviceId, conn: conn)
            results += try await self.ingestNew(fresh, hallId: hallId, conn: conn)
            try await conn.query("""
                UPDATE device_cursor SET acked_through_seq = \(expected - 1), last_contact = now()
                WHERE hall_id = \(hallId) AND id = \(request.deviceId)
                """, logger: logger)
            try await self.beforeCommit?()
            return (expected - 1, results)
        }
    }

    /// Operations at or below the cursor: harmless retries if byte-for-byte what is stored.
    private func judgeOld(_ ops: [WireOperation], hallId: String, deviceId: String, conn: PostgresConnection) async throws -> [OpResult] {
        guard !ops.isEmpty else { return [] }
        var stored: [Int64: (id: String, sha: String)] = [:]
        let seqs = ops.map(\.seq)
        for try await (seq, id, sha) in try await conn.query("""
            SELECT seq, id, sha256 FROM operation WHERE hall_id = \(hallId) AND device_id = \(deviceId) AND seq = ANY(\(seqs))
            UNION ALL
            SELECT seq, op_id, sha256 FROM quarantine WHERE hall_id = \(hallId) AND device_id = \(deviceId) AND seq = ANY(\(seqs))
            """, logger: logger).decode((Int64, String, String).self) { stored[seq] = (id, sha) }
        return ops.map { op in
            guard let (id, sha) = stored[op.seq] else { return OpResult(opId: op.opId, seq: op.seq, status: .duplicate) }
            if id == op.opId && sha == op.sha256 { return OpResult(opId: op.opId, seq: op.seq, status: .duplicate) }
            if id == op.opId {
                logger.error("op id reused with a different payload", metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "seq": "\(op.seq)"])
                return OpResult(opId: op.opId, seq: op.seq, status: .conflict, reason: "操作编号 \(op.opId) 已以不同内容提交过，本次内容被拒绝")
            }
            logger.error("seq already used by another op (store restored from an old backup?)",
                         metadata: ["hall": "\(hallId)", "device": "\(op.deviceId)", "seq": "\(op.seq)", "op": "\(op.opId)", "stored_op": "\(id)"])
            return OpResult(opId: op.opId, seq: op.seq, status: .conflict, reason: "序号 \(op.seq) 已被另一操作占用（本地数据库可能从旧备份恢复）")
        }
    }

    /// The device's next operations, in seq order: stored, or quarantined with the reason.
    private func ingestNew(_ ops: [WireOperation], hallId: String, conn: PostgresConnection) async throws -> [OpResult] {
        guard !ops.isEmpty else { return [] }
        // A reused op id is checked first: the same id with the same bytes is a retry under a new
        // seq (counted, not stored twice); with other bytes it is refused loudly. Ids earlier in
        // this same batch count as stored.
        var known: [String: String] = [:]
        for try await (id, sha) in try await conn.query("""
            SELECT id, sha256 FROM operation WHERE hall_id = \(hallId) AND id = ANY(\(ops.map(\.opId)))
            """, logger: logger).decode((String, String).self) { known[id] = sha }
        var results: [OpResult] = []
        var store: [WireOperation] = []
        for op in ops {
            if let sha = known[op.opId] {
                if sha == op.sha256 {
                    try await quarantine(op, hallId: hallId, status: .duplicate, reason: "同一操作以新序号重复提交", conn: conn)
                    results.append(OpResult(opId: op.opId, seq: op.seq, status: .duplicate))
                } else {
                    let reason = "操作编号 \(op.opId) 已以不同内容提交过，本次内容被拒绝"
                    logger.error("op id reused with a different payload", metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "seq": "\(op.seq)"])
                    try await quarantine(op, hallId: hallId, status: .conflict, reason: reason, conn: conn)
                    results.append(OpResult(opId: op.opId, seq: op.seq, status: .conflict, reason: reason))
                }
            } else if let reason = Self.poisonReason(op, accepted: acceptedVersions) {
                logger.warning("op quarantined", metadata: ["hall": "\(hallId)", "op": "\(op.opId)", "seq": "\(op.seq)", "reason": "\(reason)"])
                try await quarantine(op, hallId: hallId, status: .quarantined, reason: reason, conn: conn)
                results.append(OpResult(opId: op.opId, seq: op.seq, status: .quarantined, reason: reason))
            } else {
                known[op.opId] = op.sha256
                store.append(op)
                results.append(OpResult(opId: op.opId, seq: op.seq, status: .applied))
            }
        }
        if !store.isEmpty {
            // One INSERT for the whole batch. `projected` is false for the kinds the dashboard
            // reads: OverviewProjector picks them up after the commit, off the push's path.
            let projected = store.map { !OverviewProjection.projectedKinds.contains($0.kind) }
            try await conn.query("""
                INSERT INTO operation (hall_id, id, device_id, seq, hlc, wall_time, schema_version, kind, entity_id, payload, sha256, projected)
                SELECT \(hallId), u.id, u.device_id, u.seq, u.hlc, u.wall_time, u.schema_version, u.kind, NULLIF(u.entity_id, ''), u.payload, u.sha256, u.projected
                FROM UNNEST(\(store.map(\.opId))::text[], \(store.map(\.deviceId))::text[], \(store.map(\.seq))::int8[],
                            \(store.map(\.hlc))::text[], \(store.map(\.wallTime))::float8[], \(store.map(\.schemaVersion))::int8[],
                            \(store.map(\.kind))::text[], \(store.map { $0.entityId ?? "" })::text[], \(store.map(\.payload))::text[],
                            \(store.map(\.sha256))::text[], \(projected)::bool[])
                  AS u(id, device_id, seq, hlc, wall_time, schema_version, kind, entity_id, payload, sha256, projected)
                """, logger: logger)
        }
        return results
    }

    private func quarantine(_ op: WireOperation, hallId: String, status: OpStatus, reason: String,
                            conn: PostgresConnection) async throws {
        // An oversized payload is not kept here either: the cap bounds what one operation costs.
        var op = op
        if op.payload.utf8.count > SyncPaths.maxOperationBytes { op.payload = "" }
        let raw = String(decoding: try JSONEncoder().encode(op), as: UTF8.self)
        // The raw text is always kept; the JSONB copy only when the payload itself is JSON.
        let opJSON: String? = Self.isJSON(op.payload) ? raw : nil
        try await conn.query("""
            INSERT INTO quarantine (hall_id, id, op_id, device_id, seq, status, reason, sha256, operation, raw)
            VALUES (\(hallId), \(UUID().uuidString.lowercased()), \(op.opId), \(op.deviceId), \(op.seq), \(status.rawValue),
                    \(reason), \(op.sha256), \(opJSON)::jsonb, \(raw))
            """, logger: logger)
    }

    /// Why an operation cannot be used, or nil when it is fine.
    static func poisonReason(_ op: WireOperation, accepted: ClosedRange<Int> = SyncPaths.supportedSchemaVersions) -> String? {
        if op.payload.utf8.count > SyncPaths.maxOperationBytes { return oversizeReason(op) }
        let digest = SHA256.hash(data: Data(op.payload.utf8)).map { String(format: "%02x", $0) }.joined()
        if digest != op.sha256.lowercased() { return "内容校验和不符（传输或存储损坏）" }
        if !isJSON(op.payload) { return "内容不是有效的 JSON" }
        if OperationKind(rawValue: op.kind) == nil { return "未知的操作类型 \(op.kind)" }
        if !accepted.contains(op.schemaVersion) { return "不支持的数据版本 \(op.schemaVersion)（中心接受 \(accepted.lowerBound)–\(accepted.upperBound) 版）" }
        if op.opId.isEmpty || op.deviceId.isEmpty { return "缺少操作编号或设备编号" }
        return nil
    }

    static func oversizeReason(_ op: WireOperation) -> String {
        "单条操作内容过大（\(op.payload.utf8.count) 字节，上限 \(SyncPaths.maxOperationBytes) 字节），中心未保存其内容，原件仍在大厅节点"
    }

    static func isJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }
}
