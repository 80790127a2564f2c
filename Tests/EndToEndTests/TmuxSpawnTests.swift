import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, must-deliver 3: what runs in a tmux pane starts as on a node, not with the test
/// process's signal state or descriptors (the tmux server forks from TmuxTests.run).
extension TmuxTests {
    func testAPaneStartsWithDefaultSignalsAndNoInheritedDescriptors() throws {
        // A kill-server first: the server this test talks to is the one started below.
        _ = try? run("/usr/bin/tmux", ["-L", socket, "kill-server"])
        var block = sigset_t(), previous = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGTERM)
        XCTAssertEqual(pthread_sigmask(SIG_BLOCK, &block, &previous), 0)
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        let stray = open("/dev/null", O_RDONLY)   // no O_CLOEXEC: a descriptor a pane must not get
        do {
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil); _ = signal(SIGPIPE, oldPipe); close(stray) }
            try start("pane", "sleep 300")
        }
        let pid = try XCTUnwrap(Int32(run("/usr/bin/tmux", ["-L", socket, "display-message", "-p", "-t", "pane", "#{pane_pid}"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)))
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func set(_ field: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .flatMap { UInt64($0.split(separator: "\t").last.map(String.init) ?? "", radix: 16) }
        }
        // (The pane's shell blocks SIGCHLD itself while it waits for sleep.)
        XCTAssertEqual((set("SigBlk") ?? 0) & (1 << UInt64(SIGTERM - 1)), 0, status)
        XCTAssertEqual((set("SigIgn") ?? 0) & (1 << UInt64(SIGPIPE - 1)), 0, status)
        // The server itself is what used to keep the test's descriptors (tmux closes them for panes).
        let server = try XCTUnwrap(Int32(run("/usr/bin/tmux", ["-L", socket, "display-message", "-p", "#{pid}"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)))
        let strayTarget = "/proc/\(server)/fd/\(stray)"
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: strayTarget)) ?? ""
        XCTAssertNotEqual(target, "/dev/null", "the tmux server inherited the test's descriptor \(stray)")
    }
}
