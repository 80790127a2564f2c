import Foundation
import Hummingbird
import Logging
import NIOCore
import SyncProtocol

/// HTTP endpoints. Everything under /v1 needs a station token and acts only on that token's hall.
struct CentralRoutes: Sendable {
    let central: Central

    func add(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(SyncPaths.health)) { _, _ -> Response in
            // Healthy means the database answers, not merely that the process is alive.
            do {
                try await central.client.query("SELECT 1", logger: central.logger)
                return Self.text("ok\n", status: .ok)
            } catch {
                central.logger.error("health check: database unreachable: \(String(reflecting: error))")
                return Self.text("数据库不可用\n", status: .serviceUnavailable)
            }
        }
        router.get(RouterPath(SyncPaths.openAPI)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        // The counters name paths, halls' refusals and volumes: not for anyone who can reach the
        // port. A `metrics` token (Prometheus' bearer_token) or an admin token reads them.
        router.get(RouterPath(SyncPaths.metrics)) { request, _ -> Response in
            await guardedApi(SyncPaths.metrics, request, roles: [.admin, .metrics]) { _, _ in
                try await central.registry.recordHallContacts(into: central.metrics)
                var r = Self.text(central.metrics.render(), status: .ok)
                r.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return r
            }
        }
        router.post(RouterPath(SyncPaths.handshake)) { request, _ -> Response in
            await guarded(SyncPaths.handshake, request) { hallId, body in
                let hs = try JSONDecoder().decode(HandshakeRequest.self, from: body)
                do {
                    let (acked, lastOpId, audit) = try await ingest.handshake(hallId: hallId, request: hs)
                    if audit.problem != nil { central.metrics.auditAlert() }
                    return Self.json(HandshakeResponse(hallId: hallId, deviceId: hs.deviceId, ackedThroughSeq: acked,
                                                       maxBatch: central.settings.maxBatch, serverTime: Date().timeIntervalSince1970,
                                                       lastOpId: lastOpId, auditAnchorSeq: audit.anchorSeq, auditAlert: audit.message))
                } catch PushIngest.Refusal.tooOld(let version, let accepted) {
                    return Self.error(.upgradeRequired, "本节点程序的数据版本 \(version) 过旧，中心只接受第 \(accepted.lowerBound)–\(accepted.upperBound) 版：请先升级 yichuang，再同步（待同步数据已原样保留）",
                                      status: .init(code: 426, reasonPhrase: "Upgrade Required"))
                }
                catch PushIngest.Refusal.wrongHall(let reason) {
                    central.metrics.wrongHall()
                    return Self.error(.wrongHall, reason, status: .forbidden)
                }
                catch PushIngest.Refusal.hallUnknown(let reason) {
                    return Self.error(.upgradeRequired, reason, status: .init(code: 426, reasonPhrase: "Upgrade Required"))
                }
            }
        }
        router.post(RouterPath(SyncPaths.push)) { request, _ -> Response in
            await guarded(SyncPaths.push, request) { hallId, body in
                let push = try JSONDecoder().decode(PushRequest.self, from: body)
                guard push.operations.count <= central.settings.maxBatch else {
                    return Self.error(.badRequest, "一批最多 \(central.settings.maxBatch) 条操作", status: .contentTooLarge)
                }
                guard push.operations.allSatisfy({ $0.deviceId == push.deviceId }) else {
                    return Self.error(.badRequest, "一批操作必须来自同一设备", status: .badRequest)
                }
                // Seqs count from 1; a zero or negative one was answered `duplicate` though
                // nothing was stored.
                if let bad = push.operations.first(where: { $0.seq < 1 }) {
                    return Self.error(.badRequest, "序号必须是从 1 起的正整数，收到 \(bad.seq)", status: .badRequest)
                }
                let started = Date()
                do {
                    let (acked, results) = try await ingest.push(hallId: hallId, request: push)
                    central.metrics.results(results)
                    let applied = Set(results.filter { $0.status == .applied }.map(\.opId))
                    if let oldest = push.operations.filter({ applied.contains($0.opId) }).map(\.wallTime).min() {
                        central.metrics.syncLag(hallId: hallId, oldestWallTime: oldest)
                    }
                    central.metrics.pushTook(Date().timeIntervalSince(started))
                    // Only new operations can need projecting; a batch of retries costs no drain.
                    if results.contains(where: { $0.status == .applied }) { central.projectionKicker.kick(central.overviewProjector) }
                    return Self.json(PushResponse(ackedThroughSeq: acked, results: results, serverTime: Date().timeIntervalSince1970))
                } catch PushIngest.Refusal.gap(let acked, let first) {
                    central.metrics.gap()
                    central.logger.warning("push refused: sequence gap", metadata: [
                        "hall": "\(hallId)", "device": "\(push.deviceId)", "acked_through": "\(acked)", "first_sent": "\(first)"])
                    return Self.error(.sequenceGap, "序号不连续：中心已收到第 \(acked) 号，请从第 \(acked + 1) 号起重新提交",
                                      status: .conflict, resumeAfter: acked)
                }
                catch PushIngest.Refusal.wrongHall(let reason) {
                    central.metrics.wrongHall()
                    return Self.error(.wrongHall, reason, status: .forbidden)
                }
                catch PushIngest.Refusal.hallUnknown(let reason) {
                    return Self.error(.upgradeRequired, reason, status: .init(code: 426, reasonPhrase: "Upgrade Required"))
                }
            }
        }
        router.get(RouterPath(SyncPaths.pull)) { request, _ -> Response in
            await guarded(SyncPaths.pull, request) { hallId, _ in
                try await PullRoute(central: central).page(request: request, hallId: hallId)
            }
        }
        addOverview(to: router)
        addReport(to: router)
        addBooking(to: router)
    }

