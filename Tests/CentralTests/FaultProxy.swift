import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy between a hall and the centre that breaks connections on purpose: before the
/// request, in the middle of it, or after the centre answered but before the answer is passed on.
/// Plain sockets and one thread per connection: small, and independent of the NIO stacks it sits
/// between, so a bug there cannot hide a bug here.
final class FaultProxy: @unchecked Sendable {
    enum Fault: Sendable, Equatable {
        case none
        /// Forwards this many bytes towards the centre, then closes both sides (0: before the request).
        case cutRequest(afterBytes: Int)
        /// Forwards everything to the centre but only this many bytes of its answers back, then
        /// closes both sides (0: the centre replied, the hall hears nothing).
        case cutReply(afterBytes: Int)
    }

    let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let decide: @Sendable (Int) -> Fault
    private let lock = NSLock()
    private var connections = 0
    private var stopped = false
    private(set) var faultsTriggered: [Fault] = []

    /// `decide` gets the connection's index (0, 1, …) and says how that connection will break.
    init(upstreamPort: Int, decide: @escaping @Sendable (Int) -> Fault) throws {
        self.upstreamPort = upstreamPort
        self.decide = decide
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = Self.loopback(port: 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard ok else { close(fd); throw TestPostgres.Failure(description: "proxy: cannot listen") }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    var connectionCount: Int { lock.withLock { connections } }
    var faults: [Fault] { lock.withLock { faultsTriggered } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return   // the listener was shut down
            }
            let (index, done) = lock.withLock { () -> (Int, Bool) in defer { connections += 1 }; return (connections, stopped) }
            if done { close(fd); return }
            let fault = decide(index)
            let t = Thread { [self] in relay(client: fd, fault: fault) }
            t.start()
        }
    }

    private func relay(client: Int32, fault: Fault) {
        defer { close(client) }
        if case .cutRequest(0) = fault { note(fault); return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var addr = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return }
        var sentUp = 0, sentDown = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: upstream, events: Int16(POLLIN), revents: 0)]
        while true {
            fds[0].revents = 0; fds[1].revents = 0
            let r = poll(&fds, 2, 200)
            if r < 0 && errno != EINTR { return }
            if lock.withLock({ stopped }) { return }
            for (i, (from, to)) in [(client, upstream), (upstream, client)].enumerated() where fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }   // either side closed: close both, as a dying link does
                var count = n
                var cut = false
                switch (i, fault) {
                case (0, .cutRequest(let limit)) where sentUp + n >= limit: count = limit - sentUp; cut = true
                case (1, .cutReply(let limit)) where sentDown + n >= limit: count = limit - sentDown; cut = true
                default: break
                }
                if count > 0, !Self.sendAll(to, buffer, count) { return }
                if i == 0 { sentUp += count } else { sentDown += count }
                if cut { note(fault); return }
            }
        }
    }

    private func note(_ fault: Fault) { lock.withLock { faultsTriggered.append(fault) } }

    private static func sendAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            // MSG_NOSIGNAL: a peer that already hung up must not SIGPIPE the test process.
            let n = buffer.withUnsafeBytes { send(fd, $0.baseAddress! + offset, count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return addr
    }
}
