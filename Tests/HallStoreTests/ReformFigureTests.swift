import XCTest
import HallCore
@testable import HallStore

/// Issue 14 must-deliver 7: the reform figures, measured from the store. The applicant told
/// everything once comes back and is accepted at the second visit: two visits for that case.
final class ReformFigureTests: XCTestCase {
    func check(_ name: String, tolerable: Bool = false, licence: String? = nil) -> MaterialCheck {
        MaterialCheck(matterCode: "M", materialName: name, requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                      isTolerable: tolerable, electronicLicence: licence)
    }
    func plusDays(_ day: String, _ n: Int) throws -> String { "2026-03-05" }

    func testVisitsOneVisitShareImmediateShareExemptionsToleranceAndOverdue() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let promised = [CaseMatter(code: "M", version: 1, name: "居住证申领", promisedWorkingDays: 3)]
        let immediate = [CaseMatter(code: "M", version: 1, name: "社会保障卡申领", promisedWorkingDays: nil)]

        // Told once, back with the material, accepted at the second visit.
        let twice = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: promised,
                                         checks: [check("居住地住址证明"), check("申请人居民身份证", licence: "居民身份证电子证照")], by: by)
        try h.store.setMaterial(caseId: twice.id, index: 0, state: .missing, by: by)
        try h.store.setMaterial(caseId: twice.id, index: 1, state: .exemptElectronicLicence("居民身份证电子证照"), by: by)
        try h.store.decide(caseId: twice.id, .requestCorrection, dueDate: plusDays, by: by)
        _ = try h.store.resumeCase(caseId: twice.id, by: by)
        try h.store.setMaterial(caseId: twice.id, index: 0, state: .received(originals: 1, copies: 0), by: by)
        try h.store.decide(caseId: twice.id, .accept, dueDate: plusDays, by: by)

        // A 即办件 done at once, one line under 容缺.
        let once = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: immediate,
                                        checks: [check("近期免冠彩色证件照片", tolerable: true), check("申请人居民身份证")], by: by)
        try h.store.setMaterial(caseId: once.id, index: 0, state: .toleratedWithCommitment, by: by)
        try h.store.setMaterial(caseId: once.id, index: 1, state: .received(originals: 1, copies: 0), by: by)
        try h.store.decide(caseId: once.id, .accept, dueDate: plusDays, by: by)

        // Refused: counted as a case, not as accepted. At window 2.
        let by2 = try h.signIn(2)
        let refused = try h.store.openCase(window: 2, ticketId: nil, bundleCode: nil, matters: immediate, checks: [check("申请书")], by: by2)
        try h.store.decide(caseId: refused.id, .refuse(reason: "不属于本机关职权范围", rightAgency: "区医保局"), dueDate: plusDays, by: by2)

        let f = try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-02", today: "2026-03-02")
        XCTAssertEqual(f.cases, 3)
        XCTAssertEqual(f.accepted, 2)
        XCTAssertEqual(f.visitsPerCase, 1.5, "two visits and one")
        XCTAssertEqual(f.oneVisitShare, 0.5)
        XCTAssertEqual(f.immediateShare, 0.5)
        XCTAssertEqual(f.exemptShare, 0.25, "one of four required lines of accepted cases")
        XCTAssertEqual(f.toleratedCases, 1)
        XCTAssertEqual(f.overdueCases, 0)

        // The promised date passes without completion: overdue. Another window, another period.
        XCTAssertEqual(try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-02", today: "2026-03-06").overdueCases, 1)
        let window2 = try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-02", window: 2, today: "2026-03-02")
        XCTAssertEqual(window2.cases, 1)
        XCTAssertNil(window2.visitsPerCase, "nothing accepted there: no made-up figure")
        XCTAssertEqual(try h.store.reformFigures(fromDay: "2026-03-03", toDay: "2026-03-31", today: "2026-03-31").cases, 0)
    }
}
