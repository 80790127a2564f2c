import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange with the centre. A protocol so tests can wrap it, e.g. to lose the reply
/// after the server has committed.
public protocol SyncTransport: Sendable {
    func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data)
}

/// The real transport: AsyncHTTPClient's shared client, a bounded timeout per request.
public struct HTTPSyncTransport: SyncTransport {
    public let baseURL: String
    public let timeout: TimeAmount

    public init(baseURL: String, timeout: TimeAmount = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
    }

    public func send(method: String, path: String, query: String?, body: Data?, token: String) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path + (query.map { "?" + $0 } ?? ""))
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (Int(response.status.code), Data(buffer.readableBytesView))
    }
}
