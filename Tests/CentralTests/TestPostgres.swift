import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster for the tests: Debian's server binaries, a temp folder, a unix
/// socket in that folder and a random loopback port, trust authentication for user `yichuang`.
/// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system user
/// (created by Debian's package) and is driven through `runuser`. One cluster per test process,
/// started on first use and stopped at exit; each test gets its own database.
final class TestPostgres: @unchecked Sendable {
    let dir: String
    let port: Int
    let bin: String
    let asRoot: Bool
    private let lock = NSLock()
    private var databases = 0

    static let shared: Result<TestPostgres, Error> = Result { try TestPostgres() }

    struct Failure: Error, CustomStringConvertible { let description: String }

    private init() throws {
        guard let bin = Self.serverBin() else {
            throw Failure(description: "PostgreSQL server not installed (apt-get install postgresql; scripts/setup.sh does it)")
        }
        self.bin = bin
        asRoot = getuid() == 0
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yc-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        port = try Self.freePort()
        if asRoot { try Self.run("/bin/chown", ["postgres:postgres", dir]) }
        try asOwner("\(bin)/initdb", ["-D", "\(dir)/data", "-U", "yichuang", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        try asOwner("\(bin)/pg_ctl", ["-D", "\(dir)/data", "-l", "\(dir)/server.log", "-w", "-t", "60", "-o",
                                      "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200",
                                      "start"])
        Self.stopAtExit = (bin: bin, dir: dir, asRoot: asRoot)
        atexit {
            guard let s = TestPostgres.stopAtExit else { return }
            let args = ["-D", "\(s.dir)/data", "-m", "immediate", "-w", "stop"]
            if s.asRoot { _ = try? TestPostgres.run("/sbin/runuser", ["-u", "postgres", "--", "\(s.bin)/pg_ctl"] + args) }
            else { _ = try? TestPostgres.run("\(s.bin)/pg_ctl", args) }
            try? FileManager.default.removeItem(atPath: s.dir)
        }
    }

    nonisolated(unsafe) static var stopAtExit: (bin: String, dir: String, asRoot: Bool)?

    /// A new empty database; its name is returned.
    func createDatabase() throws -> String {
        let name = lock.withLock { databases += 1; return "t\(getpid())_\(databases)" }
        try Self.run("\(bin)/psql", ["-h", dir, "-p", "\(port)", "-U", "yichuang", "-d", "postgres", "-q", "-c", "CREATE DATABASE \(name)"])
        return name
    }

    /// SQL through psql, for checks the tests make behind the server's back.
    func psql(_ database: String, _ sql: String) throws -> String {
        try Self.run("\(bin)/psql", ["-h", dir, "-p", "\(port)", "-U", "yichuang", "-d", database, "-At", "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func asOwner(_ tool: String, _ args: [String]) throws {
        if asRoot { try Self.run("/sbin/runuser", ["-u", "postgres", "--", tool] + args) } else { try Self.run(tool, args) }
    }

    static func serverBin() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        return nil
    }

    /// A port nobody listens on right now: bind port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Spawns with posix_spawn and closes the descriptors above 2 in the child. Foundation's
    /// Process is not used: it notices a child's exit through a descriptor the child inherits,
    /// and the postmaster that `pg_ctl start` leaves behind would keep that descriptor (and so
    /// `waitUntilExit`) open forever. Output goes to a temp file for the error message.
    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("yc-pg-out-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // closefrom does not import here: close what /proc says is open above 2.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot start \(tool): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out: the C macros do not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "\(tool) \(args.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}
