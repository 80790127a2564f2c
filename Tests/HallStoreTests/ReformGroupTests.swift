import XCTest
import HallCore
@testable import HallStore

/// Issue 14 must-deliver 7 (rest): the reform figures per matter, window, clerk and period,
/// promised against statutory time limits (from the catalog version each case was opened with),
/// and the follow-up of cases accepted under 容缺.
final class ReformGroupTests: XCTestCase {
    static let shipped = CatalogStoreTests.shipped
    func matter(_ name: String) throws -> Matter { try XCTUnwrap(Self.shipped.matters.first { $0.name == name }, name) }
    func check(_ matter: Matter, tolerable: Bool = false) -> MaterialCheck {
        MaterialCheck(matterCode: matter.code, materialName: "申请书", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                      isTolerable: tolerable, electronicLicence: nil)
    }
    let due: (String, Int) throws -> String = { _, _ in "2026-03-06" }

    @discardableResult
    func accepted(_ h: TestHall, _ m: Matter, window: Int, tolerated: Bool = false) throws -> Case {
        let by = try h.signIn(window)
        let c = try h.store.openCase(window: window, ticketId: nil, bundleCode: nil, matters: [try h.store.matter(code: m.code)!.caseMatter],
                                     checks: [check(m, tolerable: tolerated)], by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: tolerated ? .toleratedWithCommitment : .received(originals: 1, copies: 0), by: by)
        return try h.store.decide(caseId: c.id, .accept, dueDate: due, by: by).0
    }

    func testFiguresPerMatterWindowClerkAndPeriodWithTimeLimitsAndCommitmentFollowUp() throws {
        let h = try TestHall()
        try h.store.importCatalog(Self.shipped.matters, bundles: Self.shipped.bundles, source: "catalog.json", by: .system("cli"))
        let company = try matter("企业设立登记")      // statutory 3, promised 1 working days
        let food = try matter("食品经营许可（新办）")   // statutory 10, promised 5
        let soleTrader = try matter("个体工商户设立登记") // statutory 3, 即办件
        let card = try matter("社会保障卡申领")          // no statutory limit
        try accepted(h, company, window: 1)
        try accepted(h, food, window: 1)
        let tolerated = try accepted(h, soleTrader, window: 2, tolerated: true)
        _ = try h.store.openCase(window: 2, ticketId: nil, bundleCode: nil, matters: [card.caseMatter], checks: [check(card)], by: try h.signIn(2))
        h.clock.advance(seconds: 86_400)
        try accepted(h, company, window: 1)

        let all = try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-03", today: "2026-03-09")
        XCTAssertEqual(all.cases, 5)
        XCTAssertEqual(all.promisedDaysMean, 7.0 / 4, "1 + 5 + 0 (即办件) + 1 over the four cases with a statutory limit")
        XCTAssertEqual(all.statutoryDaysMean, 19.0 / 4)
        XCTAssertEqual(try XCTUnwrap(all.timeLimitCut), 1 - 7.0 / 19, accuracy: 1e-9)
        XCTAssertEqual(all.toleratedCases, 1)
        XCTAssertEqual(all.toleratedOverdue, 1, "its material was due 2026-03-06")
        XCTAssertEqual(all.toleratedSettled, 0)

        func keys(_ d: ReformFigures.Dimension) throws -> [String: ReformFigures] {
            Dictionary(uniqueKeysWithValues: try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-03", today: "2026-03-09", by: d)
                .map { ($0.key, $0.figures) })
        }
        let byMatter = try keys(.matter)
        XCTAssertEqual(Set(byMatter.keys), [company.name, food.name, soleTrader.name, card.name])
        XCTAssertEqual(byMatter[company.name]?.accepted, 2)
        XCTAssertEqual(byMatter[company.name]?.promisedDaysMean, 1)
        XCTAssertEqual(byMatter[company.name]?.statutoryDaysMean, 3)
        XCTAssertEqual(byMatter[soleTrader.name]?.timeLimitCut, 1, "a 即办件 promises 0 of its 3 statutory days")
        XCTAssertEqual(byMatter[card.name]?.cases, 1)
        XCTAssertNil(byMatter[card.name]?.timeLimitCut, "no statutory limit, nothing accepted: no made-up figure")

        XCTAssertEqual(try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-03", today: "2026-03-09", by: .window).map(\.key),
                       ["1号窗口", "2号窗口"])
        let byWindow = try keys(.window)
        XCTAssertEqual(byWindow["1号窗口"]?.cases, 3)
        XCTAssertEqual(byWindow["2号窗口"]?.cases, 2)
        XCTAssertEqual(byWindow["2号窗口"]?.toleratedOverdue, 1)
        let byClerk = try keys(.clerk)
        XCTAssertEqual(byClerk["1001 李敏"]?.cases, 3)
        XCTAssertEqual(byClerk["1002 王芳"]?.accepted, 1)
        let byDay = try keys(.day)
        XCTAssertEqual(byDay["2026-03-02"]?.cases, 4)
        XCTAssertEqual(byDay["2026-03-03"]?.cases, 1)
        XCTAssertEqual(try keys(.month)["2026-03"]?.cases, 5)

        // The material handed in: the follow-up says settled, no longer overdue.
        try h.store.fulfilCommitment(caseId: tolerated.id, index: 0, by: try h.signIn(2))
        let after = try h.store.reformFigures(fromDay: "2026-03-02", toDay: "2026-03-03", today: "2026-03-09")
        XCTAssertEqual(after.toleratedSettled, 1)
        XCTAssertEqual(after.toleratedOverdue, 0)
    }
}
