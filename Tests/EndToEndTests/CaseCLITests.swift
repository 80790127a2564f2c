import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 14, must-deliver 8 (intake on the CLI with --json), 4 (delivery) and 6 (history), on the
/// real binary: a case opened, filled, ticked, decided, shown and printed with a clerk's PIN.
final class CaseCLITests: XCTestCase {
    static let change = "990105000101000010030001"     // 企业变更登记: promised, five materials

    func run(_ hall: MultiProcessHall, _ args: [String], window: Int = 1) throws -> String {
        try hall.runner.run(["case"] + args + ["--store", hall.storePath], env: MultiProcessHall.clerk(window))
    }

    func json(_ hall: MultiProcessHall, _ args: [String], window: Int = 1) throws -> [String: Any] {
        let out = try run(hall, args + ["--json"], window: window)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], out)
    }

    /// Runs a command that must fail: its exit status and what it said on stderr.
    func refused(_ hall: MultiProcessHall, _ args: [String], window: Int = 1) throws -> (Int32, String) {
        let c = try hall.runner.spawn(["case"] + args + ["--store", hall.storePath, "--json"], env: MultiProcessHall.clerk(window))
        hall.runner.wait(c)
        return (c.process.terminationStatus, c.stderr() + c.stdout())
    }

    func testIntakeThroughTheCLIWithTheConsolesChecksDeliveryAndHistory() throws {
        let hall = try MultiProcessHall(windows: 2)
        let opened = try json(hall, ["open", "--window", "1", "--matter", Self.change])
        let number = try XCTUnwrap(opened["caseNumber"] as? String)
        XCTAssertEqual(opened["status"] as? String, "draft")
        XCTAssertEqual(opened["window"] as? Int, 1)
        let materials = try XCTUnwrap(opened["materials"] as? [[String: Any]])
        XCTAssertEqual(materials.count, 5)

        // One bad value in a batch: a Chinese message naming the fault, non-zero, nothing saved.
        let (status, said) = try refused(hall, ["set", number, "business.name=示范区第一纺织厂", "business.creditCode=91110105MA01ABCOI3"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(said.contains("统一社会信用代码"), said)
        XCTAssertEqual((try json(hall, ["show", number])["form"] as? [String: String]), [:], "nothing half-saved")

        let filled = try json(hall, ["set", number, "business.name=示范区第一纺织厂", "统一社会信用代码=91350100M000100Y43",
                                     "business.legalRepresentative=王五", "applicant.name=张三丰", "applicant.idNumber=11010519491231002x",
                                     "applicant.phone=13800138000", "change.items=住所变更"])
        XCTAssertEqual((filled["form"] as? [String: String])?["applicant.idNumber"], "11010519491231002X", "normalised as the console does")
        XCTAssertEqual((filled["formProblems"] as? [Any])?.count, 0)

        // Another window's clerk may not touch window 1's case.
        let (other, otherSaid) = try refused(hall, ["material", number, "1", "received", "--window", "2"], window: 2)
        XCTAssertNotEqual(other, 0)
        XCTAssertTrue(otherSaid.contains("在1号窗口受理，2号窗口不能办理"), otherSaid)

        for i in [1, 2, 3, 5] { _ = try run(hall, ["material", number, "\(i)", "received"]) }
        _ = try run(hall, ["material", number, "4", "missing"])
        let (early, earlySaid) = try refused(hall, ["decide", number, "accept"])
        XCTAssertNotEqual(early, 0)
        XCTAssertTrue(earlySaid.contains("还缺1项材料，不能受理"), earlySaid)
        let (noAddress, noAddressSaid) = try refused(hall, ["decide", number, "accept", "--delivery", "mail"])
        XCTAssertNotEqual(noAddress, 0)
        XCTAssertTrue(noAddressSaid.contains("邮寄送达须填写邮寄地址"), noAddressSaid)
        let exempt = try json(hall, ["material", number, "4", "exempt"])
        XCTAssertEqual((exempt["materials"] as? [[String: Any]])?[3]["label"] as? String, "免提交（营业执照电子证照）")

        let accepted = try json(hall, ["decide", number, "accept", "--delivery", "mail", "--address", "北京市东城区示范路1号"])
        XCTAssertEqual(accepted["status"] as? String, "accepted")
        XCTAssertNotNil(accepted["dueDate"] as? String)
        let delivery = try XCTUnwrap(accepted["delivery"] as? [String: Any])
        XCTAssertEqual(delivery["method"] as? String, "mail")
        XCTAssertEqual(delivery["label"] as? String, "邮寄送达（北京市东城区示范路1号）")
        let (closed, closedSaid) = try refused(hall, ["set", number, "applicant.name=李四"])
        XCTAssertNotEqual(closed, 0)
        XCTAssertTrue(closedSaid.contains("办件状态为“已受理”，表单不能再修改"), closedSaid)

        let notice = try run(hall, ["print", number, "--text"])
        XCTAssertTrue(notice.contains("受理通知书"), notice)
        XCTAssertTrue(notice.contains("邮寄送达（北京市东城区示范路1号）"), notice)
        let printed = try json(hall, ["print", number])
        XCTAssertEqual(printed["status"] as? String, "printed", "\(printed)")

        let shown = try run(hall, ["show", number, "--history"])
        XCTAssertTrue(shown.contains("结果送达方式：邮寄送达（北京市东城区示范路1号）"), shown)
        XCTAssertTrue(shown.contains("申请人身份证号码：（空） → 110105********002X"), shown)
        XCTAssertTrue(shown.contains("工作人员1（1001）"), shown)
        XCTAssertTrue(shown.contains("受理中 → 已受理"), shown)
        let history = try XCTUnwrap(try json(hall, ["show", number, "--history"])["history"] as? [[String: Any]])
        XCTAssertTrue(history.contains { $0["subject"] as? String == "申请人姓名" && $0["newValue"] as? String == "张**" }, "\(history)")

        for q in ["张三丰", "示范区第一", "王五", "zhangsanfeng", String(number.suffix(2))] {
            let found = try run(hall, ["search", q])
            XCTAssertTrue(found.contains(number), "\(q): \(found)")
        }

        // The same case events and audit entries as the console writes, for the clerk who acted.
        let store = try hall.openStore()
        let c = try store.case(id: try store.caseId(number: number))
        XCTAssertEqual(c.events.filter { $0.kind == .fieldSaved }.count, 7)
        XCTAssertTrue(c.events.allSatisfy { $0.clerkNumber == "1001" })
        XCTAssertGreaterThan(try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE entity = 'case' AND clerk_number = '1001' AND terminal LIKE 'cli:%'") ?? 0
        }, 10)
        try assertStoreHealthy(store)
    }

    func testWrongPINOrNoWindowIsRefusedInChinese() throws {
        let hall = try MultiProcessHall(windows: 1)
        let c = try hall.runner.spawn(["case", "open", "--window", "1", "--matter", Self.change, "--store", hall.storePath],
                                      env: ["YICHUANG_STAFF": "1001", "YICHUANG_PIN": "0000"])
        hall.runner.wait(c)
        XCTAssertNotEqual(c.process.terminationStatus, 0)
        XCTAssertTrue(c.stderr().contains("密码"), c.stderr())
        let (status, said) = try refused(hall, ["open", "--matter", Self.change])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(said.contains("请用 --window 指明在哪个窗口受理"), said)
        let (bad, badSaid) = try refused(hall, ["open", "--window", "1", "--matter", "nonesuch"])
        XCTAssertNotEqual(bad, 0)
        XCTAssertTrue(badSaid.contains("没有编码为“nonesuch”的事项"), badSaid)
        XCTAssertEqual(try hall.openStore().cases().count, 0, "nothing opened")
    }
}
