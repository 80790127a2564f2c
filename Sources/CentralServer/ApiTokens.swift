import Foundation
import Logging
import PostgresNIO

/// What a non-station token may do. Station tokens (HallRegistry) act for one hall; these act for
/// the centre's own people and for the systems feeding it.
public enum ApiRole: String, Sendable, CaseIterable {
    /// Supervisors at the centre: the all-halls dashboard, publishing catalog and calendar.
    case admin
    /// The online booking system: it may only post appointments.
    case booking
    /// A monitoring system (Prometheus): it may only read /metrics.
    case metrics
}

extension HallRegistry {
    public struct IssuedApiToken: Sendable {
        public var tokenId: String
        public var role: ApiRole
        /// The secret itself: print it once, never store it.
        public var token: String
    }

    /// Issues a token for a role; only its SHA-256 is stored.
    public func issueApiToken(role: ApiRole, label: String) async throws -> IssuedApiToken {
        let token = Self.newToken()
        let id = UUID().uuidString.lowercased()
        try await client.query("""
            INSERT INTO api_token (hall_id, id, token_sha256, role, label)
            VALUES ('*', \(id), \(Self.sha256Hex(token)), \(role.rawValue), \(label))
            """, logger: logger)
        logger.info("api token issued", metadata: ["role": "\(role.rawValue)", "token_id": "\(id)"])
        return IssuedApiToken(tokenId: id, role: role, token: token)
    }

    /// Revokes one api token by id; returns whether a live token was revoked.
    @discardableResult
    public func revokeApiToken(id: String) async throws -> Bool {
        let rows = try await client.query("""
            UPDATE api_token SET revoked_at = now() WHERE hall_id = '*' AND id = \(id) AND revoked_at IS NULL RETURNING id
            """, logger: logger)
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    /// The role of a live api token, or nil. Checked on every request, so revocation is immediate.
    public func apiRole(forToken token: String) async throws -> ApiRole? {
        let rows = try await client.query("""
            SELECT role FROM api_token WHERE token_sha256 = \(Self.sha256Hex(token)) AND revoked_at IS NULL LIMIT 1
            """, logger: logger)
        for try await r in rows.decode(String.self) { return ApiRole(rawValue: r) }
        return nil
    }

    /// Whether `token` is any live token (station or api), whatever it may do.
    public func isLive(token: String) async throws -> Bool {
        let hash = Self.sha256Hex(token)
        for try await _ in try await client.query("""
            SELECT 1 FROM station_token WHERE token_sha256 = \(hash) AND revoked_at IS NULL
            UNION ALL SELECT 1 FROM api_token WHERE token_sha256 = \(hash) AND revoked_at IS NULL LIMIT 1
            """, logger: logger).decode(Int.self) { return true }
        return false
    }
}
