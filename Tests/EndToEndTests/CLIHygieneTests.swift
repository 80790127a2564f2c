import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16 defect 6 and issue 12 defect 8 through the real binary: report dates, stored escape
/// sequences, an empty `--store`, ID numbers kept out of argv, a full disk, and Chinese argument errors.
final class CLIHygieneTests: XCTestCase {

    func testReportDatesAreParsedAndImpossibleDatesRefused() throws {
        let hall = try MultiProcessHall(windows: 1)
        try rateOneService(hall, at: Date(timeIntervalSince1970: 1_793_671_200))   // 2026-11-03 10:00 Beijing
        let json = try hall.runner.run(["ratings", "report", "--store", hall.storePath, "--from", "2026-11-3", "--to", "2026-11-3", "--json"],
                                       env: MultiProcessHall.admin)
        XCTAssertTrue(json.contains("\"total\" : 1"), json)
        XCTAssertTrue(json.contains("\"from\" : \"2026-11-03\""), json)
        let csv = try hall.runner.run(["ratings", "export", "--store", hall.storePath, "--from", "2026-11-1", "--to", "2026-11-30"],
                                      env: MultiProcessHall.admin)
        XCTAssertEqual(csv.split(whereSeparator: \.isNewline).count, 2, csv)   // header + the one rating (CRLF lines)

        for (args, fault) in [(["--from", "banana"], "格式不对"), (["--from", "2026-02-30"], "不存在"),
                              (["--from", "2026-11-3", "--to", "2026-11-1x"], "格式不对"), (["--from", "2026-11-30", "--to", "2026-11-1"], "晚于")] {
            for command in [["ratings", "report"], ["ratings", "export"], ["report"]] {
                let c = try hall.runner.spawn(command + ["--store", hall.storePath] + args, env: MultiProcessHall.admin)
                hall.runner.wait(c)
                XCTAssertNotEqual(c.process.terminationStatus, 0, "\(command) \(args) must fail")
                XCTAssertTrue(c.stderr().contains(fault), "\(command) \(args): \(c.stderr())")
            }
        }
    }

