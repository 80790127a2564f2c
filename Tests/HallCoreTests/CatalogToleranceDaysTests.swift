import XCTest
@testable import HallCore

/// The catalog's 补交期限 per material (issue 16 scope x16): the working days a 容缺 material may be
/// handed in after acceptance. Before, the CSV column was ignored as unknown and the JSON key
/// `toleranceWorkingDays` was dropped by the validator, so every deadline was the default 5.
final class CatalogToleranceDaysTests: XCTestCase {
    static let header = CatalogTests.header + ",补交期限"
    static let body = CatalogTests.body

    func parseCSV(_ rows: [String]) -> Result<CatalogFile, CatalogIssues> {
        let text = ([Self.header] + rows).joined(separator: "\r\n")
        return Result { try CatalogImport.parse(Data(text.utf8), format: .csv, source: "t.csv") }.mapError { $0 as! CatalogIssues }
    }

    static let matterRow = "个体工商户设立登记,0100001001,990105000101000010010001,01,依据,\(body),3,3,否,,自然人,,"

    /// 2026: 清明 4–6 April off. Accepted Thursday 2 April.
    static let calendar = WorkCalendar(days: [.init(date: "2026-04-04", isOffDay: true, name: "清明节"),
                                              .init(date: "2026-04-05", isOffDay: true, name: "清明节"),
                                              .init(date: "2026-04-06", isOffDay: true, name: "清明节")], publishedYears: [2026])

    func deadlines(_ matter: Matter) throws -> [String: String] {
        var checks = mergedChecklist(for: [matter])
        for i in checks.indices where checks[i].isTolerable { checks[i].state = .toleratedWithCommitment }
        let fixed = try CommitmentRules.fixDeadlines(checks, acceptedOn: "2026-04-02") {
            try Self.calendar.dueDate(acceptedOn: $0, workingDays: $1)
        }
        return Dictionary(uniqueKeysWithValues: fixed.compactMap { c in c.commitmentDue.map { (c.materialName, $0) } })
    }

    func testTheCSVColumnSetsEachMaterialsDeadlineAndEmptyMeansFiveWorkingDays() throws {
        let file = try parseCSV([
            Self.matterRow + "登记申请书,1,0,必要,否,,",
            ",,990105000101000010010001,,,,,,,,,,,经营场所证明,1,1,必要,是,,10个工作日",
            ",,990105000101000010010001,,,,,,,,,,,章程,1,0,必要,是,,",
            ",,990105000101000010010001,,,,,,,,,,,住所使用证明,1,0,必要,是,,２",
        ]).get()
        let m = try XCTUnwrap(file.matters.first)
        XCTAssertEqual(m.materials.map(\.toleranceWorkingDays), [nil, 10, nil, 2])
        XCTAssertEqual(try deadlines(m), ["经营场所证明": "2026-04-17", "章程": "2026-04-10", "住所使用证明": "2026-04-07"],
                       "10 and 2 working days as the catalog says, 5 by default; the 清明 days do not count")
    }

    func testTheJSONKeyIsKept() throws {
        var matter = try XCTUnwrap(CatalogTests.shipped.matters.first { $0.materials.contains(where: \.tolerable) })
        let i = try XCTUnwrap(matter.materials.firstIndex(where: \.tolerable))
        matter.materials[i].toleranceWorkingDays = 3
        let json = try JSONEncoder().encode(CatalogFile(source: "t", matters: [matter], bundles: []))
        let parsed = try CatalogImport.parse(json, format: .json, source: "t.json")
        XCTAssertEqual(parsed.matters.first?.materials[i].toleranceWorkingDays, 3)
    }

    func testAPeriodThatIsNotWorkingDaysOrNotForAToleratedMaterialIsReported() {
        let rows = [
            Self.matterRow + "登记申请书,1,0,必要,是,,5个自然日",                                      // 2 natural days
            ",,990105000101000010010001,,,,,,,,,,,章程,1,0,必要,是,,0",                            // 3 out of range
            ",,990105000101000010010001,,,,,,,,,,,身份证,1,0,必要,否,,5",                           // 4 not 容缺
            ",,990105000101000010010001,,,,,,,,,,,住所证明,1,0,必要,是,,五天",                       // 5 not a number
        ]
        guard case .failure(let failure) = parseCSV(rows) else { return XCTFail("must not parse") }
        XCTAssertEqual(failure.issues.map { "\($0.line) \($0.field)" }, ["2 补交期限", "3 补交期限", "4 补交期限", "5 补交期限"],
                       failure.issues.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(failure.issues[0].message.contains("工作日"), failure.issues[0].message)
        XCTAssertTrue(failure.issues[2].message.contains("只有容缺材料才有补交期限"), failure.issues[2].message)
    }
}
