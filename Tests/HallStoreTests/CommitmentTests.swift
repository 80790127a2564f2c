import XCTest
import HallCore
@testable import HallStore

/// Issue 14, must-deliver 3: 容缺受理 done properly. The applicant signs a 告知承诺书 that lists each
/// tolerated material and its deadline; the deadline is kept on the case; past it, the case is
/// flagged until the material is handed in.
final class CommitmentTests: XCTestCase {
    let matters = [CaseMatter(code: "GTGSH01", version: 1, name: "个体工商户设立登记", promisedWorkingDays: 3)]
    func checks() -> [MaterialCheck] {
        var premises = MaterialCheck(matterCode: "GTGSH01", materialName: "经营场所使用证明", requiredOriginals: 1, requiredCopies: 0,
                                     isRequired: true, isTolerable: true, electronicLicence: nil)
        premises.commitmentWorkingDays = 2   // the catalog's own period
        return [
            MaterialCheck(matterCode: "GTGSH01", materialName: "经营者居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                          isTolerable: false, electronicLicence: nil),
            premises,
            MaterialCheck(matterCode: "GTGSH01", materialName: "从业人员名单", requiredOriginals: 0, requiredCopies: 1, isRequired: true,
                          isTolerable: true, electronicLicence: nil),
        ]
    }
    /// A stand-in for the official calendar (tested in HallCore): 2026-03-02 plus n days, n < 8.
    func plusDays(_ day: String, _ n: Int) throws -> String { "2026-03-0\(Int(day.suffix(1))! + n)" }

    func acceptedUnderCommitment(_ h: TestHall, _ by: Attribution) throws -> (Case, NoticeRecord) {
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: checks(), by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 1), by: by)
        try h.store.setMaterial(caseId: c.id, index: 1, state: .toleratedWithCommitment, by: by)
        try h.store.setMaterial(caseId: c.id, index: 2, state: .toleratedWithCommitment, by: by)
        let (accepted, notice) = try h.store.decide(caseId: c.id, .accept, dueDate: plusDays, by: by)
        XCTAssertEqual(notice?.kind, .acceptance)
        return (accepted, try XCTUnwrap(h.store.commitmentNotice(caseId: c.id)))
    }

    func testAcceptanceUnderCommitmentIssuesTheLetterWithEachItemAndItsDeadline() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, letter) = try acceptedUnderCommitment(h, by)
        XCTAssertEqual(c.checks[1].commitmentDue, "2026-03-04", "the catalog's 2 working days")
        XCTAssertEqual(c.checks[2].commitmentDue, "2026-03-07", "the default \(CommitmentRules.defaultWorkingDays) working days")
        XCTAssertNil(c.checks[0].commitmentDue, "a received line owes nothing")
        XCTAssertEqual(c.commitmentDue, "2026-03-04", "the case keeps its earliest deadline")
        XCTAssertEqual(letter.commitments, [CommitmentItem(materialName: "经营场所使用证明", originals: 1, copies: 0, due: "2026-03-04"),
                                            CommitmentItem(materialName: "从业人员名单", originals: 0, copies: 1, due: "2026-03-07")])

        let doc = try h.store.issueDocument(noticeId: letter.id, by: by)
        XCTAssertEqual(doc.kind, .commitment)
        XCTAssertEqual(doc.number, "测试政务〔2026〕1号", "a formal paper of the series (issued first here, so number 1)")
        let text = doc.document.allText.joined(separator: "\n")
        for expected in ["告知承诺书", "张三丰", "经营场所使用证明", "2026年3月4日前", "从业人员名单", "2026年3月7日前", "复印件1份",
                         "容缺材料及补交期限（共2项）", "申请人承诺", "申请人（代理人）签名", NoticeBuilder.commitmentBasis] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }
        XCTAssertFalse(text.contains("经营者居民身份证"), "a material handed in is no part of the promise:\n\(text)")

        // The acceptance notice says what is owed and by when, beside the materials received.
        let acceptance = try XCTUnwrap(h.store.notices(caseId: c.id).first { $0.kind == .acceptance })
        let accepted = try h.store.issueDocument(noticeId: acceptance.id, by: by).document.allText.joined(separator: "\n")
        XCTAssertTrue(accepted.contains("容缺受理，已签署承诺，2026-03-04前补交"), accepted)
        XCTAssertTrue(try XCTUnwrap(h.store.case(id: c.id).events.last { $0.kind == .accepted }).detail.contains("容缺2项，最早2026-03-04前补交"))
    }

    func testACasePastItsDeadlineIsFlaggedUntilEverythingIsHandedIn() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, _) = try acceptedUnderCommitment(h, by)
        // A case accepted without 容缺 is never flagged.
        let by2 = try h.signIn(2)
        let plain = try h.store.openCase(window: 2, ticketId: nil, bundleCode: nil, matters: matters, checks: [checks()[0]], by: by2)
        try h.store.setMaterial(caseId: plain.id, index: 0, state: .received(originals: 1, copies: 1), by: by2)
        try h.store.decide(caseId: plain.id, .accept, dueDate: plusDays, by: by2)

        XCTAssertEqual(try h.store.overdueCommitments(today: "2026-03-04"), [], "due today is not overdue yet")
        XCTAssertEqual(try h.store.commitmentDeadlines(today: "2026-03-04").dueToday, 1)
        let late = try h.store.overdueCommitments(today: "2026-03-05")
        XCTAssertEqual(late, [OverdueCommitment(caseId: c.id, caseNumber: c.caseNumber, applicantName: "张三丰", matters: ["个体工商户设立登记"], windowNumber: 1,
                                                due: "2026-03-04", materials: ["经营场所使用证明"])])
        XCTAssertEqual(try h.store.commitmentDeadlines(today: "2026-03-05").overdue, 1)

        // Handed in late (on 03-05, service day from the clock): the next deadline takes over.
        h.clock.advance(seconds: 3 * 86_400)
        let after = try h.store.fulfilCommitment(caseId: c.id, index: 1, by: by)
        XCTAssertEqual(after.commitmentDue, "2026-03-07")
        XCTAssertEqual(after.checks[1].commitmentFulfilledOn, "2026-03-05")
        XCTAssertEqual(after.checks[1].state, .toleratedWithCommitment, "the line still says how the case was accepted")
        XCTAssertEqual(after.events.last?.detail, "容缺材料经营场所使用证明：逾期补交（承诺2026-03-04前）")
        XCTAssertEqual(try h.store.overdueCommitments(today: "2026-03-05"), [])
        XCTAssertThrowsError(try h.store.fulfilCommitment(caseId: c.id, index: 1, by: by)) {
            XCTAssertEqual($0.localizedDescription, "“经营场所使用证明”已于2026-03-05补交")
        }
        XCTAssertThrowsError(try h.store.fulfilCommitment(caseId: c.id, index: 0, by: by)) {
            XCTAssertEqual($0.localizedDescription, "“经营者居民身份证”不是容缺受理的材料，无需补交")
        }
        XCTAssertEqual(try h.store.overdueCommitments(today: "2026-03-08").map(\.materials), [["从业人员名单"]])
        let done = try h.store.fulfilCommitment(caseId: c.id, index: 2, by: by)
        XCTAssertNil(done.commitmentDue, "nothing owed: the flag clears")
        XCTAssertEqual(done.events.last?.detail, "容缺材料从业人员名单：按期补交（承诺2026-03-07前）")
        XCTAssertEqual(try h.store.overdueCommitments(today: "2026-03-31"), [])
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }
}
