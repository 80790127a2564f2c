import Foundation
import GRDB
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 13, must-deliver 5 ("setup as a file, both ways") on the real binary: what
/// `hall export` writes, `init --setup` reads on a new store. It used to stop at the first clerk
/// for want of a `pin`, with the decoder's English ("keyNotFound(CodingKeys(stringValue: "pin"…").
final class SetupRoundTripCLITests: XCTestCase {
    func result(_ runner: ProcessRunner, _ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let c = try runner.spawn(args, env: env)
        XCTAssertTrue(runner.wait(c, limit: 120), "\(args) hung")
        return (c.process.terminationStatus, c.stdout(), c.stderr())
    }

    /// The export without its PINs (a one-time PIN each may differ from one export to the next).
    func withoutPINs(_ text: String) throws -> NSDictionary {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    func testAnExportedHallIsSetUpAgainFromItsFileWithOneTimePINs() throws {
        let hall = try MultiProcessHall(windows: 2)
        let store = try hall.openStore()
        // Setup beyond what the first init file said: hours, a disabled 工号, a window permission,
        // a rule and a rating setting, so the round trip carries every part of the file.
        let admin = try store.authenticate(staff: "9001", pin: "9999", for: .changeRules, terminal: "test")
        try store.editService("A", .hours(open: 8 * 60 + 30, cutoff: 16 * 60 + 30), by: admin)
        _ = try store.addStaff(number: "3001", name: "钱进", role: .guide, pin: "2468", by: admin)
        try store.setStaffActive("3001", false, by: admin)
        try store.setStaffWindows("1001", [1], by: admin)
        var policy = try store.hall().policy
        policy.greenChannelAge = 65
        try store.updatePolicy(policy, by: admin)
        var rating = try store.ratingPolicy()
        try rating.set("rating_fix_days", to: "10")
        try store.updateRatingPolicy(rating, by: admin)

        let first = try result(hall.runner, ["hall", "export", "--store", hall.storePath], env: MultiProcessHall.admin)
        XCTAssertEqual(first.status, 0, first.err)
        let file = hall.dir.appendingPathComponent("exported.json")
        try first.out.write(to: file, atomically: true, encoding: .utf8)

        let newStore = hall.dir.appendingPathComponent("new.sqlite").path
        let created = try result(hall.runner, ["init", "--store", newStore, "--setup", file.path])
        XCTAssertEqual(created.status, 0, created.err)
        // Every 工号 gets its one-time PIN, shown once, to be changed at the first sign-in.
        var pins: [String: String] = [:]
        for m in created.out.matches(of: /工号 (\w+) \S+ 的一次性密码：(\d{6})/) { pins[String(m.1)] = String(m.2) }
        XCTAssertEqual(Set(pins.keys), ["1001", "1002", "3001", "9001"], created.out)
        XCTAssertTrue(created.out.contains("首次登录时须修改"), created.out)

        let again = try result(hall.runner, ["hall", "export", "--store", newStore], env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": pins["9001"]!])
        XCTAssertTrue(again.err.contains("修改"), "the admin's one-time PIN must be changed first: \(again.err)")
        let changed = try result(hall.runner, ["staff", "change-pin", "--store", newStore],
                                 env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": pins["9001"]!, "YICHUANG_NEW_PIN": "2580"])
        XCTAssertEqual(changed.status, 0, changed.err)
        let second = try result(hall.runner, ["hall", "export", "--store", newStore], env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "2580"])
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertEqual(try withoutPINs(second.out), try withoutPINs(first.out), "export → init --setup → export gives the same file")
        let exported = try withoutPINs(second.out)
        XCTAssertTrue((exported["services"] as? [[String: Any]])?.first?["cutoffTime"] as? String == "16:30")

        let setUp = try HallStore(path: newStore)
        XCTAssertEqual(try setUp.staffSetups().filter(\.mustChangePIN).map(\.clerk.number).sorted(), ["1001", "1002", "3001"],
                       "the clerks keep their one-time PINs until they sign in")
        try assertStoreHealthy(setUp)
    }

    /// Each decoding error of the setup file is told in Chinese, with where in the file it is.
    func testAWrongSetupFileIsToldInChineseWithItsPlace() throws {
        let runner = try ProcessRunner(dir: FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-e2e-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: runner.dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: runner.dir) }
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: try MultiProcessHall.setupJSON(windows: 1)) as? [String: Any])
        let cases: [(String, ([String: Any]) -> [String: Any], String)] = [
            ("missing", { var o = $0; var s = o["services"] as! [[String: Any]]; s[0]["maxQueue"] = nil; o["services"] = s; return o },
             "services[0].maxQueue 缺少"),
            ("type", { var o = $0; o["openingHour"] = "九点"; return o }, "openingHour 的类型不对"),
            ("role", { var o = $0; var c = o["clerks"] as! [[String: Any]]; c[0]["role"] = "boss"; o["clerks"] = c; return o },
             "clerks[0].role 的值无效"),
            ("hours", { var o = $0; var s = o["services"] as! [[String: Any]]; s[0]["cutoffTime"] = "25:00"; o["services"] = s; return o },
             "业务 A 的 cutoffTime“25:00”不是 时:分"),
        ]
        for (i, (what, change, expected)) in cases.enumerated() {
            object = try XCTUnwrap(JSONSerialization.jsonObject(with: try MultiProcessHall.setupJSON(windows: 1)) as? [String: Any])
            let file = runner.dir.appendingPathComponent("bad-\(i).json")
            try JSONSerialization.data(withJSONObject: change(object)).write(to: file)
            let store = runner.dir.appendingPathComponent("s-\(i).sqlite").path
            let r = try result(runner, ["init", "--store", store, "--setup", file.path])
            XCTAssertNotEqual(r.status, 0, what)
            XCTAssertTrue(r.err.contains(expected), "\(what): \(r.err)")
            XCTAssertFalse(r.err.contains("CodingKeys") || r.err.contains("keyNotFound") || r.err.contains("typeMismatch"), "\(what): \(r.err)")
        }
        try "{ not json".write(to: runner.dir.appendingPathComponent("junk.json"), atomically: true, encoding: .utf8)
        let junk = try result(runner, ["init", "--store", runner.dir.appendingPathComponent("j.sqlite").path,
                                       "--setup", runner.dir.appendingPathComponent("junk.json").path])
        XCTAssertTrue(junk.err.contains("不是有效的 JSON"), junk.err)
    }
}
