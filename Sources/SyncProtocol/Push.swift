import Foundation

/// The client's opening message: which device is speaking, so the centre can say where to resume.
public struct HandshakeRequest: Codable, Sendable, Equatable {
    public var deviceId: String
    public var schemaVersion: Int
    /// The device's wall clock, so the centre can log drift; never used to reject anything.
    public var clientTime: Double
    /// The node's own hall id: the centre refuses to speak with a node of another hall than its
    /// token's (a copied token or a cloned disk). Nil only from clients older than this check.
    public var hallId: String?
    /// The head of the node's audit chain now; nil from clients older than audit anchoring.
    public var auditHead: AuditHead?
    /// The node's own entry at the seq the centre last anchored (`HandshakeResponse.auditAnchorSeq`),
    /// so the centre can tell that the chain still runs through its anchor.
    public var auditProof: AuditHead?
    public init(deviceId: String, schemaVersion: Int, clientTime: Double, hallId: String? = nil,
                auditHead: AuditHead? = nil, auditProof: AuditHead? = nil) {
        self.deviceId = deviceId; self.schemaVersion = schemaVersion; self.clientTime = clientTime
        self.hallId = hallId; self.auditHead = auditHead; self.auditProof = auditProof
    }
}

public struct HandshakeResponse: Codable, Sendable, Equatable {
    public var hallId: String
    public var deviceId: String
    /// Every operation of this device up to and including this seq is safely stored centrally;
    /// the client pushes from `ackedThroughSeq + 1`.
    public var ackedThroughSeq: Int64
    public var maxBatch: Int
    public var serverTime: Double
    /// The op id the centre holds at `ackedThroughSeq` (nil when it holds nothing, or from an older
    /// centre). A client whose own op at that seq differs, or who has none, was restored from an
    /// old backup: its unconfirmed operations must move past the centre's seq (see SyncClient).
    public var lastOpId: String?
    /// The seq of the audit entry the centre now holds as this device's anchor: the node sends its
    /// own entry at that seq as `auditProof` in its next handshake. Nil when none is anchored.
    public var auditAnchorSeq: Int64?
    /// Set when the node's audit head did not extend the anchored one (Chinese, for the node's
    /// operator and log); the centre recorded an alert and kept the operations flowing.
    public var auditAlert: String?
    public init(hallId: String, deviceId: String, ackedThroughSeq: Int64, maxBatch: Int, serverTime: Double,
                lastOpId: String? = nil, auditAnchorSeq: Int64? = nil, auditAlert: String? = nil) {
        self.hallId = hallId; self.deviceId = deviceId; self.ackedThroughSeq = ackedThroughSeq
        self.maxBatch = maxBatch; self.serverTime = serverTime; self.lastOpId = lastOpId
        self.auditAnchorSeq = auditAnchorSeq; self.auditAlert = auditAlert
    }
}

/// A batch of one device's operations, in seq order, starting at or below the centre's resume point.
public struct PushRequest: Codable, Sendable, Equatable {
    public var deviceId: String
    public var operations: [WireOperation]
    /// The hall every operation of the batch was written in (the node's hall): a batch of another
    /// hall than the token's is refused whole. Nil only from clients older than this check.
    public var hallId: String?
    public init(deviceId: String, operations: [WireOperation], hallId: String? = nil) {
        self.deviceId = deviceId; self.operations = operations; self.hallId = hallId
    }
}

/// What became of one pushed operation.
public enum OpStatus: String, Codable, Sendable {
    /// Stored now.
    case applied
    /// Already stored earlier (a retried batch); nothing changed.
    case duplicate
    /// Unusable (bad checksum, not JSON, unknown kind or schema): kept aside for a person to look
    /// at; its seq counts as received so it never blocks the operations after it.
    case quarantined
    /// Refused loudly: its op id or seq is already taken by a different payload. Kept in quarantine.
    case conflict
}

public struct OpResult: Codable, Sendable, Equatable {
    public var opId: String
    public var seq: Int64
    public var status: OpStatus
    /// Why an operation was quarantined or refused (Chinese, for the operator's log).
    public var reason: String?
    public init(opId: String, seq: Int64, status: OpStatus, reason: String? = nil) {
        self.opId = opId; self.seq = seq; self.status = status; self.reason = reason
    }
}

public struct PushResponse: Codable, Sendable, Equatable {
    /// Only this number moves the client's cursor.
    public var ackedThroughSeq: Int64
    public var results: [OpResult]
    public var serverTime: Double
    public init(ackedThroughSeq: Int64, results: [OpResult], serverTime: Double) {
        self.ackedThroughSeq = ackedThroughSeq; self.results = results; self.serverTime = serverTime
    }
}
