import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

enum SupportError: Error, CustomStringConvertible {
    case binaryMissing([String])
    case commandFailed(String, Int32, String)
    var description: String {
        switch self {
        case .binaryMissing(let tried):
            return "yichuang executable not found; build it first (swift build --build-tests). Tried:\n  " + tried.joined(separator: "\n  ")
        case .commandFailed(let cmd, let status, let err): return "`\(cmd)` exited \(status): \(err)"
        }
    }
}

/// The `yichuang` binary SwiftPM built next to the test bundle (…/debug/yichuang).
/// YICHUANG_BIN overrides, for running these tests against another build.
func yichuangBinary() throws -> URL {
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["YICHUANG_BIN"] { candidates.append(URL(fileURLWithPath: env)) }
    // Linux: the test runner IS the .xctest file; macOS: the bundle sits in the products folder.
    let anchors = [Bundle.main.bundleURL, Bundle.main.executableURL, Bundle(for: ProcessRunner.self).bundleURL,
                   URL(fileURLWithPath: CommandLine.arguments[0])].compactMap { $0 }
    for a in anchors {
        var dir = a.deletingLastPathComponent()
        for _ in 0..<4 {   // walk up out of Foo.xctest/Contents/MacOS on macOS
            candidates.append(dir.appendingPathComponent("yichuang"))
            dir = dir.deletingLastPathComponent()
        }
    }
    for c in candidates {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDir), !isDir.boolValue,
           FileManager.default.isExecutableFile(atPath: c.path) {
            return c
        }
    }
    throw SupportError.binaryMissing(candidates.map(\.path))
}

/// Starts child processes with stdout/stderr in files (a killed child's lines survive, and no
/// pipe can fill up and stall it).
final class ProcessRunner {
    let binary: URL
    let dir: URL
    let baseEnvironment: [String: String]
    private var counter = 0

    init(dir: URL) throws {
        binary = try yichuangBinary()
        self.dir = dir
        var env = ProcessInfo.processInfo.environment
        env["YICHUANG_HOME"] = dir.path            // never read the developer's own yichuang.toml
        env["YICHUANG_SYSTEM_CONFIG"] = dir.appendingPathComponent("etc-yichuang.toml").path   // nor the node's /etc one
        env["XDG_CONFIG_HOME"] = dir.appendingPathComponent("xdg-config").path
        env.removeValue(forKey: "STATE_DIRECTORY")
        env["YICHUANG_TERMINAL"] = "e2e"
        env.removeValue(forKey: "YICHUANG_STORE")
        env.removeValue(forKey: "YICHUANG_TEST_PAUSE_IN_CALL_MS")
        for key in ["YICHUANG_STAFF", "YICHUANG_PIN", "YICHUANG_NEW_PIN"] { env.removeValue(forKey: key) }   // each test passes its own
        baseEnvironment = env
    }

    struct Child {
        let process: Process
        let stdoutFile: URL
        let stderrFile: URL
        var pid: Int32 { process.processIdentifier }
        func stdout() -> String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
        func stderr() -> String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
        /// Non-empty stdout lines (the stress caller prints one ticket id per line).
        func lines() -> [String] { stdout().split(separator: "\n").map(String.init).filter { !$0.isEmpty } }
    }

    func spawn(_ args: [String], env extra: [String: String] = [:]) throws -> Child {
        counter += 1
        let out = dir.appendingPathComponent("child-\(counter).out"), err = dir.appendingPathComponent("child-\(counter).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = baseEnvironment.merging(extra) { $1 }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return Child(process: p, stdoutFile: out, stderrFile: err)
    }

    /// As `spawn`, with `input` on the child's standard input (credentials typed into a pipe).
    func spawnWithInput(_ args: [String], input: String, env extra: [String: String] = [:]) throws -> Child {
        counter += 1
        let inFile = dir.appendingPathComponent("child-\(counter).in")
        try Data(input.utf8).write(to: inFile)
        let out = dir.appendingPathComponent("child-\(counter).out"), err = dir.appendingPathComponent("child-\(counter).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = baseEnvironment.merging(extra) { $1 }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = try FileHandle(forReadingFrom: inFile)
        try p.run()
        return Child(process: p, stdoutFile: out, stderrFile: err)
    }

    /// Waits for the child; a hang guard (not a timing assertion): after `limit` seconds the child
    /// is killed and the wait reports false.
    @discardableResult
    func wait(_ child: Child, limit: TimeInterval = 600) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while child.process.isRunning {
            if Date() > deadline { kill(child.pid, SIGKILL); child.process.waitUntilExit(); return false }
            usleep(20_000)
        }
        child.process.waitUntilExit()
        return true
    }

    /// Runs to completion and throws when the exit status is not 0.
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:]) throws -> String {
        let c = try spawn(args, env: env)
        let finished = wait(c, limit: 120)
        guard finished, c.process.terminationStatus == 0 else {
            throw SupportError.commandFailed((["yichuang"] + args).joined(separator: " "), c.process.terminationStatus, c.stderr())
        }
        return c.stdout()
    }
}

