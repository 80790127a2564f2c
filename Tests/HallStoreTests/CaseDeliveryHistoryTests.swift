import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

/// Issue 14, must-deliver 4 (delivery recorded at acceptance, stored, printed) and 6 (history with
/// old and new values, masked where personal, who and when), and the CLI's store pieces.
final class CaseDeliveryHistoryTests: XCTestCase {
    let matters = [CaseMatter(code: "GTGSH01", version: 1, name: "个体工商户设立登记", promisedWorkingDays: 3)]
    let checks = [MaterialCheck(matterCode: "GTGSH01", materialName: "居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                                isTolerable: false, electronicLicence: nil)]
    func plusDays(_ day: String, _ n: Int) throws -> String { "2026-03-05" }

    func acceptedCase(_ h: TestHall, _ by: Attribution, delivery: CaseDelivery?) throws -> (Case, NoticeRecord) {
        try h.store.importCatalog([DocumentStoreTests.matter], bundles: [], source: "test", by: .system("test"))
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: checks, by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 1), by: by)
        let (accepted, notice) = try h.store.decide(caseId: c.id, .accept, delivery: delivery, dueDate: plusDays, by: by)
        return (accepted, try XCTUnwrap(notice))
    }

    func testAcceptanceStoresTheDeliveryAndTheNoticePrintsIt() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let mail = try CaseDelivery(.mail, address: "北京市东城区示范路1号\u{1B}[31m")
        let (c, notice) = try acceptedCase(h, by, delivery: mail)
        XCTAssertEqual(c.delivery, mail)
        XCTAssertEqual(c.delivery?.address, "北京市东城区示范路1号", "the address is cleaned like a form value")
        XCTAssertEqual(try h.store.case(id: c.id).delivery?.label, "邮寄送达（北京市东城区示范路1号）")
        let text = try h.store.issueDocument(noticeId: notice.id, by: by).document.allText.joined(separator: "\n")
        XCTAssertTrue(text.contains("邮寄送达（北京市东城区示范路1号）"), text)
        // The address stays on the case: never in the log or the audit trail.
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM case_event WHERE detail LIKE '%示范路%'"), 0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE detail LIKE '%示范路%'"), 0)
    }

    func testAcceptanceWithoutAChoiceRecordsWindowPickupAndElectronicIsPrinted() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, _) = try acceptedCase(h, by, delivery: nil)
        XCTAssertEqual(c.delivery, try CaseDelivery(.windowPickup))
        let h2 = try TestHall()
        let by2 = try h2.signIn(1)
        let (e, notice) = try acceptedCase(h2, by2, delivery: try CaseDelivery(.electronic))
        XCTAssertEqual(e.delivery?.method, .electronic)
        XCTAssertTrue(try h2.store.issueDocument(noticeId: notice.id, by: by2).document.allText.contains("电子送达"))
    }

    func testMailWithoutAddressAndAnAddressForPickupAreRefused() throws {
        XCTAssertThrowsError(try CaseDelivery(.mail, address: "  ")) { XCTAssertTrue($0.localizedDescription.contains("邮寄送达须填写邮寄地址")) }
        XCTAssertThrowsError(try CaseDelivery(.windowPickup, address: "某地")) { XCTAssertTrue($0.localizedDescription.contains("只有邮寄送达")) }
        XCTAssertThrowsError(try CaseDelivery.method(named: "pigeon")) { XCTAssertTrue($0.localizedDescription.contains("无法识别")) }
        XCTAssertEqual(try CaseDelivery.method(named: "邮寄"), .mail)
    }

    func testHistoryShowsOldAndNewValuesMaskedWhereSensitiveWithWhoAndWhen() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: checks, by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        h.clock.advance(seconds: 60)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "李四", by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.idNumber", value: "11010519491231002X", by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.phone", value: "13800138000", by: by)
        try h.store.saveField(caseId: c.id, key: "business.name", value: "示范区第一纺织厂", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .missing, by: by)
        _ = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)

        let history = try h.store.caseHistory(caseId: c.id)
        let changes = history.map { "\($0.subject)|\($0.oldValue ?? "-")|\($0.newValue ?? "-")" }
        XCTAssertEqual(Array(changes.dropFirst()), [
            "申请人姓名||张**", "申请人姓名|张**|李*", "申请人身份证号码||110105********002X", "联系电话||138****8000",
            "名称（字号）||示范区第一纺织厂", "居民身份证：缺|未核验|缺",
            "一次性告知缺1项：居民身份证（原件1份，复印件1份）|受理中|待补正",
        ])
        XCTAssertEqual(history[2].at.timeIntervalSince(history[1].at), 60)
        XCTAssertTrue(history.allSatisfy { $0.clerkNumber == "1001" && $0.clerkName == "李敏" })
        // Nothing personal in full anywhere in the log, the outbox or the audit trail.
        for table in ["case_event", "outbox", "audit_entry"] {
            let rows = try h.store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") }
            let all = rows.map { $0.description }.joined()
            for secret in ["张三丰", "11010519491231002X", "13800138000"] { XCTAssertFalse(all.contains(secret), "\(table) holds \(secret)") }
        }
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }

    func testSeveralFieldsAreSavedTogetherOrNotAtAll() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: checks, by: by)
        XCTAssertThrowsError(try h.store.saveFields(caseId: c.id, [("applicant.name", "张三丰"), ("business.scope", String(repeating: "字", count: 201))], by: by))
        XCTAssertEqual(try h.store.case(id: c.id).form, [:])
        try h.store.saveFields(caseId: c.id, [("applicant.name", "张三丰"), ("applicant.phone", "13800138000")], by: by)
        XCTAssertEqual(try h.store.case(id: c.id).form, ["applicant.name": "张三丰", "applicant.phone": "13800138000"])
    }

    /// The CLI's rule, as at the console: a clerk works only at the window she is signed in at,
    /// on its cases; a supervisor on any; a guide on none.
    func testCaseWorkNeedsTheClerkSignedInAtTheCasesWindow() throws {
        let h = try TestHall()
        let one = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: checks, by: one)
        XCTAssertNoThrow(try h.store.checkCaseWork(caseId: c.id, window: nil, by: one))
        XCTAssertEqual(try h.store.caseId(number: c.caseNumber), c.id)
        let two = try h.signIn(2)
        XCTAssertThrowsError(try h.store.checkCaseWork(caseId: c.id, window: 2, by: two)) {
            XCTAssertTrue($0.localizedDescription.contains("在1号窗口受理，2号窗口不能办理"), $0.localizedDescription)
        }
        XCTAssertThrowsError(try h.store.checkCaseWork(caseId: c.id, window: nil, by: two))      // window 1 is 李敏's
        XCTAssertThrowsError(try h.store.checkCaseWork(caseId: nil, window: nil, by: two))       // which window?
        let notSignedIn = try h.staff("1003", pin: "1234")
        XCTAssertThrowsError(try h.store.checkCaseWork(caseId: nil, window: 3, by: notSignedIn))
        XCTAssertNoThrow(try h.store.checkCaseWork(caseId: c.id, window: nil, by: try h.supervisor))
        XCTAssertThrowsError(try h.store.checkCaseWork(caseId: c.id, window: nil, by: try h.staff("2001", pin: "2222")))
        XCTAssertThrowsError(try h.store.caseId(number: "YC000")) { XCTAssertTrue($0.localizedDescription.contains("没有办件编号为")) }
    }
}
