import Foundation

/// The head of a node's audit chain (issue 16, must-deliver 3): the seq of its last audit entry
/// and that entry's hash. Because each hash covers the one before it, a head the centre has seen
/// pins every entry up to it: a chain cut short (truncation) or edited and hashed again (a
/// recomputed chain) can no longer show the same hash at that seq.
public struct AuditHead: Codable, Sendable, Equatable {
    public var seq: Int64
    /// Lower-case hex SHA-256; nil in a proof means the node has no entry at that seq (cut off).
    public var hash: String?
    public init(seq: Int64, hash: String?) { self.seq = seq; self.hash = hash }
}

/// What the centre found when it compared a node's audit head with the anchor it holds.
public enum AuditAnchorProblem: String, Codable, Sendable {
    /// The node's chain is shorter than the one the centre anchored, or lacks the anchored entry.
    case truncated
    /// The node's entry at an anchored seq has another hash: history was edited and re-hashed.
    case rewritten
    /// The centre holds an anchor but the node did not prove its chain still contains it.
    case unproven
}