    var ingest: PushIngest {
        PushIngest(client: central.client, logger: central.logger, afterCommit: central.afterPushCommit,
                   beforeCommit: central.beforePushCommit, schemaVersion: central.settings.schemaVersion)
    }

    /// Authenticates a station token, reads the body, runs `body` with the token's hall.
    private func guarded(_ path: String, _ request: Request,
                         _ body: (String, Data) async throws -> Response) async -> Response {
        await respond(path, request, authenticate: { token in
            try await central.registry.hallId(forToken: token)
        }, body)
    }

    /// Authenticates an api token of one of `roles` (admin, booking), reads the body, runs `body`.
    func guardedApi(_ path: String, _ request: Request, roles: Set<ApiRole>,
                    _ body: (ApiRole, Data) async throws -> Response) async -> Response {
        await respond(path, request, authenticate: { token in
            guard let role = try await central.registry.apiRole(forToken: token), roles.contains(role) else { return nil }
            return role
        }, body)
    }

    /// The shared frame of every authenticated endpoint: a missing or unknown token is 401, a bad
    /// body 400, and any other failure is logged with its detail and reported without it.
    private func respond<Principal>(_ path: String, _ request: Request,
                                    authenticate: (String) async throws -> Principal?,
                                    _ body: (Principal, Data) async throws -> Response) async -> Response {
        let response: Response
        do {
            let token = Self.bearer(request)
            guard let token, let principal = try await authenticate(token) else {
                central.metrics.authFailure()
                // A live token of another kind (a station's on the booking API, a booking
                // system's on sync) is known but not allowed here: 403, so it is not mistaken
                // for a revoked one.
                if let token, try await central.registry.isLive(token: token) {
                    central.logger.notice("request refused: token not allowed on this path", metadata: ["path": "\(path)"])
                    response = Self.error(.forbidden, "此令牌无权使用该接口（站点令牌只用于同步，预约系统令牌只用于预约，管理令牌只用于中心看板）",
                                          status: .forbidden)
                } else {
                    central.logger.notice("request refused: missing, unknown or revoked token", metadata: ["path": "\(path)"])
                    response = Self.error(.unauthorized, "令牌无效或已被吊销，请联系中心管理员重新签发", status: .unauthorized)
                }
                central.metrics.request(path: path, status: Int(response.status.code))
                return response
            }
            // A declared length over the limit is refused before a byte of the body is read.
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > SyncPaths.maxBodyBytes {
                throw NIOTooManyBytesError(maxBytes: SyncPaths.maxBodyBytes)
            }
            guard let buffer = try await Self.collect(request, within: central.settings.bodyTimeout) else {
                central.logger.notice("request refused: body not complete in time", metadata: ["path": "\(path)"])
                response = Self.error(.badRequest, "请求内容传送超时，请检查网络后重试", status: .requestTimeout)
                central.metrics.request(path: path, status: Int(response.status.code))
                return response
            }
            response = try await body(principal, Data(buffer.readableBytesView))
        } catch let e as DecodingError {
            response = Self.error(.badRequest, "请求格式错误：" + Self.describe(e), status: .badRequest)
        } catch is NIOTooManyBytesError {
            // The sender's mistake, not the centre's: a notice, not an error.
            central.logger.notice("request refused: body over the limit", metadata: ["path": "\(path)", "limit": "\(SyncPaths.maxBodyBytes)"])
            response = Self.error(.badRequest, "请求内容过大：上限 \(SyncPaths.maxBodyBytes / 1024 / 1024) MB，请分批提交",
                                  status: .contentTooLarge)
        } catch {
            central.logger.error("request failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            response = Self.error(.internalError, "中心内部错误，请稍后重试", status: .internalServerError)
        }
        central.metrics.request(path: path, status: Int(response.status.code))
        return response
    }

    /// The whole body, or nil when it did not arrive within `limit` (a slow body).
    static func collect(_ request: Request, within limit: Duration) async throws -> ByteBuffer? {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var request = request
                return try await request.collectBody(upTo: SyncPaths.maxBodyBytes)
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Which field was wrong, in Chinese, so the sender can fix its request.
    static func describe(_ e: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let ctx): return "缺少字段 " + path(ctx.codingPath + [key])
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "字段 \(path(ctx.codingPath)) 的类型不对"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "不是有效的 JSON" : "字段 \(path(ctx.codingPath)) 的值无效"
        @unknown default: return "无法解析"
        }
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        let token = value.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ value: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value)))
    }

    static func error(_ code: SyncErrorBody.Code, _ message: String, status: HTTPResponse.Status,
                      resumeAfter: Int64? = nil) -> Response {
        json(SyncErrorBody(code: code, message: message, resumeAfterSeq: resumeAfter), status: status)
    }
}
