import Foundation
import GRDB
import HallCore
import XCTest
@testable import HallStore

/// `hall export` / `hall apply` at the store (issue 13, must-deliver 5): the whole file checked
/// first, the differences listed, all applied in one transaction through the admin operations.
final class HallConfigurationTests: XCTestCase {
    func testAnExportedHallAppliesToItselfWithNoChange() throws {
        let h = try TestHall()
        let file = try h.store.exportConfiguration()
        XCTAssertEqual(file.services.map(\.code), ["A", "B", "C"])
        XCTAssertEqual(file.windows.map(\.services), [["A", "B"], ["B", "A"], ["C"]])
        XCTAssertEqual(file.clerks.count, 6)
        let json = String(decoding: try JSONEncoder().encode(file), as: UTF8.self)
        XCTAssertFalse(json.contains("\"pin\"") || json.contains("pbkdf2") || json.contains("1234"), "no PIN or hash leaves the store: \(json)")
        XCTAssertEqual(try h.store.configurationChanges(file), [])
        XCTAssertEqual(try h.store.applyConfiguration(file, by: h.admin).changes, [])
    }

    /// A file with changes in every part: the dry run lists them and writes nothing; apply makes
    /// them all, each audited, and gives the new 工号 a one-time PIN.
    func testADryRunListsTheChangesAndApplyMakesThemAll() throws {
        let h = try TestHall()
        var file = try h.store.exportConfiguration()
        file.services.append(.init(code: "F", prefix: "F", name: "出入境", targetWaitMinutes: 25, maxQueue: 40, warnQueue: 8,
                                   openTime: "09:00", cutoffTime: "16:30"))
        file.services[1].maxQueue = 10; file.services[1].warnQueue = 6     // B: 3/2 → 10/6 (raise max before warn)
        file.services[0].cutoffTime = "16:00"
        file.windows[0].name = "1号综合窗口"
        file.windows[2].services = ["C", "F"]
        file.windows.append(.init(number: 9, name: "9号窗口", services: ["F"]))
        file.clerks.append(.init(number: "3001", name: "钱进", role: .clerk, active: nil, windows: [9]))
        file.clerks[2].active = false                                        // 1003
        file.clerks[1].role = .supervisor                                    // 1002
        file.policy?.recallLimit = 3

        let before = try h.count("SELECT COUNT(*) FROM audit_entry")
        let dry = try h.store.configurationChanges(file)
        let text = dry.map(\.text)
        XCTAssertEqual(dry.count, 11, text.joined(separator: "\n"))
        for expected in ["新增业务 F（前缀F）出入境", "修改业务 B：最多3人 → 最多10人", "修改业务 A：取号不限–不限 → 取号不限–16:00",
                         "1 号窗口改名：1号窗口 → 1号综合窗口", "3 号窗口办理业务：C → C,F", "新增 9 号窗口", "新增工作人员 3001 钱进",
                         "工号 1003：停用", "工号 1002 的角色：窗口人员 → 大厅管理", "叫号规则：recall_limit 2 → 3"] {
            XCTAssertTrue(text.contains { $0.hasPrefix(expected) }, "\(expected) not in\n\(text.joined(separator: "\n"))")
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), before, "a dry run writes nothing")

        let (applied, pins) = try h.store.applyConfiguration(file, by: h.admin)
        XCTAssertEqual(applied, dry)
        XCTAssertEqual(pins.keys.sorted(), ["3001"])
        XCTAssertEqual(try h.store.configurationChanges(file), [], "applied whole")
        XCTAssertEqual(try h.store.hall().policy.recallLimit, 3)
        XCTAssertEqual(try h.store.staffSetups().first { $0.clerk.number == "3001" }?.windows, [9])
        XCTAssertGreaterThanOrEqual(try h.count("SELECT COUNT(*) FROM audit_entry") - before, 11, "every change audited")
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "3001", pin: pins["3001"]!, window: 9, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .pinChangeRequired("3001"), "the new 工号's PIN is one-time")
        }
    }

    /// A step the store refuses half-way (disabling a clerk who is signed in) rolls back the
    /// steps before it: the new service added first is not there afterwards.
    func testARefusedStepChangesNothingAndNamesTheStep() throws {
        let h = try TestHall()
        _ = try h.signIn(1)
        var file = try h.store.exportConfiguration()
        file.services.append(.init(code: "F", prefix: "F", name: "出入境", targetWaitMinutes: 25, maxQueue: 40, warnQueue: 8))
        file.clerks[0].active = false                                        // 1001, signed in at window 1
        let admin = try h.admin                                              // (its sign-in is audited)
        let before = try h.count("SELECT COUNT(*) FROM audit_entry")
        XCTAssertThrowsError(try h.store.applyConfiguration(file, by: admin)) { error in
            guard case .stepFailed(let step, _)? = error as? HallConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(step, "工号 1001：停用")
            XCTAssertTrue(error.localizedDescription.contains("没有做任何修改"), error.localizedDescription)
        }
        XCTAssertEqual(try h.store.serviceSetups().map(\.service.code), ["A", "B", "C"])
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), before, "nothing of the file was committed")
    }

    /// Wrong values are refused before anything is compared, each naming where.
    func testAWrongFileIsRefusedWithWhereAndWhy() throws {
        let h = try TestHall()
        let good = try h.store.exportConfiguration()
        func refusal(_ change: (inout HallConfiguration) -> Void) -> String {
            var f = good
            change(&f)
            do { _ = try h.store.applyConfiguration(f, by: try h.admin); return "applied" } catch { return error.localizedDescription }
        }
        XCTAssertTrue(refusal { $0.services[0].maxQueue = -1 }.contains("业务“社保医保”的 maxQueue -1 无效"))
        XCTAssertTrue(refusal { $0.timeZone = "Mars/Phobos" }.contains("timeZone 不能用 hall apply 修改"))
        XCTAssertTrue(refusal { $0.windows[0].services = ["A", "Z"] }.contains("1 号窗口的业务 Z 不存在"))
        XCTAssertTrue(refusal { $0.services[0].cutoffTime = "25:00" }.contains("业务 A 的 cutoffTime"))
        XCTAssertTrue(refusal { $0.clerks[0].windows = [42] }.contains("没有 42 号窗口"))
        XCTAssertTrue(refusal { $0.policy?.recallLimit = 99 }.contains("policy 的 recallLimit"))
        XCTAssertEqual(try h.store.exportConfiguration(), good)
    }

    func testOnlyAnAdminMayApply() throws {
        let h = try TestHall()
        var file = try h.store.exportConfiguration()
        file.windows[0].name = "改名"
        XCTAssertThrowsError(try h.store.applyConfiguration(file, by: h.supervisor)) {
            guard case .notPermitted? = $0 as? AdminError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try h.store.windowSetups().first?.name, "1号窗口")
    }
}
