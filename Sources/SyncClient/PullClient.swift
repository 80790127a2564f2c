import Crypto
import Foundation
import HallStore
import Logging
import SyncProtocol

/// Pulls centre-owned buckets page by page. Each page is checked against its checksum and applied
/// with its cursor in one local transaction; a bucket that fails the check, or whose cursor the
/// centre no longer serves, is reset alone and pulled again from the start.
public struct PullClient: Sendable {
    public let store: HallStore
    public let transport: any SyncTransport
    public let token: String
    public var pageSize: Int
    let logger: Logger

    public init(store: HallStore, transport: any SyncTransport, token: String, pageSize: Int = 500,
                logger: Logger = Logger(label: "yichuang.sync")) {
        self.store = store; self.transport = transport; self.token = token; self.pageSize = pageSize; self.logger = logger
    }

    /// The buckets a hall follows.
    public func buckets() throws -> [Bucket] { [.catalog, .calendar, .hall(try store.syncIdentity().hallId)] }

    /// Pulls every bucket to its end; returns how many changes were applied per bucket.
    @discardableResult
    public func pullAll() async throws -> [String: Int] {
        var applied: [String: Int] = [:]
        for b in try buckets() { applied[b.name] = try await pull(b) }
        // Only now, with every bucket complete, is the copy carried into the business tables.
        let carried = try store.applyPulledReference(by: .system("sync"))
        for problem in carried.problems { logger.error("pulled reference data not used", metadata: ["problem": "\(problem)"]) }
        if !carried.isEmpty { logger.info("reference data carried over", metadata: ["summary": "\(carried.text)"]) }
        return applied
    }

    public func pull(_ bucket: Bucket) async throws -> Int {
        var cursor = try store.bucketCursor(bucket.name)
        var applied = 0
        var resets = 0
        while true {
            let page = try await fetch(bucket, cursor: cursor)
            if Self.checksum(page.changes) != page.checksum || page.reset {
                resets += 1
                // Twice in a row means the centre keeps sending what we cannot use: stop, loudly.
                guard resets <= 1 else { throw SyncClientError.refused("数据分组 \(bucket.name) 反复校验失败") }
                let why = page.reset ? "cursor older than the centre's log" : "checksum mismatch"
                logger.warning("bucket reset", metadata: ["bucket": "\(bucket.name)", "why": "\(why)"])
                try store.resetBucket(bucket.name)
                cursor = 0
                continue
            }
            resets = 0
            try store.applyReferencePage(bucket: bucket.name,
                                         changes: page.changes.map { ReferenceChange(version: $0.version, entity: $0.entity, entityId: $0.entityId, payload: $0.payload) },
                                         nextCursor: page.nextCursor, checksum: page.checksum)
            applied += page.changes.count
            cursor = page.nextCursor
            if !page.hasMore { return applied }
        }
    }

    func fetch(_ bucket: Bucket, cursor: Int64) async throws -> PullPage {
        let query = "bucket=\(bucket.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? bucket.name)&cursor=\(cursor)&limit=\(pageSize)"
        let (status, data): (Int, Data)
        do {
            (status, data) = try await transport.send(method: "GET", path: SyncPaths.pull, query: query, body: nil, token: token)
        } catch { throw SyncClientError.unavailable(TransportFailure.describe(error)) }
        let errorBody = try? JSONDecoder().decode(SyncErrorBody.self, from: data)
        switch status {
        case 200:
            do { return try JSONDecoder().decode(PullPage.self, from: data) } catch {
                throw SyncClientError.refused("无法解析中心的应答：\(error)")
            }
        case 401, 403: throw SyncClientError.unauthorized(errorBody?.message ?? "HTTP \(status)")
        case 500...: throw SyncClientError.unavailable(errorBody?.message ?? "HTTP \(status)")
        default: throw SyncClientError.refused(errorBody?.message ?? "HTTP \(status)")
        }
    }

    static func checksum(_ changes: [BucketChange]) -> String {
        SHA256.hash(data: Data(PageChecksum.canonicalText(changes).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
