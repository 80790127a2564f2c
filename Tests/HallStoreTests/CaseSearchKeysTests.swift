import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

/// Issue 14, must-deliver 5: cases found by company name, legal representative, the last digits
/// of the case number and the full pinyin of a name, each through its own index.
final class CaseSearchKeysTests: XCTestCase {
    let matters = [CaseMatter(code: "QYBG01", version: 1, name: "企业变更登记", promisedWorkingDays: 3)]

    func open(_ h: TestHall, _ by: Attribution, _ form: [(String, String)]) throws -> Case {
        h.clock.advance(seconds: 60)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matters, checks: [], by: by)
        try h.store.saveFields(caseId: c.id, form.map { (key: $0.0, value: $0.1) }, by: by)
        return c
    }

    func numbers(_ h: TestHall, _ q: String) throws -> [String] { try h.store.cases(matching: q).map(\.caseNumber) }

    func testCompanyLegalRepresentativeLastDigitsAndFullPinyin() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let mill = try open(h, by, [("applicant.name", "张三丰"), ("business.name", "示范区第一纺织厂"),
                                    ("business.legalRepresentative", "王五")])
        let shop = try open(h, by, [("applicant.name", "李四"), ("business.name", "示范区便民超市"), ("business.legalRepresentative", "赵六")])
        let person = try open(h, by, [("applicant.name", "吕小平")])
        XCTAssertEqual([mill, shop, person].map(\.caseNumber), ["YC202603020001", "YC202603020002", "YC202603020003"])

        XCTAssertEqual(try numbers(h, "示范区第一"), [mill.caseNumber], "company by prefix")
        XCTAssertEqual(try numbers(h, "示范区"), [shop.caseNumber, mill.caseNumber], "newest first")
        XCTAssertEqual(try numbers(h, "王五"), [mill.caseNumber], "legal representative")
        XCTAssertEqual(try numbers(h, "2"), [shop.caseNumber], "the day's sequence 0002")
        XCTAssertEqual(try numbers(h, "0003"), [person.caseNumber])
        XCTAssertEqual(try numbers(h, "zhangsanfeng"), [mill.caseNumber], "full pinyin")
        XCTAssertEqual(try numbers(h, "ZhangSan"), [mill.caseNumber], "typed in any case")
        XCTAssertEqual(try numbers(h, "lvxiao"), [person.caseNumber], "ü typed as v")
        XCTAssertEqual(try numbers(h, "li"), [shop.caseNumber])
        XCTAssertEqual(try numbers(h, "zhao"), [], "a legal representative is found by name, not pinyin")
        XCTAssertEqual(try numbers(h, "shifanqu"), [shop.caseNumber, mill.caseNumber], "a company by the full pinyin of its name")
        XCTAssertEqual(try numbers(h, "shifanqudiyi"), [mill.caseNumber])
        XCTAssertEqual(try numbers(h, "bianmin"), [], "from the start of the name only, like the name itself")
        // Today's keys still work.
        XCTAssertEqual(try numbers(h, "张三"), [mill.caseNumber])
        XCTAssertEqual(try numbers(h, "YC20260302"), [person.caseNumber, shop.caseNumber, mill.caseNumber])
    }

    /// A store from before the company pinyin key: its cases are spelled by the upgrade, so they
    /// are found at once, not only after someone saves them again.
    func testTheUpgradeSpellsTheCompaniesOfExistingCases() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let mill = try open(h, by, [("applicant.name", "张三丰"), ("business.name", "示范区第一纺织厂")])
        _ = try open(h, by, [("applicant.name", "李四")])
        try h.store.pool.write { db in
            try db.execute(sql: """
                DROP INDEX case_business_pinyin_number;
                ALTER TABLE case_file DROP COLUMN business_pinyin;
                DELETE FROM grdb_migrations WHERE identifier = 'v14-x14b-business-pinyin';
                """)
        }
        let upgraded = try HallStore(path: h.store.path, clock: h.clock)
        XCTAssertEqual(try upgraded.cases(matching: "shifanqu").map(\.caseNumber), [mill.caseNumber])
        let spelled = try upgraded.pool.read { db in try String.fetchAll(db, sql: "SELECT business_pinyin FROM case_file WHERE business_pinyin IS NOT NULL") }
        XCTAssertEqual(spelled, ["shifanqudiyifangzhichang"], "a case without a company gets no key")
    }

    /// Every new key is read from its index; no plan step scans the case table.
    func testEveryKeyReadsItsIndex() throws {
        let h = try TestHall()
        let columns = "id, case_number"
        let plans: [(String, String, [DatabaseValueConvertible])] = [
            (CaseSearchKeys.businessName.index, CaseSearchKeys.prefixSQL(CaseSearchKeys.businessName, columns: columns), ["示范", "示范\u{10FFFF}", 20]),
            (CaseSearchKeys.legalRepresentative.index, CaseSearchKeys.prefixSQL(CaseSearchKeys.legalRepresentative, columns: columns), ["王", "王\u{10FFFF}", 20]),
            (CaseSearchKeys.pinyin.index, CaseSearchKeys.prefixSQL(CaseSearchKeys.pinyin, columns: columns), ["zhang", "zhang\u{10FFFF}", 20]),
            (CaseSearchKeys.businessPinyin.index, CaseSearchKeys.prefixSQL(CaseSearchKeys.businessPinyin, columns: columns),
             ["shifan", "shifan\u{10FFFF}", 20]),
            (CaseSearchKeys.tail.index, CaseSearchKeys.tailSQL(columns: columns), ["0042", 20]),
        ]
        for (index, sql, args) in plans {
            let steps = try h.store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(args)).map { $0["detail"] as String }
            }
            XCTAssertTrue(steps.contains { $0.contains("USING INDEX \(index)") || $0.contains("USING COVERING INDEX \(index)") }, "\(index): \(steps)")
            XCTAssertFalse(steps.contains { $0.hasPrefix("SCAN case_file") }, "\(index): \(steps)")
        }
    }
}
