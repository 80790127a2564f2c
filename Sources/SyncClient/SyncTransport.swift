import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange with the centre. A protocol so tests can wrap it, e.g. to lose the reply
/// after the server has committed.
public protocol SyncTransport: Sendable {
    func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data)
}

/// The real transport: a bounded time to connect, separate from the time a whole request may take.
/// With AsyncHTTPClient's shared client a refused or unanswered connection is retried with backoff
/// until the request's deadline, so a centre that is down took the whole 30 s to report; here connecting
/// fails after `connectTimeout` and the sync status goes offline at once (the sync loop retries).
public struct HTTPSyncTransport: SyncTransport {
    public let baseURL: String
    public let timeout: TimeAmount
    public let connectTimeout: TimeAmount

    public init(baseURL: String, timeout: TimeAmount = .seconds(30), connectTimeout: TimeAmount = .seconds(3)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    public func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path + (query.map { "?" + $0 } ?? ""))
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await SharedClients.client(connectTimeout: connectTimeout).execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (Int(response.status.code), Data(buffer.readableBytesView))
    }
}

/// One HTTP client per connect timeout, living as long as the process (like AsyncHTTPClient's own
/// shared client), so connections are pooled across requests and never shut down mid-use.
enum SharedClients {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Int64: HTTPClient] = [:]

    static func client(connectTimeout: TimeAmount) -> HTTPClient {
        lock.withLock {
            if let c = clients[connectTimeout.nanoseconds] { return c }
            // The shared client's settings (which connect for 90 s), but a short connect timeout.
            var config = HTTPClient.Configuration.singletonConfiguration
            config.timeout.connect = connectTimeout
            // Fail the request when the connection cannot be made, instead of retrying until the
            // request deadline: the sync loop has its own backoff.
            config.connectionPool.retryConnectionEstablishment = false
            let c = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
            clients[connectTimeout.nanoseconds] = c
            return c
        }
    }
}
