import Foundation
import SyncProtocol

/// Reads the centre's all-halls dashboard with an admin api token. Errors say in Chinese what the
/// supervisor can do about them; the dashboard shows them and keeps its last figures.
public struct CentralOverviewClient: Sendable {
    public let transport: any SyncTransport
    public let token: String

    public init(transport: any SyncTransport, token: String) { self.transport = transport; self.token = token }

    public enum Failure: Error, LocalizedError, Equatable {
        /// Wrong, revoked or non-admin token: retrying will not help.
        case unauthorized(String)
        /// No answer, a timeout or a server error: the next refresh may succeed.
        case unreachable(String)
        /// The hall asked for is not registered at the centre.
        case noSuchHall(String)
        /// An answer this version cannot read (a client/centre version mismatch).
        case unreadable(String)

        public var errorDescription: String? {
            switch self {
            case .unauthorized(let m): "中心拒绝了管理令牌：\(m)"
            case .unreachable(let m): "中心不可达：\(m)"
            case .noSuchHall(let m): m
            case .unreadable(let m): "无法读取中心的应答：\(m)"
            }
        }
    }

    public func overview() async throws -> OverviewResponse {
        try await get(SyncPaths.adminOverview)
    }

    public func hall(_ hallId: String) async throws -> HallDetailResponse {
        let escaped = hallId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? hallId
        return try await get(SyncPaths.adminOverview + "/" + escaped)
    }

    /// The central report of service days `from`…`to` (inclusive, "2026-11-03"), of every hall or one.
    public func report(from: String, to: String, hall: String? = nil) async throws -> ReportResponse {
        var items = [URLQueryItem(name: "from", value: from), URLQueryItem(name: "to", value: to)]
        if let hall { items.append(URLQueryItem(name: "hall", value: hall)) }
        var c = URLComponents()
        c.queryItems = items
        return try await get(SyncPaths.adminReport, query: c.percentEncodedQuery)
    }

    private func get<T: Decodable>(_ path: String, query: String? = nil) async throws -> T {
        let status: Int, data: Data
        do {
            (status, data) = try await transport.send(method: "GET", path: path, query: query, body: nil, token: token)
        } catch {
            throw Failure.unreachable(Self.short(error))
        }
        let message = (try? JSONDecoder().decode(SyncErrorBody.self, from: data))?.message ?? "HTTP \(status)"
        switch status {
        case 200:
            do { return try JSONDecoder().decode(T.self, from: data) } catch { throw Failure.unreadable("\(error)") }
        case 401, 403: throw Failure.unauthorized(message)
        case 404: throw Failure.noSuchHall(message)
        case 500...: throw Failure.unreachable(message)
        default: throw Failure.unreadable(message)
        }
    }

    /// Transport errors print long type dumps; the screen has one line for them, in Chinese.
    static func short(_ error: Error) -> String { TransportFailure.describe(error) }
}
