import Foundation
import HallCore
import HallStore
import Logging
import ServiceLifecycle
import SyncProtocol

/// Pushes the hall's outbox to the centre. Only the centre's `ackedThroughSeq` moves the local
/// cursor, so a lost reply just means the same operations are sent again and come back as
/// duplicates: nothing lost, nothing doubled.
public struct SyncClient: Sendable {
    public let store: HallStore
    public let transport: any SyncTransport
    public let token: String
    public var batchSize: Int
    /// The schema version this client speaks (tests play an older client with it).
    public var schemaVersion = SyncPaths.currentSchemaVersion
    let logger: Logger

    public init(store: HallStore, transport: any SyncTransport, token: String, batchSize: Int = 500,
                logger: Logger = Logger(label: "yichuang.sync")) {
        self.store = store; self.transport = transport; self.token = token
        self.batchSize = batchSize; self.logger = logger
    }

    public struct Summary: Sendable, Equatable {
        public var ackedThroughSeq: Int64 = 0
        public var counts: [OpStatus: Int] = [:]
        public var batches = 0
        public var problems: [OpResult] = []
        /// Set when the store was found behind the centre (restored from an old backup) and its
        /// unconfirmed operations were moved past the centre's seq.
        public var renumbered: HallStore.Renumbering?
        /// The centre's word when this node's audit head did not extend the one it anchored
        /// (Chinese; the operations were still taken). Nil when the chain checks out.
        public var auditAlert: String?
    }

    /// One full round: handshake, then batches until the outbox is drained.
    public func pushAll() async throws -> Summary {
        let (hallId, deviceId) = try store.syncIdentity()
        // The audit chain's head travels on every round, with this node's entry at the seq the
        // centre anchored last time, so the centre can tell a chain cut short or re-hashed.
        let head = try store.auditHead().map { AuditHead(seq: $0.seq, hash: $0.hash) }
        let proof = try store.auditAnchorSeq().map { AuditHead(seq: $0, hash: try store.auditHash(at: $0)) }
        let hs: HandshakeResponse = try await call("POST", SyncPaths.handshake,
            HandshakeRequest(deviceId: deviceId, schemaVersion: schemaVersion, clientTime: Date().timeIntervalSince1970,
                             hallId: hallId, auditHead: head, auditProof: proof))
        var summary = Summary()
        if hs.auditAnchorSeq != nil { try store.recordAuditAnchor(seq: hs.auditAnchorSeq) }
        if let alert = hs.auditAlert {
            summary.auditAlert = alert
            logger.error("the centre found this node's audit chain does not extend its anchor", metadata: ["alert": "\(alert)"])
        }
        var acked = hs.ackedThroughSeq
        summary.renumbered = try store.reconcile(centreSeq: acked, centreOpId: hs.lastOpId, at: Date(),
                                                 clockOffset: hs.serverTime - Date().timeIntervalSince1970)
        if let r = summary.renumbered {
            logger.error("local store is behind the centre (restored from an old backup?): unconfirmed operations renumbered past the centre's seq; those the centre already has will come back as duplicates", metadata: [
                "device": "\(deviceId)", "centre_acked_through": "\(acked)", "centre_op": "\(hs.lastOpId ?? "-")",
                "count": "\(r.count)", "old_seqs": "\(r.from.map { "\($0)" } ?? "-")", "new_seqs": "\(r.to.map { "\($0)" } ?? "-")"])
        }
        let size = max(1, min(batchSize, hs.maxBatch))
        // On SIGTERM the batch in flight finishes (its answer moves the cursor); no new one starts.
        while !Task.isShuttingDownGracefully {
            let entries = try store.outbox(after: acked, limit: size)
            if entries.isEmpty { break }
            let push = PushRequest(deviceId: deviceId, operations: entries.map(Self.wire), hallId: hallId)
            let response: PushResponse
            do {
                response = try await call("POST", SyncPaths.push, push)
            } catch let gap as SyncErrorBody where gap.code == .sequenceGap {
                // The centre holds less or more than we assumed: resume where it says.
                logger.warning("centre asked to resume", metadata: ["after": "\(gap.resumeAfterSeq ?? 0)"])
                guard let resume = gap.resumeAfterSeq, resume != acked else { throw SyncClientError.refused(gap.message) }
                acked = resume
                continue
            }
            for r in response.results {
                summary.counts[r.status, default: 0] += 1
                if r.status == .conflict || r.status == .quarantined {
                    summary.problems.append(r)
                    logger.error("centre set an operation aside", metadata: [
                        "op": "\(r.opId)", "seq": "\(r.seq)", "status": "\(r.status.rawValue)", "reason": "\(r.reason ?? "")"])
                }
            }
            guard response.ackedThroughSeq > acked else {
                throw SyncClientError.refused("中心未确认任何新操作（停在第 \(acked) 号）")
            }
            acked = response.ackedThroughSeq
            try store.markAcked(through: acked, at: Date(), clockOffset: response.serverTime - Date().timeIntervalSince1970)
            summary.batches += 1
        }
        summary.ackedThroughSeq = acked
        return summary
    }

    static func wire(_ e: OutboxEntry) -> WireOperation {
        WireOperation(opId: e.opId, deviceId: e.deviceId, seq: e.seq, hlc: e.hlc, wallTime: e.wallTime,
                      schemaVersion: e.schemaVersion, kind: e.kind, entityId: e.entityId, payload: e.payload, sha256: e.sha256)
    }

    /// One JSON request; maps HTTP failures to `SyncClientError` and 409 to the centre's body.
    func call<Req: Encodable, Res: Decodable>(_ method: String, _ path: String, _ body: Req) async throws -> Res {
        let (status, data): (Int, Data)
        do {
            (status, data) = try await transport.send(method: method, path: path, query: nil,
                                                      body: try JSONEncoder().encode(body), token: token)
        } catch {
            // The library's text is for debugging only; the operator gets the Chinese reason.
            logger.debug("exchange with the centre failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            throw SyncClientError.unavailable(TransportFailure.describe(error))
        }
        let errorBody = try? JSONDecoder().decode(SyncErrorBody.self, from: data)
        switch status {
        case 200:
            do { return try JSONDecoder().decode(Res.self, from: data) } catch {
                throw SyncClientError.refused("无法解析中心的应答：\(error)")
            }
        case 403 where errorBody?.code == .wrongHall: throw SyncClientError.wrongHall(errorBody!.message)
        case 401, 403: throw SyncClientError.unauthorized(errorBody?.message ?? "HTTP \(status)")
        case 409 where errorBody?.code == .sequenceGap: throw errorBody!
        case _ where errorBody?.code == .upgradeRequired: throw SyncClientError.upgradeRequired(errorBody!.message)
        case 500...: throw SyncClientError.unavailable(errorBody?.message ?? "HTTP \(status)")
        default: throw SyncClientError.refused(errorBody?.message ?? "HTTP \(status)")
        }
    }
}
