import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real binary in tmux, as a clerk would: the desk, a window, the board and the
/// dashboard are separate processes sharing one store.
final class TmuxTests: XCTestCase {
    var dir: URL!
    var socket: String!
    var binary: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux is not installed (scripts/setup.sh installs it)")
        }
        binary = try yichuangBinary()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        socket = "yc-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        XCTAssertEqual(try run(binary.path, ["demo", "--setup-only"]).status, 0)
    }

    override func tearDown() {
        if socket != nil { _ = try? run("/usr/bin/tmux", ["-L", socket, "kill-server"]) }
    }

    /// Runs a command to completion with posix_spawn + waitpid, output through a file. (Foundation's
    /// Process can hang in waitUntilExit when the child forks a daemon, as `tmux new-session` does.)
    @discardableResult
    func run(_ exe: String, _ args: [String], env extra: [String: String] = [:]) throws -> (status: Int32, out: String) {
        let outFile = dir.appendingPathComponent("out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var env = ProcessInfo.processInfo.environment
        env["YICHUANG_HOME"] = dir.path
        env["LANG"] = "C.UTF-8"
        env.merge(extra) { $1 }
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        // The tmux server forks from here and keeps what it inherits for every pane: only 0-2
        // open, an empty signal mask and default signals, as on a node (see ChildProcess).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        sigemptyset(&defaults)
        for sig in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, &attr, argv, envp)
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self))
    }

    func tmux(_ args: String...) throws { try run("/usr/bin/tmux", ["-L", socket] + args) }

    func start(_ name: String, width: Int = 80, height: Int = 24, _ command: String) throws {
        let shell = "cd \(dir.path) && YICHUANG_HOME=\(dir.path) LANG=C.UTF-8 \(command); echo EXIT=$?; sleep 60"
        try tmux("new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell)
    }

    func screen(_ name: String) throws -> String {
        // -J: what the shell prints after a killed front end starts at the terminal's cursor, which
        // now sits in the field being typed into, and may wrap ("EXIT" / "=137").
        try run("/usr/bin/tmux", ["-L", socket, "capture-pane", "-p", "-J", "-t", name]).out
    }

    /// Waits (up to 15 s) until the pane shows `text`; returns the screen either way.
    @discardableResult
    func waitFor(_ name: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date() + 15
        var last = ""
        while Date() < deadline {
            last = try screen(name)
            if last.contains(text) { return last }
            usleep(100_000)
        }
        XCTFail("pane \(name) never showed “\(text)”; it shows:\n\(last)", file: file, line: line)
        return last
    }

    func keys(_ name: String, _ keys: String...) throws { for k in keys { try tmux("send-keys", "-t", name, k) } }
    func type(_ name: String, _ text: String) throws { try tmux("send-keys", "-t", name, "-l", text) }

    func testDeskWindowBoardAndDashboardTogether() throws {
        let bin = binary.path
        try start("board", width: 120, height: 40, "\(bin) board --voice 'echo {text} >> \(dir.path)/voice.log'")
        try start("desk", width: 120, height: 40, "\(bin) desk")
        try start("win", "\(bin) window --window 3")
        try start("dash", "\(bin) dashboard")
        try waitFor("board", "暂无叫号")

        // The guide signs in and issues two 户籍证件 tickets.
        try waitFor("desk", "工  号")
        try type("desk", "2001"); try keys("desk", "Enter"); try type("desk", "2222"); try keys("desk", "Enter")
        try waitFor("desk", "按数字取号")
        try type("desk", "2"); try waitFor("desk", "已取号 B003")
        try type("desk", "2"); try waitFor("desk", "已取号 B004")

        // The clerk mistypes the PIN once, then signs in at window 3 (B, then A).
        try waitFor("win", "工  号")
        try type("win", "1003"); try keys("win", "Enter"); try type("win", "9999"); try keys("win", "Enter")
        try waitFor("win", "密码错误，还可尝试 4 次")
        try type("win", "1234"); try keys("win", "Enter")
        try waitFor("win", "按 F2 或 回车 叫下一位")
        // The desk sees the window's calls; the window sees the desk's tickets.
        try waitFor("win", "户籍证件 B     4")
        try keys("win", "F2")                       // the green-channel ticket goes first
        try waitFor("win", "已叫号 A003")
        try waitFor("board", "请 A003 号 到 3 号窗口 办理")
        try keys("win", "F4")
        try waitFor("win", "A003 已办结")
        try keys("win", "Enter")
        try waitFor("win", "已叫号 B001")
        try waitFor("board", "请 B001 号 到 3 号窗口 办理")

        // Transfer with a Chinese note and a pasted escape sequence (shown inert).
        try keys("win", "F8"); try waitFor("win", "转到其他业务")
        try type("win", "1"); try waitFor("win", "转到哪类业务")
        try type("win", "3"); try waitFor("win", "队首")
        try type("win", "2"); try waitFor("win", "转窗备注")
        // A pasted escape sequence is one key nobody knows: reported, never typed or run.
        try type("win", "需补办营业执照\u{1b}[31m")
        let withNote = try waitFor("win", "ESC[31m")
        XCTAssertTrue(withNote.contains("需补办营业执照"))
        XCTAssertFalse(withNote.contains("\u{1b}"))
        try keys("win", "Enter")
        try waitFor("win", "B001 已转窗（队尾）")
        XCTAssertTrue(try run(bin, ["queue"]).out.contains("商事登记：等候 3 人"))

        // The supervisor's dashboard shows the window and today's figures.
        try waitFor("dash", "工  号")
        try type("dash", "8001"); try keys("dash", "Enter"); try type("dash", "8888"); try keys("dash", "Enter")
        let dash = try waitFor("dash", "3号综合窗口  空闲   张伟")
        XCTAssertTrue(dash.contains("户籍证件"), dash)
        try keys("win", "F2")
        try waitFor("dash", "3号综合窗口  办理中 张伟     B002")

        // Every screen fits 80 columns, with the key bar on the last row.
        for pane in ["win", "dash"] {
            let lines = try screen(pane).split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertTrue(lines.contains { $0.hasPrefix("F1帮助") }, pane)
        }

        // Voice: every call announced, in order, twice (the default [board] voice_repeat).
        let deadline = Date() + 10
        var voice = ""
        while Date() < deadline {
            voice = (try? String(contentsOf: dir.appendingPathComponent("voice.log"), encoding: .utf8)) ?? ""
            if voice.components(separatedBy: "二 号").count > 2 { break }
            usleep(100_000)
        }
        XCTAssertEqual(voice.split(separator: "\n").map(String.init),
                       ["请 A 零 零 三 号，到 3 号窗口办理", "请 B 零 零 一 号，到 3 号窗口办理", "请 B 零 零 二 号，到 3 号窗口办理"].flatMap { [$0, $0] })

        // F10 while serving asks what becomes of the ticket; Esc keeps serving. Idle, F10 asks
        // once more, then signs out and restores the terminal.
        try keys("win", "F10"); try waitFor("win", "退回队列")
        try keys("win", "Escape"); try waitFor("win", "F4办结")
        try keys("win", "F4"); try waitFor("win", "B002 已办结")
        try keys("win", "F10"); try waitFor("win", "退出登录？")
        try type("win", "1"); try waitFor("win", "EXIT=0")
        XCTAssertTrue(try run(bin, ["status", "--window", "3"]).out.contains("未登录"))
        XCTAssertEqual(try run(bin, ["doctor"]).status, 0)
    }

    func testBadInputAndSmallTerminals() throws {
        let bin = binary.path
        // An unknown window: a clear message, no crash.
        try start("w42", "\(bin) window --window 42")
        try waitFor("w42", "工  号")
        try type("w42", "1001"); try keys("w42", "Enter"); try type("w42", "1234"); try keys("w42", "Enter")
        try waitFor("w42", "没有 42 号窗口")
        // Below 80x24 the screen says so instead of drawing garbage, and recovers when enlarged.
        try start("small", width: 60, height: 20, "\(bin) window --window 1")
        try waitFor("small", "至少需要 80×24")
        try tmux("resize-window", "-t", "small", "-x", "80", "-y", "24")
        try waitFor("small", "工  号")
        // An unknown terminal type: a Chinese error, not a crash.
        try start("badterm", "TERM=nonexistent \(bin) window --window 1")
        let bad = try waitFor("badterm", "EXIT=")
        XCTAssertTrue(bad.contains("无法识别终端类型"), bad)
        XCTAssertFalse(bad.contains("EXIT=0"))
        // Script errors go to stderr with a non-zero exit.
        let r = try run(bin, ["call", "--window", "99"], env: ["YICHUANG_STAFF": "1001", "YICHUANG_PIN": "1234"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.out.contains("没有 99 号窗口"), r.out)
        let q = try run(bin, ["ticket", "--service", "Z"])
        XCTAssertTrue(q.out.contains("没有业务类别“Z”"), q.out)
        // An ID number in argv is refused (ps shows it); CLIHygieneTests covers --read-id.
        let id = try run(bin, ["ticket", "--service", "A", "--id-number", "110105194912310021"])
        XCTAssertNotEqual(id.status, 0)
        XCTAssertTrue(id.out.contains("--read-id"), id.out)
    }
}
