import XCTest
@testable import HallCore

/// Issue 14, defects 1 and 3, on the pure model: the one-time notice names every problem of the
/// form beside the materials and never prints a wrong value as if right; unchecked materials stop
/// the decision instead of turning into "missing".
final class OneTimeNoticeTests: XCTestCase {
    let calendar = HallCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let day = Date(timeIntervalSince1970: 1_772_413_200)   // 2026-03-02 09:00 +08:00
    let fields = ["business.name", "business.creditCode", "business.legalRepresentative", "applicant.phone"].compactMap { FormField.standard[$0] }

    func testCorrectionNoticeListsInvalidAndMissingAnswersAndMarksTheInvalidValue() throws {
        let form = ["business.name": "某某商贸有限公司", "business.creditCode": "91110105MA01ABCOI3", "applicant.phone": "13800138000"]
        let problems = formProblems(fields, form, today: day, calendar: calendar)
        guard case .invalid(let codeMessage) = FieldValidation.check(fields[1], "91110105MA01ABCOI3", today: day, calendar: calendar) else {
            return XCTFail("the code should be invalid")
        }
        XCTAssertEqual(problems, [FormProblem(key: "business.creditCode", label: "统一社会信用代码", message: codeMessage),
                                  FormProblem(key: "business.legalRepresentative", label: "法定代表人（负责人）姓名",
                                              message: "请填写法定代表人（负责人）姓名")])
        let applicant = NoticeApplicant.from(form: form, name: "某某商贸有限公司", problems: problems)
        XCTAssertNil(applicant.creditCode)
        XCTAssertEqual(applicant.needsCorrection, ["统一社会信用代码"])
        XCTAssertEqual(applicant.phone, "13800138000")

        let c = NoticeContext(agency: "示范区政务服务中心", caseNumber: "YC202603020001", applicant: applicant,
                              matters: ["个体工商户变更登记"], appliedAt: day, issuedAt: day, calendar: calendar)
        let doc = NoticeBuilder.oneTimeCorrection(c, missing: [MaterialLine(name: "营业执照", originals: 1, copies: 0)], formProblems: problems)
        XCTAssertTrue(doc.fields.contains(DocumentField("统一社会信用代码", NoticeBuilder.invalidValueMark)), "\(doc.fields)")
        let text = doc.allText.joined(separator: "\n")
        XCTAssertFalse(text.contains("91110105MA01ABCOI3"), text)
        for expected in ["需补正的申请表内容（共2项）", codeMessage, "请填写法定代表人（负责人）姓名", "需补正的材料（共1项）", "营业执照",
                         "以上为需要补正的全部内容"] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }

        // A form with nothing wrong and a valid code: printed whole, as before.
        let fine = NoticeApplicant.from(form: ["business.creditCode": "91350100M000100Y43"], name: "某某", problems: [])
        XCTAssertEqual(fine.creditCode, "91350100M000100Y43")
        XCTAssertTrue(fine.needsCorrection.isEmpty)
    }

    func testUncheckedLinesStopAcceptanceAndCorrectionAndAreNamed() {
        let lines = [
            MaterialCheck(matterCode: "A", materialName: "居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                          isTolerable: false, electronicLicence: nil, state: .missing),
            MaterialCheck(matterCode: "A", materialName: "营业执照", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                          isTolerable: false, electronicLicence: nil),
            MaterialCheck(matterCode: "A", materialName: "租赁合同", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                          isTolerable: false, electronicLicence: nil),
            MaterialCheck(matterCode: "A", materialName: "其他说明材料", requiredOriginals: 1, requiredCopies: 0, isRequired: false,
                          isTolerable: false, electronicLicence: nil),
        ]
        XCTAssertEqual(MaterialRules.unchecked(lines).map(\.materialName), ["营业执照", "租赁合同"], "an optional line stays optional")
        for decision in [IntakeDecision.accept, .requestCorrection] {
            let why = IntakeDecisionRules.check(decision, status: .draft, checks: lines)
            XCTAssertEqual(why, "还有2项材料未核验：营业执照、租赁合同。请逐项核验（收齐、缺、容缺或免提交）后再作决定")
        }
        XCTAssertNil(IntakeDecisionRules.check(.refuse(reason: "不属于本机关职权范围", rightAgency: nil), status: .draft, checks: lines))

        var settled = lines
        settled[1].state = .received(originals: 1, copies: 0)
        settled[2].state = .missing
        XCTAssertNil(IntakeDecisionRules.check(.requestCorrection, status: .draft, checks: settled))
        // Materials complete but the form wrong: the notice is still the way to tell it.
        let complete = settled.map { l -> MaterialCheck in var l = l; l.state = .received(originals: 1, copies: 1); return l }
        XCTAssertNotNil(IntakeDecisionRules.check(.requestCorrection, status: .draft, checks: complete))
        XCTAssertNil(IntakeDecisionRules.check(.requestCorrection, status: .draft, checks: complete,
                                               formProblems: [FormProblem(key: "k", label: "名称", message: "请填写名称")]))
    }
}
