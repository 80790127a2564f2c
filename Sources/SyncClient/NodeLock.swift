import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a file next to the store, so only one `yichuang sync` runs per node.
/// flock is released by the kernel when the process dies, so a crash never leaves a stale lock.
public final class NodeLock: @unchecked Sendable {
    private let fd: Int32
    public let path: String

    /// Nil when another process holds the lock.
    public init?(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        self.fd = fd
        _ = ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { flock(fd, LOCK_UN); close(fd) }
}
