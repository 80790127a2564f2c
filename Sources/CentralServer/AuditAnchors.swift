import Foundation
import Logging
import PostgresNIO
import SyncProtocol

/// The centre's half of audit anchoring (issue 16, must-deliver 3). Each handshake carries the
/// head of the node's audit chain and the node's own entry at the seq the centre anchored last
/// time. A head that extends the anchor moves it; one that does not (a chain cut short, or edited
/// and hashed again) is recorded as an alert, shown on the overview and in /metrics. The node's
/// operations still flow: they are legal records, and refusing them would hide the hall's data
/// from the province without undoing anything at the hall. The anchor then moves to the new head,
/// so a later edit is caught afresh; the alert stays as the evidence.
enum AuditAnchors {
    /// Migration 9.
    static let migration9: [String] = [
        // The last heads received per device (a few, so a proof against the anchor before the
        // latest still checks out when the client missed the answer that moved it).
        """
        CREATE TABLE audit_anchor (
            hall_id TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL, hash TEXT NOT NULL,
            anchored_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (hall_id, device_id, seq))
        """,
        """
        CREATE TABLE audit_anchor_alert (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, device_id TEXT NOT NULL, problem TEXT NOT NULL,
            anchored_seq BIGINT NOT NULL, anchored_hash TEXT NOT NULL,
            reported_seq BIGINT, reported_hash TEXT, message TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (hall_id, id))
        """,
    ]

    /// How many heads are kept per device.
    static let kept = 8

    struct Verdict {
        /// The seq the node proves next time (the latest anchor), nil when none.
        var anchorSeq: Int64?
        var problem: AuditAnchorProblem?
        var message: String?
    }

    /// Compares the reported head (and proof) with the anchors held, inside the handshake's
    /// transaction (the device's advisory lock is held: one handshake of a device at a time).
    static func check(hallId: String, deviceId: String, head: AuditHead?, proof: AuditHead?,
                      conn: PostgresConnection, logger: Logger) async throws -> Verdict {
        var anchors: [Int64: String] = [:]
        for try await (seq, hash) in try await conn.query("""
            SELECT seq, hash FROM audit_anchor WHERE hall_id = \(hallId) AND device_id = \(deviceId)
            """, logger: logger).decode((Int64, String).self) { anchors[seq] = hash }
        let latest = anchors.keys.max()
        // A client older than anchoring, or a node whose log is still empty: nothing to compare.
        guard let head, let headHash = head.hash else { return Verdict(anchorSeq: latest) }
        struct Found { var kind: AuditAnchorProblem; var anchoredSeq: Int64; var message: String }
        var problem: Found?
        if let latest, let anchoredHash = anchors[latest] {
            let at = "中心上次锚定的是第 \(latest) 条（哈希 \(anchoredHash.prefix(16))…）"
            if head.seq < latest {
                problem = Found(kind: .truncated, anchoredSeq: latest, message: "审计日志被截断：节点现在的末条是第 \(head.seq) 条，\(at)；第 \(head.seq + 1) 至 \(latest) 条已不在节点上")
            } else if let held = anchors[head.seq], held != headHash {
                problem = Found(kind: .rewritten, anchoredSeq: head.seq, message: "审计日志被改写：节点第 \(head.seq) 条的哈希是 \(headHash.prefix(16))…，中心锚定的是 \(held.prefix(16))…（记录被改动后重新计算了哈希链）")
            } else if head.seq > latest {
                if let proof, let held = anchors[proof.seq] {
                    if let proofHash = proof.hash {
                        if proofHash != held {
                            problem = Found(kind: .rewritten, anchoredSeq: proof.seq, message: "审计日志被改写：节点第 \(proof.seq) 条的哈希是 \(proofHash.prefix(16))…，中心锚定的是 \(held.prefix(16))…（记录被改动后重新计算了哈希链）")
                        }
                    } else {
                        problem = Found(kind: .truncated, anchoredSeq: proof.seq, message: "审计日志被截断：中心锚定的第 \(proof.seq) 条已不在节点上")
                    }
                } else {
                    problem = Found(kind: .unproven, anchoredSeq: latest, message: "无法核对审计日志：\(at)，节点没有出示它的这一条（本地的锚定记录被删改，或节点从很旧的备份恢复）")
                }
            }
        }
        if let p = problem {
            let (kind, anchoredSeq, message) = (p.kind, p.anchoredSeq, p.message)
            logger.error("audit chain does not extend its anchor", metadata: [
                "hall": "\(hallId)", "device": "\(deviceId)", "problem": "\(kind.rawValue)", "anchored_seq": "\(anchoredSeq)",
                "reported_seq": "\(head.seq)"])
            try await conn.query("""
                INSERT INTO audit_anchor_alert (hall_id, id, device_id, problem, anchored_seq, anchored_hash, reported_seq, reported_hash, message)
                VALUES (\(hallId), \(UUID().uuidString.lowercased()), \(deviceId), \(kind.rawValue), \(anchoredSeq),
                        \(anchors[anchoredSeq] ?? ""), \(head.seq), \(headHash), \(message))
                """, logger: logger)
            // Start again from the head as it now is: the alert keeps what was anchored before.
            try await conn.query("DELETE FROM audit_anchor WHERE hall_id = \(hallId) AND device_id = \(deviceId)", logger: logger)
        }
        if head.seq != latest || problem != nil {
            try await conn.query("""
                INSERT INTO audit_anchor (hall_id, device_id, seq, hash) VALUES (\(hallId), \(deviceId), \(head.seq), \(headHash))
                ON CONFLICT (hall_id, device_id, seq) DO NOTHING
                """, logger: logger)
            try await conn.query("""
                DELETE FROM audit_anchor WHERE hall_id = \(hallId) AND device_id = \(deviceId) AND seq NOT IN (
                    SELECT seq FROM audit_anchor WHERE hall_id = \(hallId) AND device_id = \(deviceId) ORDER BY seq DESC LIMIT \(Self.kept))
                """, logger: logger)
        }
        return Verdict(anchorSeq: head.seq, problem: problem?.kind, message: problem.map { "中心核对本节点审计日志：\($0.message)。已记录告警，数据照常接收，请联系中心管理员" })
    }
}

/// An alert as the overview and `central-audit-alerts` show it.
public struct AuditAnchorAlert: Sendable, Equatable {
    public var hallId: String
    public var deviceId: String
    public var problem: AuditAnchorProblem
    public var message: String
    public var at: Date
}

extension Central {
    /// Every alert, newest first (or one hall's).
    public func auditAlerts(hallId: String? = nil) async throws -> [AuditAnchorAlert] {
        var out: [AuditAnchorAlert] = []
        for try await (hall, device, problem, message, at) in try await client.query("""
            SELECT hall_id, device_id, problem, message, EXTRACT(EPOCH FROM at)::float8 FROM audit_anchor_alert
            WHERE (\(hallId)::text IS NULL OR hall_id = \(hallId)) ORDER BY at DESC, id
            """, logger: logger).decode((String, String, String, String, Double).self) {
            out.append(AuditAnchorAlert(hallId: hall, deviceId: device, problem: AuditAnchorProblem(rawValue: problem) ?? .unproven,
                                        message: message, at: Date(timeIntervalSince1970: at)))
        }
        return out
    }
}
