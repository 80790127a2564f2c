import Crypto
import Foundation
import Logging
import PostgresNIO

/// Halls and their station tokens. A token is shown once at registration; only its SHA-256 is kept.
public struct HallRegistry: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) { self.client = client; self.logger = logger }

    public struct Issued: Sendable {
        public var hallId: String
        public var tokenId: String
        /// The secret itself: print it once, never store it.
        public var token: String
    }

    /// Registers the hall if new (or renames it) and issues a fresh station token.
    public func register(hallId: String, name: String, label: String = "station") async throws -> Issued {
        let token = Self.newToken()
        let tokenId = UUID().uuidString.lowercased()
        let hash = Self.sha256Hex(token)
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("""
                INSERT INTO hall (hall_id, id, name) VALUES (\(hallId), \(hallId), \(name))
                ON CONFLICT (hall_id, id) DO UPDATE SET name = EXCLUDED.name
                """, logger: logger)
            try await conn.query("""
                INSERT INTO station_token (hall_id, id, token_sha256, label) VALUES (\(hallId), \(tokenId), \(hash), \(label))
                """, logger: logger)
        }
        logger.info("station token issued", metadata: ["hall": "\(hallId)", "token_id": "\(tokenId)"])
        return Issued(hallId: hallId, tokenId: tokenId, token: token)
    }

    /// Revokes every live token of a hall; the next request with one of them is refused.
    @discardableResult
    public func revokeAll(hallId: String) async throws -> Int {
        var n = 0
        let rows = try await client.query("""
            UPDATE station_token SET revoked_at = now() WHERE hall_id = \(hallId) AND revoked_at IS NULL RETURNING id
            """, logger: logger)
        for try await _ in rows.decode(String.self) { n += 1 }
        logger.notice("station tokens revoked", metadata: ["hall": "\(hallId)", "count": "\(n)"])
        return n
    }

    /// The hall a bearer token belongs to, or nil for an unknown or revoked token. Checked on
    /// every request (no cache), so a revocation takes effect on the very next one.
    public func hallId(forToken token: String) async throws -> String? {
        let hash = Self.sha256Hex(token)
        let rows = try await client.query("""
            SELECT hall_id FROM station_token WHERE token_sha256 = \(hash) AND revoked_at IS NULL LIMIT 1
            """, logger: logger)
        for try await id in rows.decode(String.self) { return id }
        return nil
    }

    /// Each registered hall's name and last contact (any of its devices), into the metrics.
    func recordHallContacts(into metrics: CentralMetrics) async throws {
        let rows = try await client.query("""
            SELECT h.id, h.name, extract(epoch FROM max(d.last_contact))::double precision
            FROM hall h LEFT JOIN device_cursor d ON d.hall_id = h.id GROUP BY h.id, h.name
            """, logger: logger)
        for try await (id, name, last) in rows.decode((String, String, Double?).self) {
            metrics.hall(id: id, name: name, lastContact: last)
        }
        for try await (id, count) in try await client.query("""
            SELECT h.id, count(a.id)::int8 FROM hall h LEFT JOIN audit_anchor_alert a ON a.hall_id = h.id GROUP BY h.id
            """, logger: logger).decode((String, Int).self) {
            metrics.hallAuditAlerts(id: id, count: count)
        }
    }

    /// Why `hallId` cannot be a hall's id, or nil. A node's hall id is a lower-case UUID (see
    /// `yichuang sync --identity`); anything else registers a hall no node will ever speak for.
    public static func hallIdProblem(_ hallId: String) -> String? {
        guard UUID(uuidString: hallId) != nil else {
            return "大厅编号“\(String(hallId.prefix(40)))”不是有效的编号：请在大厅节点上运行 yichuang sync --identity，照抄其中的大厅编号"
        }
        guard hallId == hallId.lowercased() else { return "大厅编号应为小写：\(hallId.lowercased())" }
        return nil
    }

    static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return "yc_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
