import XCTest
import GRDB
import HallCore
@testable import HallStore

final class CaseTests: XCTestCase {
    let matters = [CaseMatter(code: "GTGSH01", version: 1, name: "个体工商户设立登记", promisedWorkingDays: 3),
                   CaseMatter(code: "SWDJ01", version: 1, name: "税务信息确认", promisedWorkingDays: nil)]
    let checks = [
        MaterialCheck(matterCode: "GTGSH01", materialName: "居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                      isTolerable: false, electronicLicence: "居民身份证电子证照"),
        MaterialCheck(matterCode: "GTGSH01", materialName: "经营场所使用证明", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                      isTolerable: true, electronicLicence: nil),
        MaterialCheck(matterCode: "SWDJ01", materialName: "银行开户许可证", requiredOriginals: 0, requiredCopies: 1, isRequired: true,
                      isTolerable: false, electronicLicence: nil),
    ]
    /// A stand-in calendar for the store's own tests: the calendar itself is tested in HallCore.
    func plusDays(_ day: String, _ n: Int) throws -> String { "\(day)+\(n)" }

    func testCorrectionThenReturnThenAcceptance() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: "KBQY", matters: matters, checks: checks, by: by)
        XCTAssertEqual(c.caseNumber, "YC202603020001")
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.idNumber", value: "１１０１０５１９４９１２３１００２ｘ", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 1), by: by)
        XCTAssertThrowsError(try h.store.decide(caseId: c.id, .accept, dueDate: plusDays, by: by))
        XCTAssertThrowsError(try h.store.setMaterial(caseId: c.id, index: 2, state: .toleratedWithCommitment, by: by))
        // Lines never looked at are not "missing": the notice waits until each is settled.
        XCTAssertThrowsError(try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)) {
            XCTAssertTrue($0.localizedDescription.contains("还有2项材料未核验：经营场所使用证明、银行开户许可证"), $0.localizedDescription)
        }
        for i in [1, 2] { try h.store.setMaterial(caseId: c.id, index: i, state: .missing, by: by) }

        let (waiting, notice) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)
        XCTAssertEqual(waiting.status, .awaitingCorrection)
        XCTAssertEqual(notice?.kind, .oneTimeCorrection)
        XCTAssertEqual(notice?.lines, ["经营场所使用证明（原件1份，复印件0份）", "银行开户许可证（原件0份，复印件1份）"])

        // The applicant returns: everything typed and ticked is still there.
        let back = try h.store.resumeCase(caseId: c.id, by: by)
        XCTAssertEqual(back.form["applicant.name"], "张三丰")
        XCTAssertEqual(back.missing.map(\.materialName), ["经营场所使用证明", "银行开户许可证"])
        try h.store.setMaterial(caseId: c.id, index: 1, state: .toleratedWithCommitment, by: by)
        try h.store.setMaterial(caseId: c.id, index: 2, state: .received(originals: 0, copies: 1), by: by)
        let (accepted, receipt) = try h.store.decide(caseId: c.id, .accept, dueDate: plusDays, by: by)
        XCTAssertEqual(accepted.status, .accepted)
        XCTAssertEqual(accepted.dueDate, "2026-03-02+3")
        XCTAssertEqual(receipt?.kind, .acceptance)
        XCTAssertEqual(accepted.events.map(\.kind), [.opened, .fieldSaved, .fieldSaved, .materialChecked, .materialChecked, .materialChecked, .correctionRequested,
                                                     .resumed, .materialChecked, .materialChecked, .accepted])
        XCTAssertThrowsError(try h.store.saveField(caseId: c.id, key: "applicant.name", value: "李四", by: by))

        // Found by number, by name and by ID number; the ID is shown masked.
        for q in [c.caseNumber, "张三丰", "11010519491231002x"] {
            let rows = try h.store.cases(matching: q)
            XCTAssertEqual(rows.map(\.id), [c.id], q)
            XCTAssertEqual(rows.first?.applicantIdMasked, "110105********002X")
        }
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }

    /// Issue 14 defect 1: the one-time notice tells every problem of the form as well as the
    /// materials, and never prints a value known to be invalid as if it were valid.
    func testCorrectionNoticeListsInvalidAndMissingFormAnswersAndNeverPrintsTheInvalidValue() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let matter = Matter(
            name: "个体工商户变更登记", basicCode: "0002", implementationCode: "GTGSH02", type: .licensing,
            legalBasis: "《促进个体工商户发展条例》第八条", level: "县级", implementingBody: "区市场监督管理局",
            implementingBodyCreditCode: "11110000000000000X", statutoryLimit: TimeLimit(15), promisedLimit: TimeLimit(3),
            caseType: .promised, acceptanceConditions: "", procedure: "", fee: .init(charged: false), serviceObject: .person,
            place: "", hours: "", enquiryPhone: "0000-12345678", complaintPhone: "12345",
            materials: [MaterialRequirement(name: "营业执照", originals: 1)],
            formFields: ["business.name", "business.creditCode", "business.legalRepresentative", "applicant.phone"].compactMap { FormField.standard[$0] })
        try h.store.importCatalog([matter], bundles: [], source: "test", by: .system("test"))
        let check = MaterialCheck(matterCode: "GTGSH02", materialName: "营业执照", requiredOriginals: 1, requiredCopies: 0,
                                  isRequired: true, isTolerable: false, electronicLicence: nil)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                     matters: [CaseMatter(code: "GTGSH02", version: 1, name: matter.name, promisedWorkingDays: 3)],
                                     checks: [check], by: by)
        try h.store.saveField(caseId: c.id, key: "business.name", value: "示范区某某商店", by: by)
        try h.store.saveField(caseId: c.id, key: "business.creditCode", value: "91110105MA01ABCOI3", by: by)   // O at 16: invalid
        try h.store.saveField(caseId: c.id, key: "applicant.phone", value: "13800138000", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .missing, by: by)
        let (_, notice) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)
        let n = try XCTUnwrap(notice)
        guard case .invalid(let codeMessage) = FieldValidation.check(FormField.standard["business.creditCode"]!, "91110105MA01ABCOI3",
                                                                     today: h.clock.now()) else { return XCTFail("the code should be invalid") }
        XCTAssertEqual(n.formProblems, [FormProblem(key: "business.creditCode", label: "统一社会信用代码", message: codeMessage),
                                        FormProblem(key: "business.legalRepresentative", label: "法定代表人（负责人）姓名",
                                                    message: "请填写法定代表人（负责人）姓名")])
        XCTAssertEqual(n.lines, ["营业执照（原件1份，复印件0份）"])

        let doc = try h.store.issueDocument(noticeId: n.id, by: by).document
        let text = doc.allText.joined(separator: "\n")
        for expected in [codeMessage, "请填写法定代表人（负责人）姓名", "营业执照", "需补正的申请表内容（共2项）", "需补正的材料（共1项）"] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }
        XCTAssertFalse(text.contains("91110105MA01ABCOI3"), "the invalid code is never printed as if valid:\n\(text)")
        XCTAssertTrue(doc.fields.contains(DocumentField("统一社会信用代码", NoticeBuilder.invalidValueMark)), "\(doc.fields)")
        let event = try XCTUnwrap(h.store.case(id: c.id).events.last)
        XCTAssertTrue(event.detail.contains("申请表待补正2处：统一社会信用代码、法定代表人（负责人）姓名"), event.detail)
        XCTAssertFalse(event.detail.contains("91110105MA01ABCOI3"), "the log names fields, never their content")
    }

    func testImmediateCaseCompletesAndMissingCalendarChangesNothing() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let quick = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [matters[1]], checks: [checks[2]], by: by)
        try h.store.setMaterial(caseId: quick.id, index: 0, state: .received(originals: 0, copies: 1), by: by)
        XCTAssertEqual(try h.store.decide(caseId: quick.id, .accept, dueDate: plusDays, by: by).0.status, .completed)

        let promised = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [matters[0]], checks: [checks[1]], by: by)
        try h.store.setMaterial(caseId: promised.id, index: 0, state: .toleratedWithCommitment, by: by)
        struct NoCalendar: LocalizedError { var errorDescription: String? { "2027年的节假日安排尚未发布" } }
        XCTAssertThrowsError(try h.store.decide(caseId: promised.id, .accept, dueDate: { _, _ in throw NoCalendar() }, by: by)) {
            XCTAssertTrue($0.localizedDescription.contains("2027年"))
        }
        XCTAssertEqual(try h.store.case(id: promised.id).status, .draft)

        let refused = try h.store.decide(caseId: promised.id, .refuse(reason: "不属于本机关职权范围", rightAgency: "区市场监督管理局"), dueDate: plusDays, by: by)
        XCTAssertEqual(refused.0.status, .refused)
        XCTAssertEqual(refused.1?.lines.last, refusalRemedies)
        XCTAssertEqual(try h.store.caseDeadlines(today: "2026-03-02").overdue, 0)
    }
}
