import Foundation
import GRDB

/// Anchoring the audit chain (issue 16, must-deliver 3). `AuditLog.verify` finds an entry edited
/// in place, but not a chain cut short at its end, nor one edited and hashed again from there on:
/// both are intact chains. What catches them is a head (seq + hash) written down somewhere the
/// editor cannot reach: each close-of-day summary keeps the head at closing (printed on it), and
/// every sync hands the head to the centre, which keeps it per hall and device.
extension AuditLog {
    /// One point of the chain: an entry's seq and hash.
    public struct Head: Codable, Equatable, Sendable {
        public var seq: Int64
        public var hash: String
        public init(seq: Int64, hash: String) { self.seq = seq; self.hash = hash }
        /// As printed on the day summary: the seq and the hash's first 16 hex digits.
        public var printed: String { "第 \(seq) 条，哈希 \(hash.prefix(16))" }
    }

    /// The last entry of the chain; nil when the log is empty.
    static func head(_ db: Database) throws -> Head? {
        try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").map { Head(seq: $0["seq"], hash: $0["hash"]) }
    }

    /// The hash the chain holds at `seq`, or nil when it has no such entry.
    static func hash(_ db: Database, at seq: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM audit_entry WHERE seq = ?", arguments: [seq])
    }
}

extension LedgerCheck {
    /// The chain against the heads the close-of-day summaries wrote down: each anchored entry must
    /// still be there with the same hash. Names the first summary whose head the chain lost.
    static func dayAnchors(_ db: Database) throws -> Result {
        let name = "审计日志与各日日结汇总表记下的日志末条（序号、哈希）对照"
        let decoder = JSONDecoder(); decoder.dateDecodingStrategy = .secondsSince1970
        var checked = 0
        for r in try Row.fetchAll(db, sql: "SELECT day, summary FROM day_close ORDER BY day") {
            let day: String = r["day"]
            guard let head = (try? decoder.decode(DaySummary.self, from: Data((r["summary"] as String).utf8)))?.auditHead else { continue }
            checked += 1
            guard let hash = try AuditLog.hash(db, at: head.seq) else {
                let last = try AuditLog.head(db)?.seq ?? 0
                return Result(name: name, checked: checked, firstBad: """
                    \(day) 日结时审计日志到第 \(head.seq) 条，现在只到第 \(last) 条：第 \(last + 1) 至 \(head.seq) 条被删除（日志被截断）
                    """)
            }
            if hash != head.hash {
                return Result(name: name, checked: checked, firstBad: """
                    \(day) 日结时记下审计日志第 \(head.seq) 条的哈希为 \(head.hash.prefix(16))…，现在是 \(hash.prefix(16))…：\
                    该条或其之前的记录被改写后重新计算了哈希链
                    """)
            }
        }
        return Result(name: name, checked: checked, firstBad: nil)
    }
}

extension HallStore {
    /// The audit chain's head now, for the handshake (nil when the log is empty).
    public func auditHead() throws -> AuditLog.Head? { try read { db in try AuditLog.head(db) } }

    /// This node's entry at `seq` as the proof the centre asked for: nil hash when the entry is gone.
    public func auditHash(at seq: Int64) throws -> String? { try read { db in try AuditLog.hash(db, at: seq) } }

    /// The seq the centre last anchored (nil before the first anchored sync).
    public func auditAnchorSeq() throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT audit_anchor_seq FROM sync_state WHERE id = 1") }
    }

    /// Records the seq the centre says it now anchors (its handshake answer).
    public func recordAuditAnchor(seq: Int64?) throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET audit_anchor_seq = ? WHERE id = 1", arguments: [seq]) }
    }
}
