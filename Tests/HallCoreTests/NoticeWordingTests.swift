import XCTest
@testable import HallCore

/// Issue 14 defect 6: the wording of the notices.
final class NoticeWordingTests: XCTestCase {
    let calendar = HallCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let day = Date(timeIntervalSince1970: 1_772_413_200)   // 2026-03-02 09:00 +08:00

    func context(_ matters: [String], applicant: NoticeApplicant) -> NoticeContext {
        NoticeContext(agency: "示范区政务服务中心", caseNumber: "YC202603020001", applicant: applicant, matters: matters,
                      appliedAt: day, issuedAt: day, calendar: calendar)
    }

    func testAMatterNamedAnApplicationIsNotCalledAnApplicationTwice() {
        let c = context(["最低生活保障申请"], applicant: NoticeApplicant(name: "孙大爷"))
        let line = [MaterialLine(name: "居民户口簿", originals: 1, copies: 0)]
        for doc in [NoticeBuilder.oneTimeCorrection(c, missing: line), NoticeBuilder.materialsReceipt(c, received: line),
                    NoticeBuilder.acceptance(c, received: line, dueDayKey: nil, promisedWorkingDays: nil)] {
            let text = doc.allText.joined(separator: "\n")
            XCTAssertFalse(text.contains("申请申请"), text)
            XCTAssertTrue(text.contains("最低生活保障申请"), text)
        }
        let other = NoticeBuilder.oneTimeCorrection(context(["企业设立登记"], applicant: NoticeApplicant(name: "某公司")), missing: line)
        XCTAssertTrue(other.allText.joined().contains("提出的企业设立登记申请"))
    }

    func testTheLegalRepresentativeIsNamedAsSuchNotAsContact() {
        let form = ["business.name": "某某商贸有限公司", "business.legalRepresentative": "李四", "agent.name": "王五",
                    "applicant.phone": "13800138000"]
        let applicant = NoticeApplicant.from(form: form, name: "某某商贸有限公司", problems: [])
        let doc = NoticeBuilder.oneTimeCorrection(context(["企业变更登记"], applicant: applicant), missing: [])
        XCTAssertTrue(doc.fields.contains(DocumentField("法定代表人", "李四")), "\(doc.fields)")
        XCTAssertTrue(doc.fields.contains(DocumentField("代理人", "王五")), "\(doc.fields)")
        XCTAssertFalse(doc.fields.contains { $0.label == "联系人" }, "\(doc.fields)")
    }

    func testAnImmediateCaseGetsACompletionNoticeAndAReceiptAfterAcceptanceSaysSo() {
        let c = context(["社会保障卡申领"], applicant: NoticeApplicant(name: "张三"))
        let line = [MaterialLine(name: "申请人居民身份证", originals: 1, copies: 0)]
        let done = NoticeBuilder.completion(c, received: line)
        XCTAssertEqual(done.kind, .completion)
        XCTAssertEqual(done.title, "办结通知书")
        let text = done.allText.joined(separator: "\n")
        XCTAssertTrue(text.contains("本机关已予受理，并当场办结"), text)
        XCTAssertFalse(text.contains("承诺办结"), text)

        let before = NoticeBuilder.materialsReceipt(c, received: line).allText.joined()
        XCTAssertTrue(before.contains("不代表已受理"))
        let after = NoticeBuilder.materialsReceipt(c, received: line, acceptedAt: day, acceptanceNumber: "示范区政务〔2026〕3号").allText.joined()
        XCTAssertFalse(after.contains("不代表已受理"), after)
        XCTAssertTrue(after.contains("该申请已于2026年3月2日 09:00受理（示范区政务〔2026〕3号）"), after)
        XCTAssertFalse(DocumentKind.materialsReceipt.isNumbered)
    }
}
