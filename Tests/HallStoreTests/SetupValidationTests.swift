import Foundation
import HallCore
import XCTest
@testable import HallStore

/// `init` is one transaction after every value is checked (issue 13, must-deliver 5): each bad
/// value is refused with a Chinese reason naming it, and the store is left empty, so the same
/// store then takes a good description.
final class SetupValidationTests: XCTestCase {
    func emptyStore() throws -> HallStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return try HallStore(path: dir.appendingPathComponent("hall.sqlite").path, clock: ManualClock(TestHall.start))
    }

    func testEveryBadValueIsRefusedWithItsReasonAndNothingIsWritten() throws {
        let cases: [(String, (inout HallSetup) -> Void, String)] = [
            ("time zone", { $0.timeZone = "Mars/Phobos" }, "时区“Mars/Phobos”无效"),
            ("opening hour", { $0.openingHour = 99 }, "openingHour 99 无效"),
            ("max queue", { $0.services[0].maxQueue = -1 }, "maxQueue -1 无效"),
            ("warn queue", { $0.services[0].warnQueue = 0 }, "warnQueue 0 无效"),
            ("window number", { $0.windows[0].number = -3 }, "窗口号 -3 无效"),
            ("pin rounds 0", { $0.pinRounds = 0 }, "pinRounds 0 无效"),
            ("pin rounds -5", { $0.pinRounds = -5 }, "pinRounds -5 无效"),
            ("pin rounds 1", { $0.pinRounds = 1 }, "pinRounds 1 无效"),
            ("empty PIN", { $0.clerks[0].pin = "" }, "工号 1001 的密码无效：应为 4–12 位数字（为空）"),
            ("appointment codes", { $0.appointments = [$0.appointments![0], $0.appointments![0]] }, "预约码 100001 重复"),
            ("prefix", { $0.services[1].prefix = "a" }, "号票前缀 a 重复"),
            ("window service", { $0.windows[2].services = ["Z"] }, "3 号窗口的业务 Z 不存在"),
        ]
        let store = try emptyStore()
        for (name, spoil, reason) in cases {
            var setup = TestHall.setup
            setup.pinRounds = nil
            spoil(&setup)
            XCTAssertThrowsError(try store.setUp(setup, by: .system("test")), name) {
                XCTAssertTrue($0.localizedDescription.hasPrefix("大厅描述有误："), "\(name): \($0.localizedDescription)")
                XCTAssertTrue($0.localizedDescription.contains(reason), "\(name): \($0.localizedDescription)")
            }
            XCTAssertFalse(try store.isInitialized(), "\(name): a refused description leaves no hall behind")
        }
        try store.setUp(TestHall.setup, by: .system("test"))
        XCTAssertEqual(try store.services().count, 3)
        XCTAssertThrowsError(try store.setUp(TestHall.setup, by: .system("test"))) {
            XCTAssertEqual($0.localizedDescription, "该数据库已有大厅，不能重复初始化")
        }
    }
}
