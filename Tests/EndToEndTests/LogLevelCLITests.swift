import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, must-deliver 7: one logging set-up for every command, its level from
/// $YICHUANG_LOG_LEVEL or the config file's `[log] level` (never fixed in code), and sd-daemon
/// priority prefixes when stderr is the journal. Run through the real binary: `sync --once`
/// against a port nobody listens on logs a debug line before it fails.
final class LogLevelCLITests: XCTestCase {
    private var hall: MultiProcessHall!
    private var dead = ""

    override func setUpWithError() throws {
        hall = try MultiProcessHall(windows: 1)
        // Port 9 (discard) on loopback: nobody listens, the connection is refused at once.
        dead = "http://127.0.0.1:9"
    }
    override func tearDown() { hall = nil }

    /// Runs `yichuang sync --once`; `journal` sets JOURNAL_STREAM to stderr's own device:inode,
    /// as systemd does for a unit whose StandardError is the journal.
    private func sync(env extra: [String: String] = [:], journal: Bool = false) throws -> (status: Int32, stderr: String) {
        let err = hall.dir.appendingPathComponent("sync-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        var env = hall.runner.baseEnvironment.merging(["YICHUANG_STATION_TOKEN": "t"]) { $1 }
        env.removeValue(forKey: "YICHUANG_LOG_LEVEL")
        env.removeValue(forKey: "JOURNAL_STREAM")
        for (k, v) in extra { env[k] = v }
        if journal {
            var st = stat()
            XCTAssertEqual(stat(err.path, &st), 0)
            env["JOURNAL_STREAM"] = "\(st.st_dev):\(st.st_ino)"
        }
        let p = Process()
        p.executableURL = hall.runner.binary
        p.arguments = ["sync", "--once", "--store", hall.storePath, "--central", dead]
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func testDebugLinesAppearOnlyAtDebugLevel() throws {
        let quiet = try sync()
        XCTAssertEqual(quiet.status, 1, quiet.stderr)
        XCTAssertTrue(quiet.stderr.contains("错误："), quiet.stderr)
        XCTAssertFalse(quiet.stderr.contains("sync starting"), "info is the default level: \(quiet.stderr)")

        let loud = try sync(env: ["YICHUANG_LOG_LEVEL": "debug"])
        XCTAssertEqual(loud.status, 1, loud.stderr)
        XCTAssertTrue(loud.stderr.contains(" debug yichuang.sync: sync starting"), loud.stderr)
        XCTAssertTrue(loud.stderr.contains("exchange with the centre failed"), "the library's debug lines follow the same level: \(loud.stderr)")
        XCTAssertFalse(loud.stderr.contains("<7>"), "stderr is a file, not the journal: \(loud.stderr)")
    }

    func testConfigFileSetsTheLevelAndTheEnvironmentOverridesIt() throws {
        try "[log]\nlevel = \"debug\"\n".write(to: hall.dir.appendingPathComponent("yichuang.toml"), atomically: true, encoding: .utf8)
        let fromFile = try sync()
        XCTAssertTrue(fromFile.stderr.contains("sync starting"), fromFile.stderr)
        let overridden = try sync(env: ["YICHUANG_LOG_LEVEL": "warning"])
        XCTAssertFalse(overridden.stderr.contains("sync starting"), overridden.stderr)
    }

    func testJournalGetsPriorityPrefixes() throws {
        let r = try sync(env: ["YICHUANG_LOG_LEVEL": "debug"], journal: true)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("<7>yichuang.sync: sync starting") }, r.stderr)
        // A JOURNAL_STREAM that is not stderr (a script redirected it) means plain lines.
        let plain = try sync(env: ["YICHUANG_LOG_LEVEL": "debug", "JOURNAL_STREAM": "1:1"])
        XCTAssertFalse(plain.stderr.contains("<7>"), plain.stderr)
        XCTAssertTrue(plain.stderr.contains("sync starting"), plain.stderr)
    }

    func testABadLevelIsNamedWithWhereItCameFrom() throws {
        let r = try sync(env: ["YICHUANG_LOG_LEVEL": "verbose"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("日志级别“verbose”无效（来自 $YICHUANG_LOG_LEVEL）"), r.stderr)
        try "[log]\nlevel = \"loud\"\n".write(to: hall.dir.appendingPathComponent("yichuang.toml"), atomically: true, encoding: .utf8)
        let f = try sync()
        XCTAssertEqual(f.status, 2, f.stderr)
        XCTAssertTrue(f.stderr.contains("日志级别“loud”无效（来自 \(hall.dir.path)/yichuang.toml [log] level）"), f.stderr)
    }
}
