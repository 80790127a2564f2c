import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

final class CalendarStoreTests: XCTestCase {
    static let file2026 = """
    {"year": 2026, "days": [
      {"name": "元旦", "date": "2026-01-01", "isOffDay": true},
      {"name": "元旦", "date": "2026-01-02", "isOffDay": true},
      {"name": "元旦", "date": "2026-01-03", "isOffDay": true},
      {"name": "元旦", "date": "2026-01-04", "isOffDay": false},
      {"name": "国庆节", "date": "2026-10-01", "isOffDay": true},
      {"name": "国庆节", "date": "2026-10-10", "isOffDay": false}
    ]}
    """

    func testNewStoreHasNoCalendarAndRefusesDeadlines() throws {
        let h = try TestHall()
        let cal = try h.store.workCalendar()
        XCTAssertTrue(cal.publishedYears.isEmpty)
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2026-09-30", workingDays: 5)) {
            XCTAssertEqual($0 as? CalendarError, .yearNotPublished(2026))
        }
    }

    func testImportGoodFileWithOutboxAndAudit() throws {
        let h = try TestHall()
        let outboxBefore = try h.count("SELECT COUNT(*) FROM outbox")
        let f = try HolidayCNFile.parse(Data(Self.file2026.utf8))
        let r = try h.store.importCalendar(f.days, years: [f.year], source: "文件 2026.json", by: .system("cli:test"))
        XCTAssertEqual(r.added, 6)
        XCTAssertEqual(r.replaced, 0)

        let cal = try h.store.workCalendar()
        XCTAssertEqual(cal.publishedYears, [2026])
        XCTAssertTrue(try cal.isWorkingDay("2026-01-04"))       // make-up Sunday
        XCTAssertFalse(try cal.isWorkingDay("2026-01-02"))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM calendar_day WHERE year = 2026"), 6)
        // Exactly one new outbox op (setting up the hall wrote its own before), carrying the days.
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox"), outboxBefore + 1)
        let op = try h.store.pool.read { db in try Row.fetchOne(db, sql: "SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1") }
        XCTAssertEqual(op?["kind"], "reference.changed")
        XCTAssertTrue((op?["payload"] as String?)?.contains("2026-10-10") ?? false)
        let detail = try h.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_entry WHERE action = 'calendar.import'")
        }
        XCTAssertEqual(detail, "导入2026年节假日安排：6天（新增6天，更新0天），来源：文件 2026.json")
        let source = try h.store.pool.read { db in try String.fetchOne(db, sql: "SELECT source FROM calendar_year WHERE year = 2026") }
        XCTAssertEqual(source, "文件 2026.json")

        // The same file again changes nothing; a corrected entry counts as replaced.
        XCTAssertTrue(try h.store.importCalendar(f.days, years: [2026], source: "again", by: .system("t")) == (0, 0))
        var fixed = f.days
        fixed[4].name = "国庆节、中秋节"
        XCTAssertTrue(try h.store.importCalendar(fixed, years: [2026], source: "fix", by: .system("t")) == (0, 1))
        XCTAssertEqual(try h.store.workCalendar().days["2026-10-01"]?.name, "国庆节、中秋节")
    }

    func testBrokenFileImportsNothing() throws {
        let h = try TestHall()
        let broken = Self.file2026.replacingOccurrences(of: "\"2026-01-03\"", with: "\"2026-01-32\"")
            .replacingOccurrences(of: "\"isOffDay\": false}", with: "\"isOffDay\": \"否\"}")
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(broken.utf8))) { e in
            guard case .invalid(let issues)? = e as? CalendarFileError else { return XCTFail("\(e)") }
            XCTAssertEqual(issues.map(\.index), [2, 3, 5])       // all three reported at once
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM calendar_day"), 0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM calendar_year"), 0)
    }

    func testEmptyYearIsRefusedByFileAndStore() throws {
        let h = try TestHall()
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(#"{"year": 2027, "papers": [], "days": []}"#.utf8))) {
            XCTAssertEqual($0 as? CalendarFileError, .noDays(year: 2027))
        }
        // The store refuses too: a year with no days is "not published", never "all weekdays work".
        let d = WorkCalendar.Day(date: "2026-10-01", isOffDay: true, name: "国庆节")
        XCTAssertThrowsError(try h.store.importCalendar([d], years: [2026, 2027], source: "x", by: .system("t"))) {
            XCTAssertTrue($0.localizedDescription.contains("2027年没有任何日期"), $0.localizedDescription)
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM calendar_year"), 0)
    }

    func testGB18030FileIsRefused() {
        var bytes = Array(#"{"year": 2026, "days": [{"name": ""#.utf8) + [0xB9, 0xFA, 0xC7, 0xEC]   // 国庆
        bytes += Array(#"", "date": "2026-10-01", "isOffDay": true}]}"#.utf8)
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(bytes))) {
            XCTAssertEqual($0 as? CalendarFileError, .notUTF8(likelyEncoding: "GB18030（GBK）"))
        }
    }

    func testSeedOnlyWhenEmpty() throws {
        let h = try TestHall()
        let shipped = WorkCalendar(days: [.init(date: "2025-10-01", isOffDay: true, name: "国庆节"),
                                          .init(date: "2026-10-01", isOffDay: true, name: "国庆节")],
                                   publishedYears: [2025, 2026])
        XCTAssertTrue(try h.store.seedCalendarIfEmpty(shipped, by: .system("setup")))
        XCTAssertEqual(try h.store.workCalendar(), shipped)
        XCTAssertFalse(try h.store.seedCalendarIfEmpty(WorkCalendar(days: [], publishedYears: [2030]), by: .system("setup")))
        XCTAssertEqual(try h.store.workCalendar().publishedYears, [2025, 2026])
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'calendar.import'"), 1)
    }
}
