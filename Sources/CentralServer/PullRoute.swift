import Crypto
import Foundation
import Hummingbird
import PostgresNIO
import SyncProtocol

/// GET /v1/sync/pull?bucket=catalog&cursor=N&limit=M: one page of a bucket's change log.
/// A hall may read the shared buckets and its own `hall:<id>` bucket, never another hall's.
struct PullRoute: Sendable {
    let central: Central

    func page(request: Request, hallId: String) async throws -> Response {
        let q = request.uri.queryParameters
        guard let name = q["bucket"].map(String.init), let bucket = Bucket(name: name) else {
            return CentralRoutes.error(.badRequest, "未知的数据分组", status: .badRequest)
        }
        if case .hall(let other) = bucket, other != hallId {
            return CentralRoutes.error(.wrongHall, "只能读取本大厅的数据", status: .forbidden)
        }
        // A cursor or limit that is not what the document says is refused, not guessed: a
        // negative cursor was answered as a page ending at that cursor.
        var cursor: Int64 = 0, limit = 500
        if let text = q["cursor"] {
            guard let c = Int64(String(text)), c >= 0 else {
                return CentralRoutes.error(.badRequest, "游标应为不小于 0 的整数，收到“\(String(text.prefix(20)))”", status: .badRequest)
            }
            cursor = c
        }
        if let text = q["limit"] {
            guard let l = Int(String(text)), (1...1000).contains(l) else {
                return CentralRoutes.error(.badRequest, "每页条数应为 1–1000，收到“\(String(text.prefix(20)))”", status: .badRequest)
            }
            limit = l
        }
        // A cursor older than the pruned log cannot be continued: start the bucket over.
        let horizon = try await central.buckets.horizon(bucket)
        let reset = cursor > 0 && cursor < horizon
        if reset { cursor = 0 }
        var changes: [BucketChange] = []
        let rows = try await central.client.query("""
            SELECT id, entity, entity_id, payload FROM bucket_change
            WHERE hall_id = \(BucketLog.owner(bucket)) AND bucket = \(bucket.name) AND id > \(cursor) ORDER BY id LIMIT \(limit + 1)
            """, logger: central.logger)
        for try await (v, entity, entityId, payload) in rows.decode((Int64, String, String, String?).self) {
            changes.append(BucketChange(version: v, entity: entity, entityId: entityId, payload: payload))
        }
        let hasMore = changes.count > limit
        if hasMore { changes.removeLast() }
        let checksum = SHA256.hash(data: Data(PageChecksum.canonicalText(changes).utf8)).map { String(format: "%02x", $0) }.joined()
        let page = PullPage(bucket: bucket.name, changes: changes, nextCursor: changes.last?.version ?? cursor,
                            hasMore: hasMore, checksum: checksum, reset: reset, serverTime: Date().timeIntervalSince1970)
        return CentralRoutes.json(page)
    }
}
