import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

/// The case list search as a clerk types it: whole or partial case numbers, names by prefix, ID
/// numbers however the input method delivers them. (Speed at a million cases: `YichuangBench cases`.)
final class CaseSearchTests: XCTestCase {
    let matters = [CaseMatter(code: "GTGSH01", version: 1, name: "个体工商户设立登记", promisedWorkingDays: 3)]

    /// 31010419800101123 plus its check digit: a second valid ID number that does not end in X.
    let otherId: String = {
        let first17 = "31010419800101123"
        return first17 + String(ResidentIDValidator.checkCharacter(for: first17)!)
    }()

    func open(_ h: TestHall, _ by: Attribution, name: String, id: String?) throws -> Case {
        h.clock.advance(seconds: 60)   // distinct updated_at, so the unsearched list has one order
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: [], by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: name, by: by)
        if let id { try h.store.saveField(caseId: c.id, key: "applicant.idNumber", value: id, by: by) }
        return c
    }

    func testSearchByCaseNumberNameAndIdNumber() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let zhang = try open(h, by, name: "张三丰", id: "11010519491231002X")
        let li = try open(h, by, name: "李四", id: otherId)
        let zhangWei = try open(h, by, name: "张伟", id: nil)
        h.clock.advance(seconds: 86_400)
        let nextDay = try open(h, by, name: "张三", id: nil)
        XCTAssertEqual([zhang, li, zhangWei, nextDay].map(\.caseNumber),
                       ["YC202603020001", "YC202603020002", "YC202603020003", "YC202603030001"])
        func numbers(_ q: String, limit: Int = 20, offset: Int = 0) throws -> [String] {
            try h.store.cases(matching: q, limit: limit, offset: offset).map(\.caseNumber)
        }

        // An ID number matches exactly, typed with lower-case x, full-width digits or in groups,
        // and comes back masked.
        for q in ["11010519491231002X", "11010519491231002x", "１１０１０５１９４９１２３１００２ｘ", "110105 19491231 002x"] {
            XCTAssertEqual(try numbers(q), [zhang.caseNumber], q)
        }
        XCTAssertEqual(try h.store.cases(matching: "11010519491231002x").map(\.applicantIdMasked), ["110105********002X"])
        XCTAssertEqual(try h.store.cases(matching: otherId).map(\.applicantIdMasked), ["310104********" + otherId.suffix(4)])
        // …but never by a part, so nobody can list the people of a district or a birth year.
        for q in ["110105", "19491231", "002X", String(otherId.dropLast())] {
            XCTAssertEqual(try numbers(q), [], q)
        }

        // Names by prefix, newest case first; surrounding spaces (also full-width ones) do not count.
        XCTAssertEqual(try numbers("张"), [nextDay, zhangWei, zhang].map(\.caseNumber))
        XCTAssertEqual(try numbers("张三"), [nextDay, zhang].map(\.caseNumber))
        XCTAssertEqual(try numbers("张三丰"), [zhang.caseNumber])
        XCTAssertEqual(try numbers("　李四 "), [li.caseNumber])
        XCTAssertEqual(try numbers("王"), [])
        XCTAssertEqual(try h.store.cases(matching: "张伟").first?.applicantIdMasked, "", "no ID number saved yet")

        // Case numbers whole or by prefix (a day: YC + date), in either case, full-width or not.
        XCTAssertEqual(try numbers(zhang.caseNumber), [zhang.caseNumber])
        XCTAssertEqual(try numbers("YC20260302"), [zhangWei, li, zhang].map(\.caseNumber))
        XCTAssertEqual(try numbers("yc２０２６０３０３"), [nextDay.caseNumber])
        XCTAssertEqual(try numbers("yc2026"), [nextDay, zhangWei, li, zhang].map(\.caseNumber))
        XCTAssertEqual(try numbers("YC202603020009"), [])

        // Pages of a search, and of the whole list (most recently worked on first).
        XCTAssertEqual(try numbers("张", limit: 2), [nextDay, zhangWei].map(\.caseNumber))
        XCTAssertEqual(try numbers("张", limit: 2, offset: 2), [zhang.caseNumber])
        XCTAssertEqual(try numbers("yc2026", limit: 1, offset: 3), [zhang.caseNumber])
        h.clock.advance(seconds: 60)
        try h.store.saveField(caseId: li.id, key: "applicant.phone", value: "13800138000", by: by)
        XCTAssertEqual(try numbers(""), [li, nextDay, zhangWei, zhang].map(\.caseNumber))
        XCTAssertEqual(try numbers("   ", limit: 2, offset: 1), [nextDay, zhangWei].map(\.caseNumber))
    }

    /// A name with thousands of cases, all old (a developer whose projects ended): the walk through
    /// the newest 50,000 case numbers finds none of them, and the search sorts the matches instead.
    func testManyOldCasesOfOneNameAreStillFound() throws {
        let h = try TestHall()
        let hall = try h.store.hall()
        try h.store.pool.write { db in
            // 60,000 cases over 60 days; the first 2,500 (the oldest numbers) are the developer's.
            try db.execute(sql: """
                WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 59999)
                INSERT INTO case_file (id, hall_id, case_number, status, matters, form, checks, applicant_name, created_at, updated_at)
                SELECT lower(hex(randomblob(16))), ?, printf('YC2025%04d%04d', 1000 + i / 1000, i % 1000), 'completed', '[]', '{}', '[]',
                       CASE WHEN i < 2500 THEN '东湖置业房地产开发有限公司' ELSE '李' || i END, i, i FROM c
                """, arguments: [hall.hallId])
        }
        let rows = try h.store.cases(matching: "东湖置业", limit: 20, offset: 30)
        XCTAssertEqual(rows.map(\.caseNumber), (0..<20).map { String(format: "YC2025%04d%04d", 1002, 469 - $0) })
        XCTAssertEqual(try h.store.cases(matching: "李", limit: 3).map(\.applicantName), ["李59999", "李59998", "李59997"])
    }

    /// Past 2,000 matches a name search walks the case numbers instead of sorting the matches.
    /// Both ways must list the same cases in the same order, on every page.
    func testCommonAndRareNamesListAlike() throws {
        let h = try TestHall()
        let hall = try h.store.hall()
        var all: [(number: String, name: String)] = []
        try h.store.pool.write { db in
            for i in 0..<3_000 {
                // Numbers not in opening order of the names: 王 and 李 interleave, with gaps.
                let number = "YC20260301" + String(format: "%04d", (i * 7_919) % 10_000)
                let name = i % 5 == 0 ? "李\(i)" : "王\(i)"
                all.append((number, name))
                try db.execute(sql: """
                    INSERT INTO case_file (id, hall_id, case_number, status, matters, form, checks, applicant_name,
                                           created_at, updated_at)
                    VALUES (?, ?, ?, 'completed', '[]', '{}', '[]', ?, ?, ?)
                    """, arguments: [UUID().uuidString, hall.hallId, number, name, Double(i), Double(i)])
            }
        }
        XCTAssertEqual(all.filter { $0.name.hasPrefix("王") }.count, 2_400)
        for prefix in ["王", "李", "王1", "李2"] {
            let expected = all.filter { $0.name.hasPrefix(prefix) }.map(\.number).sorted(by: >)
            // offset 0: 王 takes the case-number walk (2,400 ≥ 2,000); offset 200: the name index (cap 4,400).
            for (limit, offset) in [(20, 0), (20, 100), (20, 200), (50, 2_380)] {
                let got = try h.store.cases(matching: prefix, limit: limit, offset: offset).map(\.caseNumber)
                XCTAssertEqual(got, Array(expected.dropFirst(offset).prefix(limit)), "\(prefix) \(limit)@\(offset)")
            }
        }
    }
}
