import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16: a clerk reaches the node over SSH and gets the window console, never a shell. A
/// private sshd on a loopback port (its own config, host key and authorized_keys in the test's
/// folder; the system's sshd is neither used nor needed) applies the package's own recipe
/// (packaging/sshd/yichuang.conf) with the package's ForceCommand wrapper, and the clerk's
/// `ssh -t` runs in tmux like any other front end.
extension TmuxTests {
    /// The running sshd and what the client needs to reach it.
    struct LoopbackSSHD {
        let process: Process
        let port: Int
        let user: String
        let clientKey: String
        let log: URL
        func stop() { if process.isRunning { kill(process.processIdentifier, SIGTERM); process.waitUntilExit() } }
        /// ssh's arguments, with options that keep the developer's own ~/.ssh out of it.
        func client(_ extra: [String], command: String? = nil) -> [String] {
            ["-F", "/dev/null", "-i", clientKey, "-p", "\(port)", "-o", "BatchMode=yes",
             "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"]
                + extra + ["\(user)@127.0.0.1"] + (command.map { [$0] } ?? [])
        }
    }

    /// A free loopback port (bound to 0, then released; sshd binds it a moment later).
    func freeLoopbackPort() throws -> Int {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw XCTSkip("no loopback port to bind: errno \(errno)") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Starts sshd -D on 127.0.0.1 with the package's Match block applied to the user running
    /// the tests (a throwaway sshd can only log in as that user; as root it is root, whose
    /// login shell runs the ForceCommand as the `yichuang` user's /bin/sh would).
    func startLoopbackSSHD() throws -> LoopbackSSHD {
        let sshd = "/usr/sbin/sshd"
        guard FileManager.default.isExecutableFile(atPath: sshd), FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") else {
            throw XCTSkip("openssh-server is not installed (scripts/setup.sh installs it)")
        }
        guard let pw = getpwuid(geteuid()) else { throw XCTSkip("the test's user has no passwd entry: sshd cannot log in as it") }
        let user = String(cString: pw.pointee.pw_name)
        // sshd refuses to start without its privilege-separation folder, which Debian makes at boot
        // only when the system's ssh service runs.
        if geteuid() == 0, !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        let ssh = dir.appendingPathComponent("ssh")
        try FileManager.default.createDirectory(at: ssh, withIntermediateDirectories: true)
        for key in ["host_ed25519", "clerk_ed25519"] {
            XCTAssertEqual(try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", key, "-f", ssh.appendingPathComponent(key).path]).status, 0)
        }
        let authorized = ssh.appendingPathComponent("authorized_keys")
        try FileManager.default.copyItem(at: ssh.appendingPathComponent("clerk_ed25519.pub"), to: authorized)

        // The package's recipe as shipped, only the wrapper's installed path pointed at the repo's copy.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let recipe = try String(contentsOf: repo.appendingPathComponent("packaging/sshd/yichuang.conf"), encoding: .utf8)
        XCTAssertTrue(recipe.contains("ForceCommand /usr/lib/yichuang/yichuang-console"), recipe)
        let match = recipe
            .replacingOccurrences(of: "Match User yichuang", with: "Match User \(user)")
            .replacingOccurrences(of: "/usr/lib/yichuang/yichuang-console", with: repo.appendingPathComponent("packaging/bin/yichuang-console").path)
        let port = try freeLoopbackPort()
        let config = ssh.appendingPathComponent("sshd_config")
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(ssh.appendingPathComponent("host_ed25519").path)
        PidFile \(ssh.appendingPathComponent("sshd.pid").path)
        AuthorizedKeysFile \(authorized.path)
        StrictModes no
        UsePAM no
        PubkeyAuthentication yes
        PermitRootLogin prohibit-password
        AllowUsers \(user)
        Subsystem sftp internal-sftp
        SetEnv YICHUANG_BIN=\(binary.path) YICHUANG_HOME=\(dir.path) LANG=C.UTF-8
        \(match)
        """.write(to: config, atomically: false, encoding: .utf8)
        XCTAssertEqual(try run(sshd, ["-t", "-f", config.path]).status, 0, "sshd -t refuses the config")

        let log = ssh.appendingPathComponent("sshd.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sshd)
        p.arguments = ["-D", "-e", "-f", config.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: log)
        p.standardError = try FileHandle(forWritingTo: log)
        try p.run()
        let server = LoopbackSSHD(process: p, port: port, user: user, clientKey: ssh.appendingPathComponent("clerk_ed25519").path, log: log)
        let deadline = Date() + 15
        while Date() < deadline, p.isRunning,
              !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("Server listening") { usleep(50_000) }
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard p.isRunning, said.contains("Server listening") else {
            server.stop()
            throw XCTSkip("sshd could not run here: \(said)")
        }
        return server
    }

    func testClerkOverLoopbackSSHGetsTheWindowConsoleAndNeverAShell() throws {
        let sshd = try startLoopbackSSHD()
        defer { sshd.stop() }
        let ssh = "/usr/bin/ssh"
        // A hang guard, not a timing check: a shell the clerk should never get would wait for input.
        func run(_ exe: String, _ args: [String]) throws -> (status: Int32, out: String) {
            try self.run("/usr/bin/timeout", ["-s", "KILL", "30", exe] + args)
        }

        // Whatever the clerk asks for instead of a front end, on a terminal (-tt), no shell runs it.
        let marker = dir.appendingPathComponent("shell-ran").path
        for asked in ["touch \(marker)", "sh -c 'touch \(marker)'", "window 3; touch \(marker)", "bash -i", "window $(touch \(marker))"] {
            let r = try run(ssh, sshd.client(["-tt"], command: asked))
            XCTAssertNotEqual(r.status, 0, asked)
            XCTAssertTrue(r.out.contains("错误："), "\(asked): \(r.out)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "\(asked) ran in a shell")
        }
        // No terminal (a script, scp) and the sftp subsystem start nothing; a tunnel back is refused.
        let noTTY = try run(ssh, sshd.client(["-T"], command: "window"))
        XCTAssertNotEqual(noTTY.status, 0); XCTAssertTrue(noTTY.out.contains("需要终端"), noTTY.out)
        let sftp = try run(ssh, sshd.client(["-T", "-s"], command: "sftp"))
        XCTAssertNotEqual(sftp.status, 0, sftp.out)
        let tunnel = try run(ssh, sshd.client(["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:\(try freeLoopbackPort()):127.0.0.1:\(sshd.port)"]))
        XCTAssertNotEqual(tunnel.status, 0, tunnel.out); XCTAssertTrue(tunnel.out.contains("forwarding failed"), tunnel.out)

        // The clerk's own login: the window console for window 1, then F10 ends the connection
        // itself: the clerk is back on their own PC, not at a prompt on the node.
        let line = ([ssh] + sshd.client(["-t"], command: "window 1")).map { "'\($0)'" }.joined(separator: " ")
        try start("clerk", line + "; echo SSH_EXIT=$?")
        try waitFor("clerk", "工  号")
        try type("clerk", "1001"); try keys("clerk", "Enter"); try type("clerk", "1234"); try keys("clerk", "Enter")
        try waitFor("clerk", "按 F2 或 回车 叫下一位")
        try keys("clerk", "F10"); try waitFor("clerk", "退出登录？")
        try type("clerk", "1")
        try waitFor("clerk", "SSH_EXIT=0")
        let status = try self.run(binary.path, ["status", "--window", "1"]).out
        XCTAssertTrue(status.contains("未登录"), status)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }
}
