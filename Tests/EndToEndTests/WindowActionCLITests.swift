import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 12, must-deliver 3: every window action on the real binary's CLI with `--json`, each
/// counted for the clerk signed in at the window (CLI calls used to count for no clerk).
final class WindowActionCLITests: XCTestCase {
    /// Runs a window action with the credentials of the clerk signed in at its `--window`.
    func json(_ hall: MultiProcessHall, _ args: [String]) throws -> [String: Any] {
        let out = try hall.runner.run(args + ["--store", hall.storePath, "--json"], env: MultiProcessHall.clerk(window(args)))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], out)
    }

    func number(_ j: [String: Any]) -> String? { (j["ticket"] as? [String: Any])?["number"] as? String }

    func window(_ args: [String]) -> Int { args.firstIndex(of: "--window").flatMap { Int(args[$0 + 1]) } ?? 0 }

    func testEveryWindowActionWithJSONCountsForTheWindowsClerk() throws {
        let hall = try MultiProcessHall(windows: 2)
        try hall.runner.run(["config", "--store", hall.storePath, "recall_limit", "2"], env: MultiProcessHall.admin)
        try hall.runner.run(["config", "--store", hall.storePath, "no_show", "after:1"], env: MultiProcessHall.admin)
        _ = try hall.issueTickets(4)

        let call = try json(hall, ["call", "--window", "1"])
        XCTAssertEqual(call["clerk"] as? String, "1001")
        XCTAssertEqual(number(call), "A001")
        let r1 = try json(hall, ["recall", "--window", "1"])
        XCTAssertEqual(r1["recallCount"] as? Int, 1)
        XCTAssertEqual(r1["nextRecall"] as? String, "last", "the screen warns before the last allowed recall")
        XCTAssertEqual(try json(hall, ["recall", "--window", "1"])["nextRecall"] as? String, "noShow")
        let noShow = try json(hall, ["noshow", "--window", "1"])
        XCTAssertEqual(noShow["noShow"] as? String, "after:1")
        XCTAssertEqual(noShow["deferCallsLeft"] as? Int, 1)
        XCTAssertEqual(number(try json(hall, ["call", "--window", "1"])), "A002")
        XCTAssertEqual((try json(hall, ["hold", "--window", "1", "--note", "取材料"])["ticket"] as? [String: Any])?["status"] as? String, "held")
        XCTAssertEqual(number(try json(hall, ["call", "--window", "1"])), "A001", "one other call made: A001's turn")
        XCTAssertEqual(number(try json(hall, ["transfer", "--window", "1", "--to-window", "2", "--front", "--note", "转2号"])), "A001")
        XCTAssertEqual(number(try json(hall, ["callback", "--window", "1"])), "A002")
        let w2 = try json(hall, ["call", "--window", "2"])
        XCTAssertEqual(w2["clerk"] as? String, "1002")
        XCTAssertEqual(number(w2), "A001", "sent to window 2's front")
        XCTAssertEqual(try json(hall, ["pause", "--window", "1"])["message"] as? String, "1 号窗口已暂停叫号")
        XCTAssertEqual(try json(hall, ["finish", "--window", "1"])["action"] as? String, "finish")
        let refused = try hall.runner.spawn(["call", "--window", "1", "--store", hall.storePath, "--json"], env: MultiProcessHall.clerk(1))
        hall.runner.wait(refused)
        XCTAssertNotEqual(refused.process.terminationStatus, 0)
        XCTAssertTrue(refused.stderr().contains("1 号窗口已暂停叫号"), refused.stderr())
        XCTAssertTrue(refused.stderr().contains("yichuang resume --window 1"), "the command line names its way out, not a screen key: \(refused.stderr())")
        XCTAssertFalse(refused.stderr().contains("请先按"), refused.stderr())
        _ = try json(hall, ["resume", "--window", "1"])
        let walk = try json(hall, ["walkup", "--window", "1", "--service", "A"])
        XCTAssertEqual((walk["ticket"] as? [String: Any])?["status"] as? String, "serving")
        XCTAssertEqual(try hall.runner.run(["finish", "--window", "1", "--store", hall.storePath], env: MultiProcessHall.clerk(1)), "A005 已办结\n")

        // Every window event names the clerk, so the per-clerk report counts CLI work.
        let store = try hall.openStore()
        let clerks = Dictionary(uniqueKeysWithValues: try store.clerks().map { ($0.id, $0.number) })
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, window_number, clerk_id FROM queue_event WHERE window_number IS NOT NULL AND kind NOT IN ('signedIn')")
        }
        XCTAssertGreaterThan(rows.count, 10)
        for r in rows {
            let w: Int = r["window_number"]
            XCTAssertEqual(clerks[r["clerk_id"] as String? ?? ""], "100\(w)", "\(r["kind"] as String) at window \(w) counted for nobody")
        }
        let day = try store.hall().calendar.dayKey(Date())
        let report = try store.report(fromDay: day, toDay: day).report
        let first = try XCTUnwrap(clerks.first { $0.value == "1001" }?.key)
        // Two waits ended at window 1 (A001 transferred, its no-show's last call counting; A002
        // finished) and two tickets finished there (A002 and the walk-up): all counted for 1001.
        XCTAssertEqual(report.clerks[first]?.calls, 2)
        XCTAssertEqual(report.clerks[first]?.finished, 2)
    }
}