/// A hall in a temporary folder with `windows` windows all serving service "A", one clerk each
/// (1001, 1002, …, PIN 1234), every window signed in through the real CLI, and an admin (9001,
/// PIN 9999) for the commands that change the hall.
final class MultiProcessHall {
    let dir: URL
    let storePath: String
    let runner: ProcessRunner

    init(windows: Int = 16) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        storePath = dir.appendingPathComponent("hall.sqlite").path
        runner = try ProcessRunner(dir: dir)
        let setupFile = dir.appendingPathComponent("hall.json")
        try Self.setupJSON(windows: windows).write(to: setupFile)
        try runner.run(["init", "--store", storePath, "--setup", setupFile.path])
        // A run that crosses Beijing midnight must still see yesterday's queue.
        try runner.run(["config", "--store", storePath, "keep_overnight", "true"], env: Self.admin)
        for w in 1...windows {
            try runner.run(["signin", "--store", storePath, "--window", "\(w)", "--clerk", String(1000 + w)],
                           env: ["YICHUANG_PIN": "1234"])
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    static func setupJSON(windows: Int) throws -> Data {
        let object: [String: Any] = [
            "name": "多进程测试大厅", "kind": "hall", "timeZone": "Asia/Shanghai", "openingHour": 9,
            "pinRounds": 1000,   // PIN hashing is deliberately slow; tests do not need that
            "services": [["code": "A", "prefix": "A", "name": "社保医保", "targetWaitMinutes": 20,
                          "maxQueue": 100_000, "warnQueue": 15]],
            "windows": (1...windows).map { ["number": $0, "name": "\($0)号窗口", "services": ["A"]] },
            "clerks": (1...windows).map { ["number": String(1000 + $0), "name": "工作人员\($0)", "role": "clerk", "pin": "1234"] }
                + [["number": "9001", "name": "系统管理员", "role": "admin", "pin": "9999"]],
        ]
        return try JSONSerialization.data(withJSONObject: object)
    }

    func openStore() throws -> HallStore { try HallStore(path: storePath) }

    /// The admin's credentials, and the clerk's signed in at window `w` (issue 13: never argv).
    static let admin = ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "9999"]
    static func clerk(_ w: Int) -> [String: String] { ["YICHUANG_STAFF": String(1000 + w), "YICHUANG_PIN": "1234"] }

    /// Issues `count` tickets through the real store API; returns their ids in issue order.
    func issueTickets(_ count: Int) throws -> [String] {
        let store = try openStore()
        return try (0..<count).map { _ in try store.issueTicket(service: "A", by: .system("e2e-desk")).ticket.id }
    }

    func stressCaller(window: Int, env: [String: String] = [:]) throws -> ProcessRunner.Child {
        try runner.spawn(["stress-caller", "--store", storePath, "--window", "\(window)"], env: Self.clerk(window).merging(env) { $1 })
    }
}

/// Store-wide invariants every multi-process test ends with.
func assertStoreHealthy(_ store: HallStore, file: StaticString = #filePath, line: UInt = #line) throws {
    let v = try store.verify()
    XCTAssertEqual(v.integrity, "ok", "PRAGMA integrity_check", file: file, line: line)
    XCTAssertTrue(v.audit.isIntact, "audit chain broken at seq \(v.audit.firstBrokenSeq ?? -1)", file: file, line: line)
    let (count, minSeq, maxSeq) = try store.pool.read { db -> (Int, Int64, Int64) in
        let r = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM outbox")!
        return (r["n"], r["lo"] ?? 0, r["hi"] ?? 0)
    }
    XCTAssertEqual(minSeq, 1, "outbox starts at seq 1", file: file, line: line)
    XCTAssertEqual(Int64(count), maxSeq, "outbox seq has gaps: \(count) rows up to seq \(maxSeq)", file: file, line: line)
}

/// Per-ticket counts of one queue_event kind.
func eventCounts(_ store: HallStore, kind: String) throws -> [String: Int] {
    try store.pool.read { db in
        var out: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT ticket_id, COUNT(*) AS n FROM queue_event WHERE kind = ? GROUP BY ticket_id",
                                  arguments: [kind]) {
            out[r["ticket_id"]] = r["n"]
        }
        return out
    }
}

/// ids printed more than once across all callers.
func duplicates(_ ids: [String]) -> [String] {
    var seen = Set<String>(), dup = Set<String>()
    for id in ids where !seen.insert(id).inserted { dup.insert(id) }
    return dup.sorted()
}
