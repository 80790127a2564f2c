import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

final class RatingStoreTests: XCTestCase {
    let pad = Attribution.system("pad-1")

    func supervisor(_ h: TestHall) throws -> Clerk {
        try h.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
    }

    func testFinishInvitesAndOneRatingPerEvent() throws {
        let h = try TestHall()
        let inv = try h.finishedService()
        XCTAssertEqual(inv.clerkNumber, "1001")
        XCTAssertEqual(inv.serviceName, "社保医保")
        XCTAssertEqual(inv.ticketNumber, "A001")
        try h.store.rate(window: 1, eventId: inv.id, level: .verySatisfied, by: pad)
        XCTAssertNil(try h.store.pendingInvitation(window: 1))
        XCTAssertThrowsError(try h.store.rate(window: 1, eventId: inv.id, level: .veryDissatisfied, reasons: ["服务态度"], by: pad)) {
            XCTAssertTrue($0.localizedDescription.contains("只能评价一次"), $0.localizedDescription)
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating"), 1)
    }

    func testOtherWindowAndTimeoutRefused() throws {
        let h = try TestHall()
        let inv = try h.finishedService()
        XCTAssertNil(try h.store.pendingInvitation(window: 2))
        XCTAssertThrowsError(try h.store.rate(window: 2, eventId: inv.id, level: .satisfied, by: pad)) {
            XCTAssertTrue($0.localizedDescription.contains("不属于 2 号窗口"), $0.localizedDescription)
        }
        h.clock.advance(seconds: 61)
        XCTAssertNil(try h.store.pendingInvitation(window: 1))
        XCTAssertThrowsError(try h.store.rate(window: 1, eventId: inv.id, level: .satisfied, by: pad)) {
            XCTAssertTrue($0.localizedDescription.contains("超时"), $0.localizedDescription)
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating"), 0)
    }

    func testRatingRowsAreAppendOnly() throws {
        let h = try TestHall()
        let inv = try h.finishedService()
        try h.store.rate(window: 1, eventId: inv.id, level: .veryDissatisfied, reasons: ["服务态度", "等候时间"], by: pad)
        for sql in ["UPDATE rating SET level = 1", "DELETE FROM rating", "UPDATE rating_invitation SET window_number = 2",
                    "DELETE FROM rating_invitation", "DELETE FROM rectification_task"] {
            XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: sql) }, sql)
        }
        XCTAssertEqual(try h.count("SELECT level FROM rating"), 5)
    }

    func testBadRatingLoopWithDueDateAndIdentityByRole() throws {
        let h = try TestHall()
        try h.store.importCalendar([WorkCalendar.Day(date: "2026-04-05", isOffDay: true, name: "清明节")], years: [2026], source: "t", by: .system("t"))
        let inv = try h.finishedService()
        XCTAssertThrowsError(try h.store.rate(window: 1, eventId: inv.id, level: .veryDissatisfied, by: pad))   // a reason is needed
        try h.store.rate(window: 1, eventId: inv.id, level: .veryDissatisfied, reasons: ["服务态度", "等候时间", "不存在的原因"], text: "等了很久",
                         realName: RaterIdentity(name: "张三", phone: "13800138000"), by: pad)
        let boss = try supervisor(h)
        let clerk = Clerk(id: "x", number: "1002", name: "王芳", role: .clerk)
        XCTAssertNil(try h.store.rectificationTasks(reader: clerk).first?.rater)
        XCTAssertThrowsError(try h.store.rectify(taskId: "x", .appeal(reason: "r"), by: clerk, terminal: "t"))
        var task = try XCTUnwrap(h.store.rectificationTasks(reader: boss).first)
        XCTAssertEqual(task.rater?.name, "张三")
        XCTAssertEqual(task.reasons, ["服务态度", "等候时间"])
        XCTAssertEqual(task.dueDate, "2026-03-23")
        XCTAssertEqual(try h.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02").callbackShare, 0)
        try h.store.rectify(taskId: task.id, .callback(reached: true, note: "已联系"), by: boss, terminal: "dashboard")
        try h.store.rectify(taskId: task.id, .resolve(.fixedNow(note: "当面致歉")), by: boss, terminal: "dashboard")
        try h.store.rectify(taskId: task.id, .reportBack(note: "已告知"), by: boss, terminal: "dashboard")
        XCTAssertTrue(try h.store.rectificationTasks(reader: boss).isEmpty)
        task = try XCTUnwrap(h.store.rectificationTasks(reader: boss, includeClosed: true).first)
        XCTAssertEqual(task.state.status, .closed)
        XCTAssertEqual(task.history.count, 3)
        let s = try h.store.ratingSummary(fromDay: "2026-03-02", toDay: "2026-03-02")
        XCTAssertEqual(s.callbackShare, 1)
        XCTAssertEqual(s.tally.rate, 0)
        XCTAssertEqual(try h.store.badRatingsByReason(fromDay: "2026-03-02", toDay: "2026-03-02").map(\.reason), ["服务态度", "等候时间"])
        XCTAssertThrowsError(try h.store.pool.write { db in try db.execute(sql: "DELETE FROM rectification_event") })
    }

    func testReportsOverdueAndExport() throws {
        let h = try TestHall()    // no calendar: tasks open without a due date, never a guessed one
        let a = try h.finishedService()
        try h.store.rate(window: 1, eventId: a.id, level: .satisfied, by: pad)
        let inv2 = try h.finishedService()
        try h.store.rate(window: 1, eventId: inv2.id, level: .dissatisfied, reasons: ["办事效率"], text: "=cmd", by: pad)
        XCTAssertNil(try h.store.rectificationTasks(reader: supervisor(h)).first?.dueDate)
        let byWindow = try h.store.satisfaction(by: .window, fromDay: "2026-03-02", toDay: "2026-03-02")
        XCTAssertEqual(byWindow.first?.key, "1号窗口")
        XCTAssertEqual(byWindow.first?.tally.rate, 0.5)
        XCTAssertEqual(try h.store.satisfaction(by: .clerk, fromDay: "2026-03-02", toDay: "2026-03-02").first?.key, "1001")
        XCTAssertEqual(try h.store.satisfactionTotal(fromDay: "2026-03-01", toDay: "2026-03-31").total, try h.count("SELECT COUNT(*) FROM rating"))
        XCTAssertEqual(try h.store.satisfaction(by: .matter, fromDay: "2026-03-02", toDay: "2026-03-02").first?.key, "社保医保")
        var policy = RatingPolicy()
        policy.levelCodeReversed = true
        policy.divisionCode = "110105"
        try h.store.updateRatingPolicy(policy, by: h.admin)
        let rows = RatingExport.rows(try h.store.ratings(fromDay: "2026-03-02", toDay: "2026-03-02", reader: supervisor(h)),
                                     policy: try h.store.ratingPolicy(), timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        XCTAssertEqual(rows[0][6], "4")                    // 满意 with reversed codes
        XCTAssertEqual(rows[0][3], "20260302T090200")
        XCTAssertEqual(rows[1][2], "匿名")
        let csv = RatingExport.csv(rows)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}办件编号,评价渠道,评价人,评价时间"))
        XCTAssertTrue(csv.contains("原因：办事效率；=cmd"))
        XCTAssertTrue(RatingExport.json(rows).contains("\"levelCode\" : \"2\""))
    }

    func testDefaultRatingAfterDays() throws {
        let h = try TestHall()
        _ = try h.finishedService()
        var policy = RatingPolicy()
        policy.defaultLevel = .fairlySatisfied
        try h.store.updateRatingPolicy(policy, by: h.admin)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 0)
        h.clock.advance(seconds: 7 * 86_400 + 1)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 1)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating WHERE is_default = 1 AND level = 3"), 1)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 0)
    }

    /// An immediately completed case (即办件) invites its own rating, named by its matter; finishing
    /// the ticket afterwards does not invite a second one (一次一评).
    func testImmediateCaseInvitesOnceForItsTicket() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", priority: .normal, by: h.desk)
        let by = try h.signIn(1)
        let ticket = try h.store.callNext(window: 1, by: by)
        let matter = CaseMatter(code: "SWDJ01", version: 1, name: "税务信息确认", promisedWorkingDays: nil)
        let check = MaterialCheck(matterCode: "SWDJ01", materialName: "银行开户许可证", requiredOriginals: 0, requiredCopies: 1, isRequired: true,
                                  isTolerable: false, electronicLicence: nil)
        let c = try h.store.openCase(window: 1, ticketId: ticket.id, bundleCode: nil, matters: [matter], checks: [check], by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 0, copies: 1), by: by)
        try h.store.decide(caseId: c.id, .accept, dueDate: { d, _ in d }, by: by)
        let inv = try XCTUnwrap(h.store.pendingInvitation(window: 1))
        XCTAssertEqual(inv.subject, "税务信息确认")
        XCTAssertEqual(inv.caseNumber, c.caseNumber)
        _ = try h.store.finish(window: 1, by: by)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation"), 1)
        XCTAssertEqual(try h.store.pendingInvitation(window: 1)?.id, inv.id)
    }
}
