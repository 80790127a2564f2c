import Foundation
import GRDB
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 13 on the real binary: `hall export|apply`, and the PINs that `report`, `ratings`,
/// `import` and `restore` now ask for (before them, anyone who could run the binary could read
/// every clerk's figures, import a catalog or replace the whole store).
final class HallConfigCLITests: XCTestCase {
    func result(_ hall: MultiProcessHall, _ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let c = try hall.runner.spawn(args + ["--store", hall.storePath], env: env)
        XCTAssertTrue(hall.runner.wait(c, limit: 120), "\(args) hung")
        return (c.process.terminationStatus, c.stdout(), c.stderr())
    }

    func testExportEditDryRunApplyAndAWrongFile() throws {
        let hall = try MultiProcessHall(windows: 2)
        XCTAssertTrue(try result(hall, ["hall", "export"], env: MultiProcessHall.clerk(1)).err.contains("窗口人员无权"))
        let exported = try result(hall, ["hall", "export"], env: MultiProcessHall.admin)
        XCTAssertEqual(exported.status, 0, exported.err)
        XCTAssertFalse(exported.out.contains("\"pin\"") || exported.out.contains("pbkdf2"), "no PIN or hash in the file")

        var file = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(exported.out.utf8)) as? [String: Any])
        var windows = try XCTUnwrap(file["windows"] as? [[String: Any]])
        windows[0]["name"] = "1号综合窗口"
        windows.append(["number": 5, "name": "5号窗口", "services": ["A"]])
        file["windows"] = windows
        let path = hall.dir.appendingPathComponent("hall-config.json").path
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))

        let dry = try result(hall, ["hall", "apply", path, "--dry-run"], env: MultiProcessHall.admin)
        XCTAssertEqual(dry.status, 0, dry.err)
        XCTAssertTrue(dry.out.contains("1 号窗口改名：") && dry.out.contains("新增 5 号窗口 5号窗口：业务 A"), dry.out)
        XCTAssertTrue(dry.out.contains("试运行：共 2 项差异，没有做任何修改"), dry.out)
        XCTAssertEqual(try hall.openStore().windowSetups().count, 2, "the dry run changed nothing")

        let applied = try result(hall, ["hall", "apply", path], env: MultiProcessHall.admin)
        XCTAssertEqual(applied.status, 0, applied.err)
        XCTAssertTrue(applied.out.contains("已应用 2 项修改"), applied.out)
        let names = try hall.openStore().windowSetups().map(\.name)
        XCTAssertEqual(names.count, 3); XCTAssertEqual(names.first, "1号综合窗口"); XCTAssertEqual(names.last, "5号窗口")

        // A wrong file: told in Chinese what and where, and nothing changes.
        var services = try XCTUnwrap(file["services"] as? [[String: Any]])
        services[0]["maxQueue"] = -1
        file["services"] = services
        windows.append(["number": 6, "name": "6号窗口", "services": ["A"]])
        file["windows"] = windows
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))
        let wrong = try result(hall, ["hall", "apply", path], env: MultiProcessHall.admin)
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.err.contains("maxQueue -1 无效") && wrong.err.contains("没有做任何修改"), wrong.err)
        try "{\"name\": 3}".write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try result(hall, ["hall", "apply", path], env: MultiProcessHall.admin)
        XCTAssertTrue(broken.err.contains("name 的类型不对"), broken.err)
        XCTAssertEqual(try hall.openStore().windowSetups().count, 3)
    }

    func testReportsImportAndRestoreAskForTheRightRole() throws {
        let hall = try MultiProcessHall(windows: 1)
        for args in [["report"], ["ratings", "report"], ["ratings", "export"]] {
            XCTAssertTrue(try result(hall, args).err.contains("YICHUANG_STAFF"), "\(args) without credentials")
            XCTAssertTrue(try result(hall, args, env: MultiProcessHall.clerk(1)).err.contains("窗口人员无权查看和导出报表"), "\(args)")
            XCTAssertEqual(try result(hall, args, env: MultiProcessHall.admin).status, 0, "\(args)")
        }

        let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/data/catalog.json").path
        let byClerk = try result(hall, ["import", "catalog", catalog], env: MultiProcessHall.clerk(1))
        XCTAssertTrue(byClerk.err.contains("窗口人员无权导入事项目录和工作日历"), byClerk.err)
        let matters = { try hall.openStore().pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM matter") ?? 0 } }
        let before = try matters()
        let byAdmin = try result(hall, ["import", "catalog", catalog], env: MultiProcessHall.admin)
        XCTAssertEqual(byAdmin.status, 0, byAdmin.err)
        XCTAssertGreaterThanOrEqual(try matters(), before)

        // A clerk cannot replace the store with an old copy (and so undo a day of tickets).
        let copy = hall.dir.appendingPathComponent("copy.sqlite").path
        XCTAssertEqual(try result(hall, ["backup", "--out", copy]).status, 0)
        _ = try hall.issueTickets(3)
        let restore = try result(hall, ["restore", copy], env: MultiProcessHall.clerk(1))
        XCTAssertTrue(restore.err.contains("窗口人员无权用备份恢复数据库"), restore.err)
        XCTAssertEqual(try hall.openStore().pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }, 3, "not restored")
        XCTAssertEqual(try result(hall, ["restore", copy], env: MultiProcessHall.admin).status, 0)
        XCTAssertEqual(try hall.openStore().pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }, 0, "restored by the admin")
    }
}
