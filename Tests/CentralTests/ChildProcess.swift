import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A `yichuang` (or shell) child for the crash tests, started with posix_spawn: Foundation's
/// Process waits on a descriptor that daemons keep open. Output goes to files, so a killed child's
/// lines survive. Each child leads its own process group, so a shell loop and the `yichuang` it
/// is running die together.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    let output: String
    private var reaped = false
    private var status: Int32 = 0

    init(_ tool: String, _ args: [String], env extra: [String: String] = [:], output: String) throws {
        self.output = output
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attr, 0)
        // The child starts as systemd would start it, not with the test process's signal state:
        // an exec keeps the blocked mask (Dispatch blocks SIGTERM/SIGINT in threads that watch
        // them for an in-process ServiceGroup) and ignored signals (NIO ignores SIGPIPE), so a
        // child that never handled SIGTERM used to survive it here.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in Self.resetSignals { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tool, &actions, &attr, argv, envp)
        guard rc == 0 else { throw TestPostgres.Failure(description: "cannot start \(tool): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// Signals a test process may have blocked or ignored, back to their defaults in the child.
    static let resetSignals: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD]

    /// SIGKILL to the whole group, then reaps the child.
    func kill9() {
        guard !reaped else { return }
        _ = kill(-pid, SIGKILL)
        _ = waitFor()
    }

    /// Waits for the exit; returns the exit code (or 128 + signal).
    @discardableResult
    func waitFor() -> Int32 {
        if !reaped {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Waits up to `limit` seconds (a hang guard, not a timing assertion); kills on overrun.
    func waitFor(limit: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(limit)
        while !reaped {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { reaped = true; break }
            if Date() > deadline { kill9(); return nil }
            usleep(20_000)
        }
        return waitFor()
    }

    /// Like `waitFor(limit:)`, but polls without blocking a concurrency thread, for a test whose
    /// centre runs in this very process.
    func exit(within limit: TimeInterval) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(limit)
        while !reaped {
            if waitpid(pid, &status, WNOHANG) == pid { reaped = true; break }
            if Date() > deadline { kill9(); return nil }
            try await Task.sleep(for: .milliseconds(200))
        }
        return waitFor()
    }

    var log: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

    deinit { kill9() }
}

/// The `yichuang` binary SwiftPM built next to the test bundle; YICHUANG_BIN overrides.
func yichuangBinary() throws -> String {
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["YICHUANG_BIN"] { candidates.append(env) }
    for anchor in [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])] {
        var dir = anchor.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("yichuang").path)
            dir = dir.deletingLastPathComponent()
        }
    }
    for c in candidates {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: c, isDirectory: &isDir), !isDir.boolValue, FileManager.default.isExecutableFile(atPath: c) {
            return c
        }
    }
    throw XCTSkip("yichuang executable not found (build it first: swift build). Tried: \(candidates)")
}
