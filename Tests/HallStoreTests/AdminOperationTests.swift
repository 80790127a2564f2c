import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Hall administration while the hall runs (issue 13, must-deliver 1 and 4): each change is done
/// by the role that may, audited with its old and new value, and sent to the centre.
final class AdminOperationTests: XCTestCase {
    func lastAudit(_ h: TestHall) throws -> (action: String, detail: String, clerk: String?) {
        try h.store.pool.read { db in
            let r = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT action, detail, clerk_number FROM audit_entry ORDER BY seq DESC LIMIT 1"))
            return (r["action"], r["detail"], r["clerk_number"])
        }
    }

    func lastChange(_ h: TestHall) throws -> AdminChange {
        let payload = try XCTUnwrap(h.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM outbox WHERE kind = 'reference.changed' ORDER BY seq DESC LIMIT 1")
        })
        return try JSONDecoder().decode(AdminChange.self, from: Data(payload.utf8))
    }

    /// `1 号窗口已由 李敏 登录` for every other clerk when 李敏's terminal died: the supervisor
    /// signs the window out, her serving ticket goes back to the front of the queue and her held
    /// one to another window.
    func testADeadTerminalsWindowIsSignedOutByTheSupervisor() throws {
        let h = try TestHall()
        for _ in 0..<4 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        let li = try h.signIn(1)
        _ = try h.store.callNext(window: 1, by: li)                       // A001
        try h.store.hold(window: 1, note: "取材料", by: li)
        XCTAssertEqual(try h.store.callNext(window: 1, by: li).number, "A002")
        // Her terminal dies. Nobody else can use window 1; a clerk cannot sign it out.
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: "1234", window: 1, terminal: "tty9")) {
            XCTAssertEqual($0.localizedDescription, "1 号窗口已由 李敏 登录")
        }
        XCTAssertThrowsError(try h.store.forceSignOut(window: 1, by: try h.staff("1002", pin: "1234"))) {
            XCTAssertEqual($0 as? AdminError, .notPermitted(.liveControl, role: .clerk))
        }
        let out = try h.store.forceSignOut(window: 1, serving: .queueFront, held: .window(3), by: try h.supervisor)
        XCTAssertEqual(out.clerkName, "李敏")
        XCTAssertEqual(out.moved.map(\.number), ["A002", "A001"])
        XCTAssertEqual(try lastChange(h).action, "window.forceSignOut")
        XCTAssertEqual(try lastChange(h).old, "李敏 登录")
        XCTAssertEqual(try lastAudit(h).clerk, "8001")

        // Another clerk takes window 1 and calls A002 first (the front), A001 waits at window 3.
        let wang = try h.signIn(1, clerk: "1002")
        XCTAssertEqual(try h.store.callNext(window: 1, by: wang).number, "A002")
        let zhang = try h.signIn(3)
        XCTAssertEqual(try h.store.callNext(window: 3, by: zhang).number, "A001")
        XCTAssertTrue(try h.store.ledgerChecks().allSatisfy(\.passed))
    }

    func testATemporaryWindowServesItsServicesUntilItsTime() throws {
        let h = try TestHall()
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "C", by: h.desk) }
        let noon = TestHall.start.addingTimeInterval(3 * 3600)                // 12:00
        try h.store.openTemporaryWindow(number: 8, services: ["C"], until: noon, by: try h.supervisor)
        let w = try XCTUnwrap(h.store.windowSetups().first { $0.number == 8 })
        XCTAssertTrue(w.isTemporary && w.isOpen)
        XCTAssertEqual(w.serviceCodes, ["C"])
        XCTAssertEqual(try lastAudit(h).action, "admin.window.temporary")
        let by = try h.signIn(8, clerk: "1002")
        XCTAssertEqual(try h.store.callNext(window: 8, by: by).number, "C001")
        try h.store.finish(window: 8, by: by)
        h.clock.advance(seconds: 3 * 3600 + 60)                                // 12:01
        XCTAssertThrowsError(try h.store.callNext(window: 8, by: by)) { XCTAssertEqual($0 as? AdminError, .windowClosed(8)) }
        XCTAssertFalse(try XCTUnwrap(h.store.windowSetups().first { $0.number == 8 }).isOpen)
        XCTAssertThrowsError(try h.store.openTemporaryWindow(number: 1, services: ["A"], until: nil, by: try h.supervisor)) {
            XCTAssertTrue($0.localizedDescription.contains("已有 1 号窗口"), $0.localizedDescription)
        }
    }

    /// The desk refuses after the cut-off with the reason; a suspended service for the day only.
    func testTicketCutOffAndSuspensionForTheDay() throws {
        let h = try TestHall()
        try h.store.editService("A", .hours(open: 8 * 60 + 30, cutoff: 16 * 60 + 30), by: try h.admin)
        XCTAssertEqual(try lastChange(h).old, "不限–不限")
        XCTAssertEqual(try lastChange(h).new, "08:30–16:30")
        XCTAssertEqual(try h.store.issueTicket(service: "A", by: h.desk).ticket.number, "A001")   // 09:00
        h.clock.advance(seconds: 7.5 * 3600 + 60)                             // 16:31
        XCTAssertThrowsError(try h.store.issueTicket(service: "A", by: h.desk)) {
            XCTAssertEqual($0 as? AdminError, .afterCutoff(service: "社保医保", time: "16:30"))
            XCTAssertEqual($0.localizedDescription, "“社保医保”今日取号已结束（截止 16:30），请明天再来或预约")
        }
        XCTAssertNoThrow(try h.store.issueTicket(service: "C", by: h.desk), "other services keep their own hours")

        try h.store.suspendServiceToday("B", true, by: try h.supervisor)
        XCTAssertThrowsError(try h.store.issueTicket(service: "B", by: h.desk)) { XCTAssertEqual($0 as? AdminError, .serviceSuspended("户籍证件")) }
        h.clock.advance(seconds: 16 * 3600)                                   // the next morning, 08:31
        XCTAssertNoThrow(try h.store.issueTicket(service: "B", by: h.desk), "suspended for one day only")
        XCTAssertNoThrow(try h.store.issueTicket(service: "A", by: h.desk), "after opening")
    }

    func testServicesAndWindowsAreChangedWithOldAndNewValuesAudited() throws {
        let h = try TestHall()
        let admin = try h.admin
        try h.store.editService("A", .maxQueue(80), by: admin)
        XCTAssertEqual(try lastAudit(h).detail, "修改最大排队人数：A 社保医保，原为“50”，改为“80”")
        try h.store.editService("A", .targetWait(minutes: 25), by: admin)
        XCTAssertEqual(try lastChange(h).services?.map(\.targetWaitMinutes), [25], "the centre gets the service as it now is")
        XCTAssertThrowsError(try h.store.editService("A", .maxQueue(-1), by: admin)) { XCTAssertTrue($0.localizedDescription.contains("1–100000")) }
        XCTAssertThrowsError(try h.store.editService("A", .prefix("B"), by: admin)) { XCTAssertTrue($0.localizedDescription.contains("已被其他业务使用")) }
        let f = try h.store.addService(code: "F", prefix: "F", name: "公积金", targetWaitMinutes: 15, maxQueue: 40, warnQueue: 8, by: admin)
        try h.store.addWindow(number: 9, name: "公积金窗口", services: ["F", "A"], by: admin)
        try h.store.setWindowServices(2, services: ["A", "B", "F"], by: admin)
        XCTAssertEqual(try lastChange(h).old, "B,A")
        XCTAssertEqual(try lastChange(h).new, "A,B,F")
        try h.store.renameWindow(3, to: "商事登记专窗", by: admin)
        XCTAssertEqual(try h.store.issueTicket(service: "F", by: h.desk).ticket.serviceId, f.id)
        let by = try h.signIn(9, clerk: "1002")
        XCTAssertEqual(try h.store.callNext(window: 9, by: by).number, "F001")
        XCTAssertEqual(try h.store.windows().first { $0.number == 3 }?.name, "商事登记专窗")
        XCTAssertTrue(try h.store.ledgerChecks().allSatisfy(\.passed))
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }

    /// A reset PIN is one-time: every sign-in is refused until it is changed.
    func testAResetPinMustBeChangedBeforeAnySignIn() throws {
        let h = try TestHall()
        let oneTime = try h.store.resetPIN("1002", by: try h.admin)
        XCTAssertEqual(oneTime.count, 6)
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: "1234", window: 2, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .wrongPIN(remaining: 4), "the old PIN is gone")
        }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: oneTime, window: 2, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .pinChangeRequired("1002"))
        }
        XCTAssertThrowsError(try h.store.authenticate(staff: "1002", pin: oneTime, for: .windowAction, terminal: "cli")) {
            XCTAssertEqual($0 as? AdminError, .pinChangeRequired("1002"))
        }
        XCTAssertThrowsError(try h.store.changeOwnPIN(staff: "1002", current: oneTime, new: "1111", terminal: "t")) {
            XCTAssertTrue($0.localizedDescription.contains("同一个数字"))
        }
        try h.store.changeOwnPIN(staff: "1002", current: oneTime, new: "4321", terminal: "t")
        XCTAssertEqual(try h.store.signIn(clerkNumber: "1002", pin: "4321", window: 2, terminal: "t").number, "1002")
        XCTAssertEqual(try lastAudit(h).action, "queue.signedIn")
        XCTAssertFalse(try h.store.pool.read { db in try String.fetchAll(db, sql: "SELECT detail FROM audit_entry") }.contains { $0.contains(oneTime) },
                       "the one-time PIN is never written in clear")
    }

    func testALockOutIsLiftedAndStaffAreDisabledNeverDeleted() throws {
        let h = try TestHall()
        for _ in 0..<5 { _ = try? h.store.signIn(clerkNumber: "1003", pin: "0000", window: 3, terminal: "t") }
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1003", pin: "1234", window: 3, terminal: "t")) {
            guard case .clerkLocked = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        try h.store.unlockStaff("1003", by: try h.admin)
        XCTAssertNoThrow(try h.store.signIn(clerkNumber: "1003", pin: "1234", window: nil, terminal: "t"))

        let admin = try h.admin
        let by = try h.signIn(3)
        XCTAssertThrowsError(try h.store.setStaffActive("1003", false, by: admin)) { XCTAssertTrue($0.localizedDescription.contains("强制退出")) }
        try h.store.signOut(window: 3, by: by)
        try h.store.setStaffActive("1003", false, by: admin)
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1003", pin: "1234", window: 3, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .staffDisabled("1003"))
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM clerk WHERE number = '1003'"), 1, "never deleted")
        XCTAssertThrowsError(try h.store.addStaff(number: "1003", name: "新人", role: .clerk, pin: "2468", by: admin)) {
            XCTAssertTrue($0.localizedDescription.contains("已存在"))
        }
        try h.store.setStaffActive("1003", true, by: admin)
        XCTAssertNoThrow(try h.store.signIn(clerkNumber: "1003", pin: "1234", window: 3, terminal: "t"))
    }

    func testRolesAndWindowPermissionsOfStaff() throws {
        let h = try TestHall()
        let admin = try h.admin
        let c = try h.store.addStaff(number: "1008", name: "赵磊", role: .clerk, pin: "2468", by: admin)
        XCTAssertEqual(c.role, .clerk)
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1008", pin: "2468", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .pinChangeRequired("1008"), "the admin's PIN for a new member is one-time too")
        }
        try h.store.changeOwnPIN(staff: "1008", current: "2468", new: "8642", terminal: "t")
        try h.store.setStaffWindows("1008", [2], by: admin)
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1008", pin: "8642", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .windowNotPermitted(clerk: "赵磊", window: 1))
        }
        XCTAssertNoThrow(try h.store.signIn(clerkNumber: "1008", pin: "8642", window: 2, terminal: "t"))
        try h.store.setStaffRole("1002", .guide, by: admin)
        XCTAssertEqual(try lastChange(h).new, "导服")
        XCTAssertThrowsError(try h.store.signIn(clerkNumber: "1002", pin: "1234", window: 1, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .notPermitted(.signInAtWindow, role: .guide))
        }
        XCTAssertThrowsError(try h.store.setStaffRole("9001", .clerk, by: admin)) { XCTAssertTrue($0.localizedDescription.contains("自己")) }
    }

    func testASupervisorMovesAClerkAndRecoversAHeldTicket() throws {
        let h = try TestHall()
        for _ in 0..<3 { _ = try h.store.issueTicket(service: "A", by: h.desk) }
        let li = try h.signIn(1)
        _ = try h.store.callNext(window: 1, by: li)
        try h.store.hold(window: 1, by: li)                                  // A001 held at 1
        _ = try h.store.callNext(window: 1, by: li)
        try h.store.hold(window: 1, by: li)                                  // A002 held at 1
        let sup = try h.supervisor
        try h.store.recoverHeld("a2", to: .queueFront, by: sup)
        XCTAssertEqual(try h.store.ticket(number: "A002").status, .waiting)
        try h.store.moveClerk(from: 1, to: 2, by: sup)
        XCTAssertEqual(try h.store.windowSnapshot(2).clerk?.number, "1001")
        XCTAssertEqual(try h.store.windowSnapshot(1).status, .signedOut)
        XCTAssertEqual(try h.store.callBack(window: 2, by: li).number, "A001", "her held ticket moved with her")
        try h.store.finish(window: 2, by: li)
        XCTAssertEqual(try h.store.callNext(window: 2, by: li).number, "A002", "the recovered ticket is at the front")
        let report = try h.store.report(fromDay: "2026-03-02", toDay: "2026-03-02").report
        XCTAssertNil(report.clerks[try XCTUnwrap(h.store.clerks().first { $0.number == "8001" }).id], "the sessions are hers, not the supervisor's")
    }
}
