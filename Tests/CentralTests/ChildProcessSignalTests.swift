import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, must-deliver 3 (the tests' own spawners): a child starts with the signal state a
/// service gets from systemd, whatever the test process blocked or ignored, so the SIGTERM tests
/// exercise the binary's own handling and not an inherited mask.
final class ChildProcessSignalTests: XCTestCase {
    /// A hex signal set from /proc/<pid>/status ("SigBlk", "SigIgn").
    private static func signalSet(_ pid: pid_t, _ field: String) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
        return try XCTUnwrap(UInt64(line.split(separator: "\t").last.map(String.init) ?? "", radix: 16))
    }

    func testAChildDiesOfSigtermEvenWhenTheTestBlockedAndIgnoredSignals() throws {
        // What the harness does by itself at unpredictable moments, done here on purpose.
        var block = sigset_t(), previous = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGTERM)
        XCTAssertEqual(pthread_sigmask(SIG_BLOCK, &block, &previous), 0)
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yc-sig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let child: ChildProcess
        do {
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil); signal(SIGPIPE, oldPipe) }
            child = try ChildProcess("/bin/sleep", ["300"], output: dir.appendingPathComponent("sleep.log").path)
        }
        defer { child.kill9() }
        // /proc shows the new image once exec has happened; until then it is still the spawner's.
        var exec = false
        for _ in 0..<400 where !exec {
            exec = ((try? String(contentsOfFile: "/proc/\(child.pid)/comm", encoding: .utf8)) ?? "").hasPrefix("sleep")
            if !exec { usleep(10_000) }
        }
        XCTAssertTrue(exec)
        XCTAssertEqual(try Self.signalSet(child.pid, "SigBlk"), 0, "nothing blocked in the child")
        XCTAssertEqual(try Self.signalSet(child.pid, "SigIgn") & (1 << UInt64(SIGPIPE - 1)), 0, "SIGPIPE not ignored in the child")
        XCTAssertEqual(kill(child.pid, SIGTERM), 0)
        XCTAssertEqual(child.waitFor(limit: 30), 128 + SIGTERM, "SIGTERM ends a child that does not handle it")
    }
}
