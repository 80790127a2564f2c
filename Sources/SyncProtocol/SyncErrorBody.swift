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
        case sequenceGap = "sequence_gap"
        case badRequest = "bad_request"
        case wrongHall = "wrong_hall"
        case internalError = "internal"
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
    /// Schema versions of operations the centre understands.
    public static let supportedSchemaVersions: ClosedRange<Int> = 1...1
}