    func testStoredEscapeSequencesArePrintedInert() throws {
        let dir = try tempDir()
        let runner = try ProcessRunner(dir: dir)
        let esc = "\u{1B}]0;owned\u{07}\u{1B}[2J"
        let setup: [String: Any] = [
            "name": "大厅", "kind": "hall", "timeZone": "Asia/Shanghai", "openingHour": 9, "pinRounds": 1000,
            "services": [["code": "A", "prefix": "A", "name": "社保\(esc)", "targetWaitMinutes": 20, "maxQueue": 100, "warnQueue": 15]],
            "windows": [["number": 1, "name": "1号\(esc)窗口", "services": ["A"]]],
            "clerks": [["number": "1001", "name": "李\(esc)敏", "role": "clerk", "pin": "1234"],
                       ["number": "9001", "name": "管理员", "role": "admin", "pin": "9999"]],
        ]
        let setupFile = dir.appendingPathComponent("hall.json")
        try JSONSerialization.data(withJSONObject: setup).write(to: setupFile)
        let store = dir.appendingPathComponent("hall.sqlite").path
        try runner.run(["init", "--store", store, "--setup", setupFile.path])
        var outputs = [try runner.run(["signin", "--store", store, "--window", "1", "--clerk", "1001"], env: ["YICHUANG_PIN": "1234"])]
        outputs.append(try runner.run(["ticket", "--store", store, "--service", "A"]))
        outputs.append(try runner.run(["call", "--store", store, "--window", "1"], env: ["YICHUANG_STAFF": "1001", "YICHUANG_PIN": "1234"]))
        outputs.append(try runner.run(["status", "--store", store, "--window", "1"]))
        outputs.append(try runner.run(["queue", "--store", store]))
        outputs.append(try runner.run(["config", "--store", store, "rating_reasons", "慢\u{1B}[2J,态度差"], env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "9999"]))
        outputs.append(try runner.run(["report", "--store", store], env: MultiProcessHall.admin))
        let out = dir.appendingPathComponent("report.csv").path
        try runner.run(["report", "--store", store, "--out", out], env: MultiProcessHall.admin)
        outputs.append(try String(contentsOfFile: out, encoding: .utf8))
        for text in outputs {
            XCTAssertFalse(text.contains("\u{1B}") || text.contains("\u{07}"), "raw control characters in: \(text.debugDescription)")
        }
        XCTAssertTrue(outputs[0].contains("李␛"), outputs[0])       // shown inert, not dropped
        XCTAssertTrue(outputs[3].contains("1号␛"), outputs[3])
        XCTAssertTrue(outputs[5].contains("慢␛[2J"), outputs[5])
        XCTAssertTrue(outputs[6].contains("社保␛"), outputs[6])
    }

    func testAnEmptyStoreFileIsRefusedAndLeftEmpty() throws {
        let dir = try tempDir()
        let runner = try ProcessRunner(dir: dir)
        let empty = dir.appendingPathComponent("notes.txt").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        for args in [["status", "--window", "1"], ["config"], ["ticket", "--service", "A"]] {
            let c = try runner.spawn(args + ["--store", empty])
            runner.wait(c)
            XCTAssertNotEqual(c.process.terminationStatus, 0)
            XCTAssertTrue(c.stderr().contains("空文件"), c.stderr())
        }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("notes.txt") }, ["notes.txt"])
    }

    func testIdNumberComesFromStdinOrEnvironmentNeverArgv() throws {
        let hall = try MultiProcessHall(windows: 1)
        let old = try hall.runner.spawn(["ticket", "--store", hall.storePath, "--service", "A", "--id-number", "11010519491231002X"])
        hall.runner.wait(old)
        XCTAssertNotEqual(old.process.terminationStatus, 0)
        XCTAssertTrue(old.stderr().contains("--read-id") && old.stderr().contains("YICHUANG_ID_NUMBER"), old.stderr())

        let viaEnv = try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A", "--read-id", "--json"],
                                         env: ["YICHUANG_ID_NUMBER": "１１０１０５１９４９１２３１００２ｘ"])
        XCTAssertTrue(viaEnv.contains("\"priority\" : \"greenChannel\""), viaEnv)
        XCTAssertFalse(viaEnv.contains("19491231"), "the ID number is not printed")

        let viaStdin = try runWithStdin(hall, ["ticket", "--store", hall.storePath, "--service", "A", "--read-id", "--json"],
                                        stdin: "11010519491231002X\n")
        XCTAssertEqual(viaStdin.status, 0, viaStdin.err)
        XCTAssertTrue(viaStdin.out.contains("\"priority\" : \"greenChannel\""), viaStdin.out)
        let bad = try runWithStdin(hall, ["ticket", "--store", hall.storePath, "--service", "A", "--read-id"], stdin: "110105194912310021\n")
        XCTAssertTrue(bad.err.contains("校验位错误"), bad.err)
    }

    /// A full disk and no front end open (so SQLite must create the -shm): every command says the
    /// disk is full, never `disk I/O error`. Runs in a private mount namespace on a small tmpfs.
    func testFullDiskGivesTheFullDiskMessageForEveryCommand() throws {
        let dir = try tempDir()
        let runner = try ProcessRunner(dir: dir)
        let setup = dir.appendingPathComponent("hall.json")
        try MultiProcessHall.setupJSON(windows: 1).write(to: setup)
        let disk = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let commands = ["status --window 1", "config", "ticket --service A", "queue", "ratings report", "report", "doctor"]
        let script = """
            mount -t tmpfs -o size=3m tmpfs "$D" || exit 77
            "$Y" init --store "$D/hall.sqlite" --setup "$S" >/dev/null || exit 78
            dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
            \(commands.enumerated().map { "\"$Y\" \($0.element) --store \"$D/hall.sqlite\" >/dev/null 2>\"$O/err\($0.offset)\"; echo $? >\"$O/rc\($0.offset)\"" }.joined(separator: "\n"))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["--mount", "--propagation", "private", "sh", "-c", script]
        p.environment = runner.baseEnvironment.merging(["D": disk.path, "Y": runner.binary.path, "S": setup.path, "O": dir.path])
            { $1 }.merging(MultiProcessHall.admin) { $1 }   // report and ratings report ask for a PIN
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { throw XCTSkip("no unshare") }
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus == 77 || (p.terminationStatus != 0 && getuid() != 0) {
            throw XCTSkip("cannot mount a tmpfs here (needs root in a mount namespace)")
        }
        XCTAssertEqual(p.terminationStatus, 0)
        for (i, command) in commands.enumerated() {
            let err = (try? String(contentsOf: dir.appendingPathComponent("err\(i)"), encoding: .utf8)) ?? ""
            let rc = (try? String(contentsOf: dir.appendingPathComponent("rc\(i)"), encoding: .utf8)) ?? ""
            XCTAssertNotEqual(rc.trimmingCharacters(in: .whitespacesAndNewlines), "0", "\(command) on a full disk")
            XCTAssertTrue(err.contains("存储空间已满"), "\(command): \(err)")
            XCTAssertFalse(err.contains("disk I/O error"), "\(command): \(err)")
        }
    }

    /// Issue 12 defect 8: ArgumentParser's errors reached users in English or as
    /// "The operation could not be completed. (ArgumentParser.ValidationError error 1.)".
    func testEveryArgumentErrorIsChineseAndNamesTheFault() throws {
        let hall = try MultiProcessHall(windows: 1)
        let cases: [([String], String)] = [
            (["status"], "缺少必需的参数 --window"),
            (["status", "--window"], "--window <window> 后面缺少值"),
            (["status", "--window", "abc"], "--window <window> 的值“abc”无效"),
            (["status", "--window", "1", "--bogus"], "没有选项 --bogus"),
            (["nosuchcommand"], "多余的参数“nosuchcommand”"),
            (["config", "recall_limit"], "请给出 recall_limit 的新值"),          // a ValidationError thrown while running
            (["appointment", "--service", "A", "--name", "张三", "--phone", "13800138000", "--at", "明天"], "预约时间“明天”不对"),
        ]
        for (args, expected) in cases {
            let c = try hall.runner.spawn(args == ["nosuchcommand"] ? args : args + ["--store", hall.storePath])
            hall.runner.wait(c)
            let err = c.stderr()
            XCTAssertNotEqual(c.process.terminationStatus, 0, "\(args)")
            XCTAssertTrue(err.hasPrefix("错误："), "\(args): \(err)")
            XCTAssertTrue(err.contains(expected), "\(args): \(err)")
            XCTAssertFalse(err.contains("The operation could not be completed") || err.contains("Error:") || err.contains("Usage:"),
                           "\(args): \(err)")
        }
        let help = try hall.runner.run(["status", "--help"])
        XCTAssertTrue(help.contains("--window"), "help still works: \(help)")
    }

    // MARK: helpers

    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// One ticket issued, called, finished and rated "满意" at window 1 with the store's clock at `at`.
    private func rateOneService(_ hall: MultiProcessHall, at: Date) throws {
        let store = try HallStore(path: hall.storePath, clock: ManualClock(at))
        let clerkId = try store.pool.read { try String.fetchOne($0, sql: "SELECT id FROM clerk WHERE number = '1001'")! }
        let by = Attribution(clerkId: clerkId, clerkNumber: "1001", terminal: "e2e")
        _ = try store.issueTicket(service: "A", by: .system("desk"))
        _ = try store.callNext(window: 1, by: by)
        _ = try store.finish(window: 1, by: by)
        let invitation = try XCTUnwrap(store.pendingInvitation(window: 1))
        try store.rate(window: 1, eventId: invitation.id, level: .satisfied, by: .system("pad-1"))
    }

    private func runWithStdin(_ hall: MultiProcessHall, _ args: [String], stdin: String) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = hall.runner.binary
        p.arguments = args
        p.environment = hall.runner.baseEnvironment
        let input = Pipe(), output = Pipe(), error = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = error
        try p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = error.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
