import Foundation
import XCTest
@testable import Printing

/// Issue 17 point 3: lp and lpstat through swift-subprocess. A fake `lp` that hangs with a child
/// holding its output open times out with a Chinese message and leaves no process behind (the
/// hand-made runner killed only the script, then waited on the pipe as long as the child lived).
final class CommandRunnerTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yc-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func script(_ name: String, _ body: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Alive and not a zombie (a container's PID 1 may never reap an orphan).
    func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }

    /// Runs off the test's thread with a hang guard (not a timing assertion): the old runner
    /// waited 300 s here for the orphaned `sleep`.
    func runGuarded(_ runner: CommandRunner, _ exe: String, _ args: [String] = [], input: Data? = nil) -> CommandRunner.Result? {
        final class Box: @unchecked Sendable { var result: CommandRunner.Result? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { box.result = runner.run(exe, args, input: input); done.signal() }
        return done.wait(timeout: .now() + 60) == .success ? box.result : nil
    }

    func testAHangingCommandAndItsChildrenAreEndedAtTheTimeLimit() throws {
        let pidFile = dir.appendingPathComponent("child.pid").path
        // lp's stand-in: a child that keeps stdout open, and a shell that ignores SIGTERM.
        let lp = try script("lp", "trap '' TERM\nsleep 300 &\necho $! > '\(pidFile)'\nwait\nwait\n")
        var runner = CommandRunner()
        runner.timeout = 1
        let result = try XCTUnwrap(runGuarded(runner, lp, ["-d", "q"]), "the runner hung")
        XCTAssertTrue(result.timedOut)
        let child = try XCTUnwrap(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertFalse(isRunning(child), "the hung command's child is left behind")
        XCTAssertEqual(runner.timeoutMessage(lp), "lp 在 1 秒内没有结束，已终止（连同它启动的进程）：请检查打印服务（CUPS）是否正常")
    }

    func testOutputStatusAndInputPassThroughInTheCLocale() throws {
        let cat = try script("echo-back", "echo \"LANG=$LANG LC_ALL=$LC_ALL args=$*\"\ncat >&2\nexit 3\n")
        let r = try XCTUnwrap(runGuarded(CommandRunner(), cat, ["-d", "一窗"], input: Data("纸".utf8)))
        XCTAssertEqual(r.status, 3)
        XCTAssertFalse(r.timedOut)
        XCTAssertEqual(r.stdout, "LANG=C LC_ALL=C args=-d 一窗\n")
        XCTAssertEqual(r.stderr, "纸")
        let missing = try XCTUnwrap(runGuarded(CommandRunner(), dir.appendingPathComponent("none").path))
        XCTAssertEqual(missing.status, -1)
        XCTAssertTrue(missing.stderr.hasPrefix("无法运行"), missing.stderr)
    }

    func testCUPSPrinterSaysInChineseThatLPHung() throws {
        _ = try script("lpstat", "echo 'printer q is idle.  enabled since Sat 28 Nov 2026'\n")
        _ = try script("lp", "trap '' TERM\nsleep 300 &\nwait\nwait\n")
        let saved = ProcessInfo.processInfo.environment["PATH"] ?? ""
        setenv("PATH", dir.path + ":" + saved, 1)
        defer { setenv("PATH", saved, 1) }
        var printer = CUPSPrinter(queue: "q")
        printer.runner.timeout = 1
        let configured = printer
        final class Box: @unchecked Sendable { var outcome: PrintOutcome? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { box.outcome = configured.send(Data("x".utf8), format: .pdf, title: "t"); done.signal() }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success, "send hung")
        let outcome = try XCTUnwrap(box.outcome)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertTrue(outcome.reason?.contains("lp 在 1 秒内没有结束，已终止") ?? false, "\(outcome)")
    }
}
