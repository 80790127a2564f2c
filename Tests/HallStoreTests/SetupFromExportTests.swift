import Foundation
import HallCore
import XCTest
@testable import HallStore

/// `init --setup` reads what `hall export` writes (issue 13, must-deliver 5): staff without a
/// PIN get a one-time PIN each, to be changed at the first sign-in, and the hours, disabled
/// 工号, window permissions and rules of the file are set up in the same transaction.
final class SetupFromExportTests: XCTestCase {
    func emptyStore() throws -> HallStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return try HallStore(path: dir.appendingPathComponent("hall.sqlite").path, clock: ManualClock(TestHall.start))
    }

    func testAnExportedFileSetsUpANewStoreThatExportsTheSame() throws {
        let h = try TestHall()
        try h.store.editService("A", .hours(open: 8 * 60 + 30, cutoff: 16 * 60), by: h.admin)
        try h.store.setStaffWindows("1001", [1], by: h.admin)
        try h.store.setStaffActive("1003", false, by: h.admin)
        var policy = try h.store.hall().policy
        policy.recallLimit = 4
        try h.store.updatePolicy(policy, by: h.admin)
        var rating = try h.store.ratingPolicy()
        try rating.set("rating_fix_days", to: "9")
        try h.store.updateRatingPolicy(rating, by: h.admin)
        let exported = try h.store.exportConfiguration()

        // Through the file's JSON, as `init --setup` reads it (the old decoder wanted a "pin").
        var setup = try JSONDecoder().decode(HallSetup.self, from: JSONEncoder().encode(exported))
        setup.pinRounds = 1000
        let store = try emptyStore()
        let pins = try store.setUp(setup, by: .system("test"))
        XCTAssertEqual(Set(pins.keys), Set(exported.clerks.map(\.number)))
        XCTAssertTrue(pins.values.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isNumber) })
        XCTAssertEqual(try store.exportConfiguration(), exported)
        XCTAssertTrue(try store.staffSetups().allSatisfy(\.mustChangePIN))
        XCTAssertThrowsError(try store.signIn(clerkNumber: "1002", pin: pins["1002"]!, window: 2, terminal: "t")) {
            XCTAssertTrue($0.localizedDescription.contains("一次性密码"), $0.localizedDescription)
        }
        XCTAssertTrue(try store.verify().audit.isIntact)
    }

    func testAGivenPINIsStillCheckedAndTheFilesOtherValuesToo() throws {
        var setup = try JSONDecoder().decode(HallSetup.self, from: JSONEncoder().encode(try TestHall().store.exportConfiguration()))
        setup.pinRounds = 1000
        let cases: [(String, (inout HallSetup) -> Void, String)] = [
            ("empty PIN", { $0.clerks[0].pin = "" }, "的密码无效：应为 4–12 位数字（为空）"),
            ("cut-off", { $0.services[0].cutoffTime = "25:00" }, "业务 A 的 cutoffTime“25:00”不是 时:分"),
            ("hours", { $0.services[0].openTime = "17:00"; $0.services[0].cutoffTime = "09:00" }, "业务 A 的取号截止时间应晚于开始时间"),
            ("window", { $0.clerks[0].windows = [42] }, "的 windows：没有 42 号窗口"),
            ("policy", { $0.policy?.recallLimit = 99 }, "policy 的 recallLimit：99 应为 0–10"),
        ]
        for (what, change, expected) in cases {
            var bad = setup
            change(&bad)
            let store = try emptyStore()
            XCTAssertThrowsError(try store.setUp(bad, by: .system("test")), what) {
                XCTAssertTrue($0.localizedDescription.contains(expected), "\(what): \($0.localizedDescription)")
            }
            XCTAssertThrowsError(try store.hall(), "\(what): nothing written")
        }
    }
}
