import Foundation
import GRDB
import HallCore

/// A service event waiting for its rating at one window (the pad's invitation).
public struct RatingInvitation: Codable, Equatable, Sendable {
    public var id: String
    public var windowNumber: Int
    public var ticketNumber: String?
    public var caseNumber: String?
    public var serviceName: String?
    public var matter: String?
    /// 工号 only: the pad never shows the clerk's name.
    public var clerkNumber: String?
    public var createdAt: Date
    public var expiresAt: Date

    /// What the pad shows as "what you came for": the matter when a case was opened, else the service.
    public var subject: String { matter ?? serviceName ?? "办事服务" }

    init(row r: Row) {
        id = r["id"]; windowNumber = r["window_number"]; ticketNumber = r["ticket_number"]
        caseNumber = r["case_number"]; serviceName = r["service_name"]; matter = r["matter"]
        clerkNumber = r["clerk_number"]
        createdAt = Date(timeIntervalSince1970: r["created_at"]); expiresAt = Date(timeIntervalSince1970: r["expires_at"])
    }
}

/// Real-name rater: kept only for the callback, read only by roles that do callbacks.
public struct RaterIdentity: Codable, Equatable, Sendable {
    public var name: String
    public var phone: String
    public init(name: String, phone: String) { self.name = name; self.phone = phone }
}

/// A rating as read back. `rater` is nil unless the reader may see it (see `canSeeRater`).
public struct RatingRecord: Equatable, Sendable {
    public var id: String
    public var windowNumber: Int
    public var clerkNumber: String?
    public var serviceName: String?
    public var matter: String?
    public var caseNumber: String?
    public var level: RatingLevel
    public var reasons: [String]
    public var text: String?
    public var anonymous: Bool
    public var rater: RaterIdentity?
    public var channel: RatingChannel
    public var isDefault: Bool
    public var at: Date

    init(row r: Row, showRater: Bool) throws {
        id = r["id"]; windowNumber = r["window_number"]; clerkNumber = r["clerk_number"]
        serviceName = r["service_name"]; matter = r["matter"]; caseNumber = r["case_number"]
        level = try decode(RatingLevel.self, r, "level", table: "rating")
        reasons = try decodeJSON([String].self, r, "reasons", table: "rating")
        text = r["text"]; anonymous = r["anonymous"]
        channel = try decode(RatingChannel.self, r, "channel", table: "rating")
        isDefault = r["is_default"]; at = Date(timeIntervalSince1970: r["at"])
        if showRater, !anonymous, let name = r["rater_name"] as String? {
            rater = RaterIdentity(name: name, phone: r["rater_phone"] ?? "")
        }
    }
}

/// 回访 is done by supervisors (大厅管理) and admins; nobody else reads the rater's identity.
public func canSeeRater(_ role: ClerkRole) -> Bool { role == .supervisor || role == .admin }

/// One rectification task as listed for the supervisor.
public struct RectificationTask: Equatable, Sendable {
    public var id: String
    public var ratingId: String
    public var windowNumber: Int
    public var clerkNumber: String?
    public var level: RatingLevel
    public var reasons: [String]
    public var text: String?
    public var rater: RaterIdentity?
    public var anonymous: Bool
    public var dueDate: String?
    public var state: Rectification
    public var openedAt: Date
    public var overdue: Bool
    public var history: [(at: Date, label: String)]

    public static func == (a: RectificationTask, b: RectificationTask) -> Bool {
        a.id == b.id && a.state == b.state && a.dueDate == b.dueDate && a.overdue == b.overdue && a.history.count == b.history.count
    }
}
