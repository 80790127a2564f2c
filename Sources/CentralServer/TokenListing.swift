import Foundation
import Logging
import PostgresNIO

/// Every token the centre has issued, station and api alike, so an administrator can see what is
/// live and revoke one (a leaked copy, a retired kiosk) without touching the others.
extension HallRegistry {
    public struct TokenListing: Sendable, Equatable {
        public var tokenId: String
        /// "station" for a hall's sync token, else the api role (admin, booking, metrics).
        public var kind: String
        public var hallId: String?
        public var hallName: String?
        public var label: String
        public var createdAt: Date
        public var revokedAt: Date?
    }

    /// Live tokens first (by kind and hall), then revoked ones when `includeRevoked`.
    public func listTokens(includeRevoked: Bool = false) async throws -> [TokenListing] {
        let rows = try await client.query("""
            SELECT t.id, 'station', t.hall_id, h.name, t.label, t.created_at, t.revoked_at
            FROM station_token t LEFT JOIN hall h ON h.hall_id = t.hall_id AND h.id = t.hall_id
            WHERE \(includeRevoked) OR t.revoked_at IS NULL
            UNION ALL
            SELECT id, role, NULL, NULL, label, created_at, revoked_at FROM api_token
            WHERE \(includeRevoked) OR revoked_at IS NULL
            ORDER BY 7 NULLS FIRST, 2, 3, 6
            """, logger: logger)
        var out: [TokenListing] = []
        for try await (id, kind, hall, name, label, created, revoked) in rows.decode((String, String, String?, String?, String, Date, Date?).self) {
            out.append(TokenListing(tokenId: id, kind: kind, hallId: hall, hallName: name, label: label, createdAt: created, revokedAt: revoked))
        }
        return out
    }

    /// Revokes the one token with this id, station or api; false when no live token has it.
    /// Checked on every request, so the next request with it is refused (401). Who revoked it and
    /// why goes to `central_audit` in the same transaction (全过程留痕).
    @discardableResult
    public func revokeToken(id: String, actor: String = "system", reason: String = "吊销令牌") async throws -> Bool {
        let logger = self.logger
        return try await client.withTransaction(logger: logger) { conn in
            var hall: String?
            for try await h in try await conn.query("""
                UPDATE station_token SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING hall_id
                """, logger: logger).decode(String.self) { hall = h }
            if hall == nil {
                for try await h in try await conn.query("""
                    UPDATE api_token SET revoked_at = now() WHERE hall_id = '*' AND id = \(id) AND revoked_at IS NULL RETURNING hall_id
                    """, logger: logger).decode(String.self) { hall = h }
            }
            guard let hall else { return false }
            try await conn.query("""
                INSERT INTO central_audit (hall_id, id, actor, action, row_count, reason)
                VALUES (\(hall), \(UUID().uuidString.lowercased()), \(actor), 'token.revoke', 1, \("令牌 \(id)：\(reason)"))
                """, logger: logger)
            logger.notice("token revoked", metadata: ["hall": "\(hall)", "token_id": "\(id)", "by": "\(actor)"])
            return true
        }
    }
}
