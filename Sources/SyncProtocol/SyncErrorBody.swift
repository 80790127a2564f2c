import Foundation

/// The body of every non-2xx answer from the centre: a stable code for programs and a Chinese
/// message for people.
public struct SyncErrorBody: Codable, Sendable, Equatable, Error {
    public var code: Code
    public var message: String
    /// For `sequenceGap` and `sequenceRewind`: the centre holds this device's operations through
    /// this seq; resume after it.
    public var resumeAfterSeq: Int64?

    public enum Code: String, Codable, Sendable {
        case unauthorized
        /// A live token, but of a kind not allowed on this path.
        case forbidden
        case sequenceGap = "sequence_gap"
        case badRequest = "bad_request"
        case wrongHall = "wrong_hall"
        /// The client's schema version is older than the centre still accepts: upgrade it. Nothing
        /// was read from its outbox.
        case upgradeRequired = "upgrade_required"
        case internalError = "internal"
        /// No such endpoint (`notFound`), or an endpoint asked with a method it lacks (see `Allow`).
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
    }

    public init(code: Code, message: String, resumeAfterSeq: Int64? = nil) {
        self.code = code; self.message = message; self.resumeAfterSeq = resumeAfterSeq
    }
}

/// Endpoint paths, shared so client and server can never disagree.
public enum SyncPaths {
    public static let health = "/health"
    public static let metrics = "/metrics"
    public static let handshake = "/v1/sync/handshake"
    public static let push = "/v1/sync/push"
    public static let pull = "/v1/sync/pull"
    /// GET: the centre's API as an OpenAPI 3 document (no token: it describes, it reveals nothing).
    public static let openAPI = "/openapi.json"
    /// The largest request body the centre reads (a full batch is far below it).
    public static let maxBodyBytes = 16 * 1024 * 1024
    /// The largest payload of one operation the centre stores; a larger one is quarantined
    /// without its content (the hall keeps the original).
    public static let maxOperationBytes = 1024 * 1024
    /// The schema version of the operations this build writes and the centre stores.
    public static let currentSchemaVersion = 1
    /// How many versions behind its own a centre still accepts, so halls can be upgraded one by one
    /// over weeks instead of all in one night.
    public static let versionsAcceptedBehind = 2
    /// Schema versions of operations a centre at `current` accepts (and stores with their version).
    public static func acceptedSchemaVersions(current: Int = currentSchemaVersion) -> ClosedRange<Int> {
        max(1, current - versionsAcceptedBehind)...current
    }
    /// Schema versions of operations this build's centre understands.
    public static var supportedSchemaVersions: ClosedRange<Int> { acceptedSchemaVersions() }
}
