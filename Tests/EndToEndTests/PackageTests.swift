import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16, "installed as a service": the Debian package built by scripts/package.sh from the
/// binary these tests run, read back with dpkg-deb, installed by the real dpkg into a throwaway
/// root (maintainer scripts run chrootless with DPKG_ROOT, Debian's convention for this), its
/// units checked by systemd-analyze, and the SSH console wrapper driven on a real pty.
final class PackageTests: XCTestCase {
    struct Outcome { var status: Int32; var out: String; var err: String }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @discardableResult
    func tool(_ exe: String, _ args: [String], env: [String: String] = [:]) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        // Output in files: dpkg-deb's listing of a 160 MB package must not fill a pipe we read late.
        let dir = FileManager.default.temporaryDirectory
        let o = dir.appendingPathComponent("pkgtest-\(UUID().uuidString).out"), e = dir.appendingPathComponent("pkgtest-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: o.path, contents: nil); FileManager.default.createFile(atPath: e.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: o); try? FileManager.default.removeItem(at: e) }
        p.standardOutput = try FileHandle(forWritingTo: o)
        p.standardError = try FileHandle(forWritingTo: e)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, out: (try? String(contentsOf: o, encoding: .utf8)) ?? "",
                       err: (try? String(contentsOf: e, encoding: .utf8)) ?? "")
    }

    var work: URL!
    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-pkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    /// Builds the package from the binary under test (uncompressed: the debug binary is large).
    func buildPackage() throws -> String {
        // The man page tool is built beside the binary by scripts/test.sh. Named here, so package.sh
        // never runs `swift build` itself: inside `swift test` that build would wait for the build
        // folder's lock, which the test run holds, for ever.
        let binary = try yichuangBinary()
        let manualTool = binary.deletingLastPathComponent().appendingPathComponent("generate-manual")
        guard FileManager.default.isExecutableFile(atPath: manualTool.path) else {
            XCTFail("generate-manual is not built: run scripts/test.sh (it runs `swift build --product generate-manual`)")
            throw CocoaError(.fileNoSuchFile)
        }
        let r = try tool("/bin/bash", [Self.repo.appendingPathComponent("scripts/package.sh").path,
                                       "--binary", binary.path, "--out", work.appendingPathComponent("dist").path,
                                       "--compress", "none", "--version", "1.0.0"],
                         env: ["YICHUANG_MANUAL_TOOL": manualTool.path])
        XCTAssertEqual(r.status, 0, r.err)
        let deb = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(deb.hasSuffix(".deb"), r.out)
        return deb
    }

    func testPackageCarriesBinaryUnitsConsoleSSHRecipeAndCompletions() throws {
        let deb = try buildPackage()
        let info = try tool("/usr/bin/dpkg-deb", ["-I", deb])
        XCTAssertEqual(info.status, 0, info.err)
        for field in ["Package: yichuang", "Version: 1.0.0", "Depends: ", "libsqlite3-0", "libncursesw6", "fonts-noto-cjk"] {
            XCTAssertTrue(info.out.contains(field), "control lacks \(field):\n\(info.out)")
        }
        for script in ["postinst", "prerm", "postrm", "conffiles"] { XCTAssertTrue(info.out.contains(script), "no \(script)") }

        let list = try tool("/usr/bin/dpkg-deb", ["-c", deb])
        XCTAssertEqual(list.status, 0, list.err)
        var modes: [String: String] = [:]
        for line in list.out.split(separator: "\n") {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let mode = cols.first, let path = cols.last else { continue }
            modes[String(path)] = String(mode)
            XCTAssertTrue(line.contains("root/root"), "not owned by root: \(line)")
        }
        // The package's "./" becomes "/" on the node: never a private 0700 folder.
        XCTAssertEqual(modes["./"], "drwxr-xr-x")
        let expected: [(String, String)] = [
            ("./usr/bin/yichuang", "-rwxr-xr-x"),
            ("./usr/lib/yichuang/yichuang-console", "-rwxr-xr-x"),
            ("./lib/systemd/system/yichuang-sync.service", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-rating-defaults.service", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-rating-defaults.timer", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-backup.service", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-backup.timer", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-board@.service", "-rw-r--r--"),
            ("./lib/systemd/system/yichuang-central.service", "-rw-r--r--"),
            ("./etc/yichuang/yichuang.toml", "-rw-r--r--"),
            ("./etc/default/yichuang", "-rw-r--r--"),
            ("./usr/share/yichuang/sshd-yichuang.conf", "-rw-r--r--"),
            ("./usr/share/yichuang/sync.env", "-rw-r--r--"),
            ("./usr/share/doc/yichuang/install.md", "-rw-r--r--"),
            ("./usr/share/bash-completion/completions/yichuang", "-rw-r--r--"),
        ]
        for (path, mode) in expected { XCTAssertEqual(modes[path], mode, path) }
        // No data, no token, no password ships: those are made on the node.
        XCTAssertFalse(modes.keys.contains { $0.contains("/var/lib/yichuang") || $0.hasSuffix(".sqlite") || $0 == "./etc/yichuang/sync.env" })

        let x = work.appendingPathComponent("x")
        XCTAssertEqual(try tool("/usr/bin/dpkg-deb", ["-x", deb, x.path]).status, 0)
        let sshd = try String(contentsOf: x.appendingPathComponent("usr/share/yichuang/sshd-yichuang.conf"), encoding: .utf8)
        XCTAssertTrue(sshd.contains("Match User yichuang"))
        XCTAssertTrue(sshd.contains("ForceCommand /usr/lib/yichuang/yichuang-console"))
        XCTAssertTrue(sshd.contains("AllowTcpForwarding no"))
        let toml = try String(contentsOf: x.appendingPathComponent("etc/yichuang/yichuang.toml"), encoding: .utf8)
        XCTAssertTrue(toml.contains("path = \"/var/lib/yichuang/hall.sqlite\""))
        let completion = try String(contentsOf: x.appendingPathComponent("usr/share/bash-completion/completions/yichuang"), encoding: .utf8)
        XCTAssertTrue(completion.contains("complete") && completion.contains("window"), "bash completion for yichuang")
    }

    /// A root with an empty dpkg database and only root in its passwd files.
    func throwawayRoot() throws -> URL {
        let root = work.appendingPathComponent("root")
        let fm = FileManager.default
        for d in ["var/lib/dpkg/updates", "var/lib/dpkg/info", "etc"] {
            try fm.createDirectory(at: root.appendingPathComponent(d), withIntermediateDirectories: true)
        }
        fm.createFile(atPath: root.appendingPathComponent("var/lib/dpkg/status").path, contents: nil)
        let files = ["passwd": "root:x:0:0:root:/root:/bin/bash\n", "group": "root:x:0:\n",
                     "shadow": "root:*:19000:0:99999:7:::\n", "gshadow": "root:*::\n"]
        for (name, text) in files { try text.write(to: root.appendingPathComponent("etc/\(name)"), atomically: false, encoding: .utf8) }
        return root
    }

    func install(_ deb: String, into root: URL) throws {
        let r = try tool("/usr/bin/dpkg", ["--root=\(root.path)", "--force-script-chrootless", "--force-depends",
                                           "--log=/dev/null", "-i", deb])
        XCTAssertEqual(r.status, 0, r.err)
    }

    func testInstallIntoThrowawayRootMakesPrivateUserFoldersAndValidUnits() throws {
        guard geteuid() == 0 else { throw XCTSkip("dpkg --root and chown need root") }
        let deb = try buildPackage()
        let root = try throwawayRoot()
        try install(deb, into: root)

        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let user = passwd.split(separator: "\n").first { $0.hasPrefix("yichuang:") }.map { $0.split(separator: ":", omittingEmptySubsequences: false) }
        XCTAssertNotNil(user, passwd)
        guard let user else { return }
        XCTAssertEqual(user[5], "/var/lib/yichuang")
        XCTAssertEqual(user[6], "/bin/sh", "sshd runs ForceCommand through the login shell")
        let uid = uid_t(user[2])!, gid = gid_t(user[3])!
        XCTAssertLessThan(uid, 1000, "a system user")
        let shadow = try String(contentsOf: root.appendingPathComponent("etc/shadow"), encoding: .utf8)
        XCTAssertTrue(shadow.contains("yichuang:!"), "no password: only keys admit anyone\n\(shadow)")
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8).contains("yichuang:x:\(gid):"))

        func owner(_ path: String) throws -> (uid_t, gid_t, mode_t) {
            var st = stat()
            guard lstat(root.appendingPathComponent(path).path, &st) == 0 else { throw SupportError.commandFailed("stat \(path)", errno, "") }
            return (st.st_uid, st.st_gid, st.st_mode & 0o7777)
        }
        for d in ["var/lib/yichuang", "var/backups/yichuang"] {
            let (u, g, m) = try owner(d)
            XCTAssertEqual([u, g], [uid, gid], d); XCTAssertEqual(m, 0o700, d)
        }
        let etc = try owner("etc/yichuang")
        XCTAssertEqual(etc.0, 0); XCTAssertEqual(etc.1, gid); XCTAssertEqual(etc.2, 0o750)

        // An upgrade over a store that was copied in loose (0644, owned by root) tightens it.
        let store = root.appendingPathComponent("var/lib/yichuang/hall.sqlite").path
        FileManager.default.createFile(atPath: store, contents: Data("x".utf8), attributes: [.posixPermissions: 0o644])
        try install(deb, into: root)
        let s = try owner("var/lib/yichuang/hall.sqlite")
        XCTAssertEqual([s.0, s.1], [uid, gid]); XCTAssertEqual(s.2, 0o600)
        XCTAssertEqual(passwd.components(separatedBy: "yichuang:").count,
                       try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8).components(separatedBy: "yichuang:").count,
                       "the upgrade adds no second user")

        // The units, as systemd reads them in that root (the host's own units give it the targets).
        let units = root.appendingPathComponent("lib/systemd/system")
        for f in try FileManager.default.contentsOfDirectory(atPath: "/lib/systemd/system") where !f.hasPrefix("yichuang") {
            _ = try? FileManager.default.copyItem(atPath: "/lib/systemd/system/" + f, toPath: units.appendingPathComponent(f).path)
        }
        let fbterm = root.appendingPathComponent("usr/bin/fbterm").path   // Suggests only
        FileManager.default.createFile(atPath: fbterm, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        let names = try FileManager.default.contentsOfDirectory(atPath: units.path).filter { $0.hasPrefix("yichuang-") }.sorted()
        XCTAssertEqual(names.count, 7, "\(names)")
        let verify = try tool("/usr/bin/systemd-analyze", ["verify", "--root=\(root.path)"] + names.map { $0.replacingOccurrences(of: "@.", with: "@tty2.") })
        XCTAssertEqual(verify.status, 0, verify.err)
        XCTAssertEqual(verify.err.trimmingCharacters(in: .whitespacesAndNewlines), "", "systemd-analyze verify complains")
        for name in names where name.hasSuffix(".service") {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(text.contains("User=yichuang") && text.contains("UMask=0077"), "\(name) runs as the service user, files private")
        }
    }

    /// The ForceCommand wrapper on a real pty (util-linux `script`), with a stand-in for the
    /// binary that prints the arguments it was given.
    func console(_ original: String?, tty: Bool = true) throws -> Outcome {
        let fake = work.appendingPathComponent("fake-yichuang")
        try "#!/bin/sh\necho \"RAN $*\"\n".write(to: fake, atomically: false, encoding: .utf8)
        chmod(fake.path, 0o755)
        let wrapper = Self.repo.appendingPathComponent("packaging/bin/yichuang-console").path
        var env = ["YICHUANG_BIN": fake.path]
        env["SSH_ORIGINAL_COMMAND"] = original
        if tty { return try tool("/usr/bin/script", ["-qec", wrapper, "/dev/null"], env: env) }
        return try tool(wrapper, [], env: env)
    }

    func testSSHConsoleOpensOnlyTheFrontEnds() throws {
        let allowed: [(String?, String)] = [
            (nil, "RAN window"), ("window", "RAN window"), ("window 3", "RAN window --window 3"),
            ("desk", "RAN desk"), ("dashboard", "RAN dashboard"), ("pad 2", "RAN pad --window 2"), ("board", "RAN board"),
        ]
        for (asked, ran) in allowed {
            let r = try console(asked)
            XCTAssertEqual(r.status, 0, "\(asked ?? "nil"): \(r.out)")
            XCTAssertTrue(r.out.contains(ran), "\(asked ?? "nil") → \(r.out)")
        }
        let refused = ["bash", "sh -c id", "window 3; sh", "window $(id)", "window *", "internal-sftp",
                       "scp -t /tmp", "desk --store /tmp/x.sqlite", "pad", "window 3 4", "rsync --server"]
        for asked in refused {
            let r = try console(asked)
            XCTAssertNotEqual(r.status, 0, asked)
            XCTAssertFalse(r.out.contains("RAN"), "\(asked) reached the binary: \(r.out)")
            XCTAssertTrue(r.out.contains("此账号只能打开一窗的界面") || r.out.contains("错误："), "\(asked): \(r.out)")
        }
        // Without a terminal (ssh without -t, a file copy) nothing starts.
        let noTTY = try console("window 3", tty: false)
        XCTAssertEqual(noTTY.status, 1)
        XCTAssertTrue(noTTY.err.contains("需要终端"), noTTY.err)
        XCTAssertFalse(noTTY.out.contains("RAN"))
    }
}
