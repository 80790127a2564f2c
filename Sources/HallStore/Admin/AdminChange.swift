import Foundation
import GRDB
import HallCore

/// One administrative change as it goes to the centre and into the audit chain: who (the
/// transaction's attribution), when (its clock), what, the old value and the new one.
public struct AdminChange: Codable, Equatable, Sendable {
    public var action: String        // e.g. "service.maxQueue"
    public var entity: String        // "service", "window", "clerk", "ticket", "day"
    public var entityId: String?
    public var subject: String       // what people call it: "A 社保医保", "3号窗口", "1001 李敏"
    public var old: String?
    public var new: String?
    /// A changed service as the centre's dashboard reads it (the same shape `setUp` sends), so
    /// the centre names it and measures against its current target.
    public var services: [ServiceReport]?

    public struct ServiceReport: Codable, Equatable, Sendable {
        public var id: String; public var prefix: String; public var name: String; public var targetWaitMinutes: Int
    }
}

extension BusinessTransaction {
    /// Writes the outbox operation and the audit entry of one administrative change.
    func recordChange(_ action: String, entity: String, entityId: String?, subject: String,
                      old: String?, new: String?, words: String, service: Service? = nil) throws {
        let report = service.map { AdminChange.ServiceReport(id: $0.id, prefix: $0.prefix, name: $0.name, targetWaitMinutes: $0.targetWaitMinutes) }
        let change = AdminChange(action: action, entity: entity, entityId: entityId, subject: subject, old: old, new: new,
                                 services: report.map { [$0] })
        try outbox(.referenceChanged, entityId: entityId, payload: change)
        var detail = "\(words)：\(subject)"
        if old != nil || new != nil { detail += "，原为“\(old ?? "—")”，改为“\(new ?? "—")”" }
        try audit(action: "admin.\(action)", entity: entity, entityId: entityId, detail: detail)
    }
}

extension HallStore {
    /// The administrative changes in the audit chain, newest first (for the admin screens' history).
    public func adminHistory(limit: Int = 50) throws -> [(at: Date, clerkNumber: String?, action: String, detail: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, clerk_number, action, detail FROM audit_entry WHERE action LIKE 'admin.%' ORDER BY seq DESC LIMIT ?",
                             arguments: [limit]).map { (Date(timeIntervalSince1970: $0["at"]), $0["clerk_number"], $0["action"], $0["detail"]) }
        }
    }
}

/// Minutes after local midnight, as "HH:MM", both ways.
public enum ClockTime {
    public static func parse(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m),
              parts[1].count == 2 else { return nil }
        return h * 60 + m
    }
    public static func format(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
}
