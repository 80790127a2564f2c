import Foundation

/// One outbox operation as it travels from a hall to the centre. The payload is the exact JSON
/// text the hall wrote, so the centre can re-check `sha256` byte for byte.
public struct WireOperation: Codable, Sendable, Equatable {
    public var opId: String
    public var deviceId: String
    /// Gap-free per-device sequence: the centre's resume point is counted in it.
    public var seq: Int64
    /// HLC timestamp text ("%016lld-%04d"), sorts like the timestamp.
    public var hlc: String
    /// The device's wall clock when the operation was written (seconds since 1970); kept even when
    /// far off, because the records are legal evidence.
    public var wallTime: Double
    public var schemaVersion: Int
    public var kind: String
    public var entityId: String?
    public var payload: String
    /// Lower-case hex SHA-256 of `payload`'s UTF-8 bytes.
    public var sha256: String

    public init(opId: String, deviceId: String, seq: Int64, hlc: String, wallTime: Double, schemaVersion: Int,
                kind: String, entityId: String?, payload: String, sha256: String) {
        self.opId = opId; self.deviceId = deviceId; self.seq = seq; self.hlc = hlc; self.wallTime = wallTime
        self.schemaVersion = schemaVersion; self.kind = kind; self.entityId = entityId
        self.payload = payload; self.sha256 = sha256
    }
}
