import XCTest
import HallCore
@testable import HallStore

/// Issue 14 must-deliver 2 in the store and on paper: several 印章种类 are one valid answer; an
/// option that does not exist is told on the one-time notice, named, and never printed as valid.
final class MultiChoiceStoreTests: XCTestCase {
    func testSeveralSealTypesAreValidAndAWrongOneIsToldOnTheNotice() throws {
        let h = try TestHall()
        let shipped = CatalogStoreTests.shipped
        try h.store.importCatalog(shipped.matters, bundles: shipped.bundles, source: "catalog.json", by: .system("cli"))
        let matter = try XCTUnwrap(h.store.matters().first { $0.formFields.contains { $0.key == "seal.types" } })
        let by = try h.signIn(1)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [matter.caseMatter],
                                     checks: mergedChecklist(for: [matter]), by: by)
        for i in c.checks.indices { try h.store.setMaterial(caseId: c.id, index: i, state: .received(originals: 9, copies: 9), by: by) }

        try h.store.saveField(caseId: c.id, key: "seal.types", value: "公章、财务专用章", by: by)
        let (_, good) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: { d, _ in d }, by: by)
        XCTAssertFalse((good?.formProblems ?? []).contains { $0.key == "seal.types" }, "\(good?.formProblems ?? [])")

        _ = try h.store.resumeCase(caseId: c.id, by: by)
        try h.store.saveField(caseId: c.id, key: "seal.types", value: "公章、萝卜章", by: by)
        let (_, bad) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: { d, _ in d }, by: by)
        let problem = try XCTUnwrap(bad?.formProblems?.first { $0.key == "seal.types" })
        XCTAssertTrue(problem.message.contains("不能选“萝卜章”"), problem.message)
        let text = try h.store.issueDocument(noticeId: try XCTUnwrap(bad).id, by: by).document.allText.joined(separator: "\n")
        XCTAssertTrue(text.contains("印章种类") && text.contains("不能选“萝卜章”"), text)
    }
}
