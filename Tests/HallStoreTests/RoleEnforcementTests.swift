import Foundation
import HallCore
import XCTest
@testable import HallStore

/// The role matrix as the store enforces it: every store action that changes the hall, tried by
/// each of the six roles on a fresh hall, is done exactly when `RoleMatrix` allows it, and
/// refused with `AdminError.notPermitted` otherwise (issue 13, must-deliver 3).
final class RoleEnforcementTests: XCTestCase {
    /// Who acts for a role: a member of staff of that role (TestHall's 1001, 2001, 8001, 9001),
    /// or an unattended device.
    func actor(_ role: HallRole, in h: TestHall) throws -> Attribution {
        switch role {
        case .clerk: return try h.staff("1001", pin: "1234")
        case .guide: return try h.staff("2001", pin: "2222")
        case .supervisor: return try h.supervisor
        case .admin: return try h.admin
        case .ratingPad: return .device(.ratingPad, terminal: "pad1")
        case .station: return .system("kiosk")
        }
    }

    /// One store action per permission the store enforces.
    static var actions: [(String, Permission, (TestHall, Attribution) throws -> Void)] { [
        ("config pin_attempts 20", .changeRules, { h, by in
            var p = try h.store.hall().policy; p.pinMaxAttempts = 20; try h.store.updatePolicy(p, by: by) }),
        ("config rating_default_level 非常满意", .changeRules, { h, by in
            var p = try h.store.ratingPolicy(); p.defaultLevel = .verySatisfied; try h.store.updateRatingPolicy(p, by: by) }),
        ("service add", .manageServices, { h, by in
            try h.store.addService(code: "F", prefix: "F", name: "公积金", targetWaitMinutes: 20, maxQueue: 50, warnQueue: 10, by: by) }),
        ("service hours", .manageServices, { h, by in try h.store.editService("A", .hours(open: 8 * 60, cutoff: 16 * 60), by: by) }),
        ("windows add", .manageWindows, { h, by in try h.store.addWindow(number: 9, name: "9号窗口", services: ["A"], by: by) }),
        ("windows services", .manageWindows, { h, by in try h.store.setWindowServices(3, services: ["C", "A"], by: by) }),
        ("staff reset-pin", .manageStaff, { h, by in _ = try h.store.resetPIN("1002", by: by) }),
        ("staff disable", .manageStaff, { h, by in try h.store.setStaffActive("1003", false, by: by) }),
        ("windows temporary", .liveControl, { h, by in try h.store.openTemporaryWindow(number: 8, services: ["A"], until: nil, by: by) }),
        ("windows close", .liveControl, { h, by in try h.store.setWindowOpen(3, false, by: by) }),
        ("service suspend", .liveControl, { h, by in try h.store.suspendServiceToday("B", true, by: by) }),
        ("close-day", .closeDay, { h, by in try h.store.closeDay(by: by) }),
    ] }

    func testEveryCellOfEveryStoreActionFollowsTheMatrix() throws {
        for (name, permission, action) in Self.actions {
            for role in HallRole.allCases {
                let h = try TestHall()
                let by = try actor(role, in: h)
                let result = Result { try action(h, by) }
                if RoleMatrix.allows(role, permission) {
                    XCTAssertNoThrow(try result.get(), "\(name) by \(role) should be done")
                } else {
                    XCTAssertThrowsError(try result.get(), "\(name) by \(role) was done (old code: anyone)") {
                        XCTAssertEqual($0 as? AdminError, .notPermitted(permission, role: role), "\(name) by \(role)")
                    }
                }
            }
        }
    }

    /// Signing in at a window: the staff roles the matrix allows; a guide is refused.
    func testSignInAtAWindowFollowsTheMatrix() throws {
        for (number, pin, role) in [("1001", "1234", HallRole.clerk), ("2001", "2222", .guide), ("8001", "8888", .supervisor), ("9001", "9999", .admin)] {
            let h = try TestHall()
            let result = Result { try h.store.signIn(clerkNumber: number, pin: pin, window: 2, terminal: "t") }
            if RoleMatrix.allows(role, .signInAtWindow) {
                XCTAssertNoThrow(try result.get(), "\(role)")
            } else {
                XCTAssertThrowsError(try result.get()) { XCTAssertEqual($0 as? AdminError, .notPermitted(.signInAtWindow, role: role)) }
            }
        }
    }

    /// A window action counts only for the clerk signed in at that window: another clerk, a
    /// supervisor, an admin, the pad and the node itself are all refused (the old code let any
    /// caller without a clerk act, which is what every CLI call was).
    func testOnlyTheClerkSignedInAtTheWindowMayActThere() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let own = try h.signIn(1)
        let others: [(String, Attribution)] = [
            ("clerk 1002", try h.staff("1002", pin: "1234")), ("guide", try h.staff("2001", pin: "2222")),
            ("supervisor", try h.supervisor), ("admin", try h.admin),
            ("pad", .device(.ratingPad, terminal: "pad1")), ("station", .system("cli:e2e")),
        ]
        for (who, by) in others {
            XCTAssertThrowsError(try h.store.callNext(window: 1, by: by), who) {
                XCTAssertEqual($0 as? AdminError, .notSignedInHere(window: 1, clerk: "李敏"), who)
                XCTAssertEqual($0.localizedDescription, "1 号窗口由 李敏 登录：只有该窗口登录的工作人员本人可以操作")
            }
        }
        XCTAssertEqual(try h.store.callNext(window: 1, by: own).number, "A001")
        for (who, by) in others {
            XCTAssertThrowsError(try h.store.finish(window: 1, by: by), who)
        }
        XCTAssertEqual(try h.store.finish(window: 1, by: own).status, .finished)
    }

    /// The CLI's check of a 工号 and PIN: a wrong PIN counts towards the lock-out, a role the
    /// matrix does not allow is refused, and a right PIN writes nothing.
    func testAuthenticateChecksThePinTheRoleAndWritesNothingOnSuccess() throws {
        let h = try TestHall()
        let before = try h.count("SELECT COUNT(*) FROM audit_entry")
        let by = try h.store.authenticate(staff: "9001", pin: "9999", for: .changeRules, terminal: "cli")
        XCTAssertEqual(by.clerkNumber, "9001")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), before, "a right PIN is not a write")
        XCTAssertThrowsError(try h.store.authenticate(staff: "1001", pin: "1234", for: .changeRules, terminal: "cli")) {
            XCTAssertEqual($0 as? AdminError, .notPermitted(.changeRules, role: .clerk))
            XCTAssertEqual($0.localizedDescription, "窗口人员无权修改大厅规则：需要 系统管理员 的工号和密码")
        }
        XCTAssertThrowsError(try h.store.authenticate(staff: "9001", pin: "0000", for: .changeRules, terminal: "cli")) {
            XCTAssertEqual($0 as? StoreError, .wrongPIN(remaining: 4))
        }
        XCTAssertEqual(try h.count("SELECT failed_attempts FROM clerk WHERE number = '9001'"), 1)
        _ = try h.store.authenticate(staff: "9001", pin: "9999", for: .changeRules, terminal: "cli")
        XCTAssertEqual(try h.count("SELECT failed_attempts FROM clerk WHERE number = '9001'"), 0, "a right PIN clears earlier failures")
    }
}
