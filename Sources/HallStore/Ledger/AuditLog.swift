import Foundation
import GRDB

/// The hash chain of the audit log. Each entry's hash covers its fields and the previous hash, so
/// editing or removing an old entry breaks every hash after it.
public enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    struct Entry {
        var id: String
        var hallId: String
        var at: Double
        var clerkId: String?
        var clerkNumber: String?
        var terminal: String
        var action: String
        var entity: String
        var entityId: String?
        var detail: String
    }

    /// The hash covers every field and the previous hash; fields are joined with the ASCII unit
    /// separator, which cleaned text never contains, and nil is distinct from "".
    static func hash(_ e: Entry, prev: String) -> String {
        func opt(_ s: String?) -> String { s.map { "+" + $0 } ?? "-" }
        let fields = [prev, e.id, e.hallId, String(e.at), opt(e.clerkId), opt(e.clerkNumber), e.terminal,
                      e.action, e.entity, opt(e.entityId), e.detail]
        return Digest.sha256Hex(fields.joined(separator: "\u{1F}"))
    }

    public struct Verification: Equatable, Sendable {
        public var entries: Int
        public var firstBrokenSeq: Int64?
        public var isIntact: Bool { firstBrokenSeq == nil }
    }

    /// Walks the whole chain. Used by `yichuang doctor` and the tests.
    public static func verify(_ db: Database) throws -> Verification {
        var prev = genesis
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_entry ORDER BY seq")
        while let r = try rows.next() {
            count += 1
            let e = Entry(id: r["id"], hallId: r["hall_id"], at: r["at"], clerkId: r["clerk_id"],
                          clerkNumber: r["clerk_number"], terminal: r["terminal"], action: r["action"],
                          entity: r["entity"], entityId: r["entity_id"], detail: r["detail"])
            let stored: String = r["hash"]
            let storedPrev: String = r["prev_hash"]
            if storedPrev != prev || hash(e, prev: prev) != stored {
                return Verification(entries: count, firstBrokenSeq: r["seq"])
            }
            prev = stored
        }
        return Verification(entries: count, firstBrokenSeq: nil)
    }
}
