import CentralServer
import Foundation
import SyncProtocol
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, defect 4: a bounded flood of half-open connections, slow bodies and oversized bodies
/// leaves the centre alive and answering `/health`, and each bad connection is ended by the
/// centre (idle timeout, body deadline, 413), not held forever.
final class FloodTests: XCTestCase {
    func testHalfOpenSlowAndOversizedConnectionsAreEndedAndHealthAnswers() async throws {
        try await CentralFixture.run(configure: { $0.idleTimeout = .seconds(1); $0.bodyTimeout = .seconds(2) }) { f in
            let port = Int(f.baseURL.split(separator: ":").last!)!
            var halfOpen: [Int32] = [], slow: [Int32] = [], oversized: [Int32] = []
            defer { (halfOpen + slow + oversized).forEach { close($0) } }
            for _ in 0..<500 { halfOpen.append(try RawClient.open(port, "GET /hea")) }
            let head = "POST \(SyncPaths.push) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.token)\r\nContent-Type: application/json\r\n"
            for _ in 0..<50 { slow.append(try RawClient.open(port, head + "Content-Length: 100000\r\n\r\n{\"deviceId\":")) }
            for _ in 0..<5 { oversized.append(try RawClient.open(port, head + "Content-Length: 52428800\r\n\r\n{")) }
            // Also a streamed (chunked) body that grows past the limit without declaring it.
            let chunked = try RawClient.open(port, head + "Transfer-Encoding: chunked\r\n\r\n")
            defer { close(chunked) }
            let chunk = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
            for _ in 0...(SyncPaths.maxBodyBytes >> 20) {
                guard RawClient.send(chunked, Data(String(format: "%x\r\n", chunk.count).utf8) + chunk + Data("\r\n".utf8)) else { break }
            }

            // Every bad connection is answered or closed by the centre (the limits are hang guards).
            for fd in oversized { XCTAssertTrue(RawClient.readAll(fd, limit: 20).hasPrefix("HTTP/1.1 413")) }
            XCTAssertTrue(RawClient.readAll(chunked, limit: 20).hasPrefix("HTTP/1.1 413"))
            // A stalled body is idle: closed. A body trickling in stays under the idle timeout but
            // runs into the body deadline: 408.
            for fd in slow {
                let answer = RawClient.readAll(fd, limit: 20)
                XCTAssertTrue(answer.isEmpty || answer.hasPrefix("HTTP/1.1 408"), answer)
            }
            let trickle = try (0..<5).map { _ in try RawClient.open(port, head + "Content-Length: 100000\r\n\r\n{") }
            defer { trickle.forEach { close($0) } }
            for _ in 0..<12 {
                for fd in trickle { _ = RawClient.send(fd, Data(" ".utf8)) }
                usleep(300_000)
            }
            for fd in trickle {
                let answer = RawClient.readAll(fd, limit: 20)
                XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408"), answer)
                XCTAssertTrue(answer.contains("超时"), answer)
            }
            var closed = 0
            for fd in halfOpen where RawClient.readAll(fd, limit: 20).isEmpty { closed += 1 }
            XCTAssertEqual(closed, halfOpen.count, "every half-open connection was closed by the centre")

            let (status, _) = try await f.transport.send(method: "GET", path: SyncPaths.health, query: nil, body: nil, token: "")
            XCTAssertEqual(status, 200)
            try f.issueTickets(2)
            _ = try await f.client().pushAll()
            try f.assertCentralEqualsLocal()
        }
    }
}

/// Plain sockets, so the test controls every byte and every stall.
enum RawClient {
    static func open(_ port: Int, _ text: String) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok, send(fd, Data(text.utf8)) else {
            close(fd)
            throw TestPostgres.Failure(description: "cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// False once the centre has closed the connection.
    static func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Everything the centre sends until it closes, or until `limit` seconds (a hang guard).
    static func readAll(_ fd: Int32, limit: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(limit)
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 200) > 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return String(decoding: out, as: UTF8.self) }
            out.append(contentsOf: buffer[0..<n])
        }
        return "(still open after \(limit) s) " + String(decoding: out, as: UTF8.self)
    }
}