extension WindowActionCLITests {
    /// Defect 8 (part): config values out of range are refused in Chinese with the allowed range.
    func testConfigRefusesNoShowOutsideItsRangeInChinese() throws {
        let hall = try MultiProcessHall(windows: 1)
        for (args, expected) in [(["no_show", "after:0"], "1–50"), (["no_show", "after:99999999999"], "1–50"),
                                 (["recall_limit"], "请给出 recall_limit 的新值"), (["no_show_wait", "0"], "1–120")] {
            let c = try hall.runner.spawn(["config", "--store", hall.storePath] + args, env: MultiProcessHall.admin)
            hall.runner.wait(c)
            XCTAssertNotEqual(c.process.terminationStatus, 0, args.joined(separator: " "))
            XCTAssertTrue(c.stderr().hasPrefix("错误：") && c.stderr().contains(expected), c.stderr())
            XCTAssertFalse(c.stderr().contains("ValidationError"), c.stderr())
        }
        XCTAssertTrue(try hall.runner.run(["config", "--store", hall.storePath, "no_show", "after:5"], env: MultiProcessHall.admin).contains("no_show = after:5"))
        let report = try hall.runner.spawn(["report", "--store", hall.storePath, "--out", "/nonexistent/x.csv"], env: MultiProcessHall.admin)
        hall.runner.wait(report)
        XCTAssertNotEqual(report.process.terminationStatus, 0)
        XCTAssertEqual(report.stderr(), "错误：无法写入输出文件 /nonexistent/x.csv：所在目录不存在\n")
    }
}

/// Issue 14 must-deliver 7 on the CLI: `yichuang report --reform` measures the cases in the store.
final class ReformReportCLITests: XCTestCase {
    func testReformReportCountsTheSecondVisit() throws {
        let hall = try MultiProcessHall(windows: 1)
        let store = try hall.openStore()
        let by = Attribution.system("e2e")
        let check = MaterialCheck(matterCode: "M", materialName: "居住地住址证明", requiredOriginals: 1, requiredCopies: 0,
                                  isRequired: true, isTolerable: false, electronicLicence: nil, state: .missing)
        let c = try store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                   matters: [CaseMatter(code: "M", version: 1, name: "居住证申领", promisedWorkingDays: nil)],
                                   checks: [check], by: by)
        try store.decide(caseId: c.id, .requestCorrection, dueDate: { d, _ in d }, by: by)
        _ = try store.resumeCase(caseId: c.id, by: by)
        try store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 0), by: by)
        try store.decide(caseId: c.id, .accept, dueDate: { d, _ in d }, by: by)

        let day = String(c.caseNumber.dropFirst(2).prefix(8))
        let from = "\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))"
        let out = try hall.runner.run(["report", "--store", hall.storePath, "--from", from, "--reform", "--json"], env: MultiProcessHall.admin)
        let j = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], out)
        XCTAssertEqual(j["cases"] as? Int, 1)
        XCTAssertEqual(j["visitsPerCase"] as? Double, 2, "accepted at the second visit")
        XCTAssertEqual(j["oneVisitShare"] as? Double, 0)
        let text = try hall.runner.run(["report", "--store", hall.storePath, "--from", from, "--reform"], env: MultiProcessHall.admin)
        for expected in ["跑动次数：2.00 次/件", "一次办结率（最多跑一次）：0.0%", "计算方法："] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }

        // Per window, clerk, matter and period (must-deliver 7, rest), in text and JSON.
        let byWindow = try hall.runner.run(["report", "--store", hall.storePath, "--from", from, "--reform", "--by", "window"], env: MultiProcessHall.admin)
        for expected in ["按窗口：", "  1号窗口：办件 1 件，已受理 1 件；跑动 2.00 次/件", "时限压缩率", "分组："] {
            XCTAssertTrue(byWindow.contains(expected), "\(expected) missing from\n\(byWindow)")
        }
        let grouped = try hall.runner.run(["report", "--store", hall.storePath, "--from", from, "--reform", "--by", "matter", "--json"], env: MultiProcessHall.admin)
        let g = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(grouped.utf8)) as? [String: Any], grouped)
        XCTAssertEqual(g["by"] as? String, "matter")
        let groups = try XCTUnwrap(g["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["key"] as? String }, ["居住证申领"])
        XCTAssertEqual(groups.first?["visitsPerCase"] as? Double, 2)
        let bad = try hall.runner.spawn(["report", "--store", hall.storePath, "--reform", "--by", "week"], env: MultiProcessHall.admin)
        hall.runner.wait(bad)
        XCTAssertNotEqual(bad.process.terminationStatus, 0)
        XCTAssertTrue(bad.stderr().contains("--by 只能是 matter（事项）"), bad.stderr())
    }
}
