import Foundation
import XCTest
@testable import HallCore

/// Deadlines against the official 2025 and 2026 notices (the shipped resource, built from
/// holiday-cn by Resources/tools/build-calendar.py). Expected dates are counted by hand below.
final class WorkCalendarTests: XCTestCase {
    static let resourceURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/data/work-calendar.json")
    var cal: WorkCalendar!

    override func setUpWithError() throws {
        cal = try WorkCalendar.fromResource(json: Data(contentsOf: Self.resourceURL))
    }

    func testShippedResourceHasPublishedYearsOnly() throws {
        XCTAssertEqual(cal.publishedYears, [2023, 2024, 2025, 2026])   // 2027's file is empty: not published
        XCTAssertEqual(cal.days["2026-02-14"], .init(date: "2026-02-14", isOffDay: false, name: "春节"))
        XCTAssertEqual(cal.days["2022-12-31"]?.isOffDay, true)          // sits in holiday-cn's 2023 file
    }

    func testNationalDay2026() throws {
        // Accepted Wed 09-30. 10-01…10-07 off; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up
        // workday (3), Sun 10-11 off, Mon 10-12 (4), Tue 10-13 (5).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2026-09-30", workingDays: 5), "2026-10-13")
        XCTAssertEqual(try cal.workingDaysBetween("2026-09-30", "2026-10-13"), 5)
        XCTAssertEqual(try cal.workingDaysBetween("2026-10-13", "2026-09-30"), -5)
        XCTAssertTrue(try cal.isWorkingDay("2026-10-10"))     // Saturday, make-up workday
        XCTAssertFalse(try cal.isWorkingDay("2026-10-07"))    // Wednesday, holiday
        XCTAssertFalse(try cal.isWorkingDay("2026-10-11"))    // plain Sunday
    }

    func testSpringFestival2026() throws {
        // Accepted Fri 02-13. Sat 02-14 make-up (1); 02-15…02-23 off; Tue 02-24 … Fri 02-27 (2–5);
        // Sat 02-28 make-up (6); Sun 03-01 off; Mon 03-02 … Thu 03-05 (7–10).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2026-02-13", workingDays: 10), "2026-03-05")
        // N = 1 is the next working day after acceptance, here a make-up Saturday.
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2026-02-13", workingDays: 1), "2026-02-14")
        XCTAssertEqual(try cal.nextWorkingDay(after: "2026-02-14"), "2026-02-24")
    }

    func testSpringFestival2025() throws {
        // Accepted Fri 01-24. Sat 01-25 off; Sun 01-26 make-up (1); Mon 01-27 (2);
        // 01-28…02-04 off; Wed 02-05 (3).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2025-01-24", workingDays: 3), "2025-02-05")
        // Sat 02-08 is a make-up day: from Thu 02-06, Fri 02-07 (1), Sat 02-08 (2), Mon 02-10 (3).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2025-02-06", workingDays: 3), "2025-02-10")
    }

    func testNationalDay2025() throws {
        // Accepted Fri 09-26. Sat 09-27 off; Sun 09-28 make-up (1); Mon 09-29 (2); Tue 09-30 (3);
        // 10-01…10-08 off; Thu 10-09 (4); Fri 10-10 (5).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2025-09-26", workingDays: 5), "2025-10-10")
        // §42's 20 working days from Tue 09-30: 10-09, 10-10, Sat 10-11 make-up (3), 10-13…10-17
        // (8), 10-20…10-24 (13), 10-27…10-31 (18), Mon 11-03 (19), Tue 11-04 (20).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2025-09-30", workingDays: 20), "2025-11-04")
    }

    func testAcrossYearEnd() throws {
        // Accepted Thu 2025-12-25. Fri 12-26 (1); Mon 12-29 … Wed 12-31 (2–4); 2026-01-01…01-03
        // off; Sun 01-04 make-up (5); Mon 01-05 … Fri 01-09 (6–10).
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2025-12-25", workingDays: 10), "2026-01-09")
        XCTAssertEqual(try cal.nextWorkingDay(after: "2026-01-02"), "2026-01-04")
    }

    func testUnpublishedYearIsRefusedNotGuessed() throws {
        // Fri 2026-12-25 + 10: only four working days are left in 2026, the rest fall in 2027.
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2026-12-25", workingDays: 10)) { e in
            XCTAssertEqual(e as? CalendarError, .yearNotPublished(2027))
            let text = e.localizedDescription
            XCTAssertTrue(text.contains("2027年的节假日安排尚未发布或未导入"), text)
            XCTAssertTrue(text.contains("yichuang import calendar"), text)
        }
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2026-12-25", workingDays: 4), "2026-12-31")
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2026-12-31", workingDays: 1)) {
            XCTAssertEqual($0 as? CalendarError, .yearNotPublished(2027))
        }
        XCTAssertThrowsError(try cal.isWorkingDay("2027-03-01")) { XCTAssertEqual($0 as? CalendarError, .yearNotPublished(2027)) }
        // 2022 has one announced day (in the 2023 file) but no notice of its own.
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2022-12-29", workingDays: 1)) {
            XCTAssertEqual($0 as? CalendarError, .yearNotPublished(2022))
        }
    }

    func testInvalidInput() throws {
        for bad in ["2026-02-30", "2026/10/01", "2026-1-1", "", "明天", "2026-10-01 "] {
            XCTAssertThrowsError(try cal.dueDate(acceptedOn: bad, workingDays: 1)) {
                XCTAssertEqual($0 as? CalendarError, .invalidDate(bad))
            }
        }
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2026-10-09", workingDays: -1)) {
            XCTAssertEqual($0 as? CalendarError, .invalidWorkingDays(-1))
            XCTAssertTrue($0.localizedDescription.contains("0 到 3650"))
        }
        XCTAssertThrowsError(try cal.dueDate(acceptedOn: "2026-10-09", workingDays: 3651)) {
            XCTAssertEqual($0 as? CalendarError, .invalidWorkingDays(3651))
        }
        XCTAssertEqual(try cal.dueDate(acceptedOn: "2026-10-09", workingDays: 0), "2026-10-09")   // 即办件
        XCTAssertThrowsError(try cal.isOverdue(due: "2026-13-01", today: "2026-10-09"))
    }

    func testOverdue() throws {
        XCTAssertFalse(try cal.isOverdue(due: "2026-10-13", today: "2026-10-13"))  // still on time that day
        XCTAssertTrue(try cal.isOverdue(due: "2026-10-13", today: "2026-10-14"))
        XCTAssertFalse(try cal.isOverdue(due: "2026-10-13", today: "2026-09-30"))
    }

    func testDecemberDaysFromNextYearsFileAreMerged() throws {
        // A next-year file may carry the previous December's make-up Sunday; merging by date must keep it.
        let y2025 = [WorkCalendar.Day(date: "2025-10-01", isOffDay: true, name: "国庆节")]
        let y2026 = [WorkCalendar.Day(date: "2025-12-28", isOffDay: false, name: "元旦"),
                     WorkCalendar.Day(date: "2026-01-01", isOffDay: true, name: "元旦")]
        let c = WorkCalendar(days: y2025 + y2026, publishedYears: [2025, 2026])
        XCTAssertTrue(try c.isWorkingDay("2025-12-28"))
        XCTAssertEqual(try c.nextWorkingDay(after: "2025-12-27"), "2025-12-28")
    }

    func testCivilDayArithmetic() {
        XCTAssertEqual(WorkCalendar.weekday(of: "1970-01-01"), 4)
        XCTAssertEqual(WorkCalendar.weekday(of: "2026-10-10"), 6)
        XCTAssertEqual(WorkCalendar.weekday(of: "2024-02-29"), 4)
        XCTAssertNil(WorkCalendar.weekday(of: "2025-02-29"))
        XCTAssertEqual(CivilDay("2024-12-31")!.adding(1).text, "2025-01-01")
        XCTAssertEqual(CivilDay("2024-03-01")!.adding(-1).text, "2024-02-29")
    }

    func testBadResourceIsReported() {
        XCTAssertThrowsError(try WorkCalendar.fromResource(json: Data("{}".utf8))) {
            XCTAssertTrue($0.localizedDescription.contains("工作日历数据有误"))
        }
        let bad = #"{"source":"x","publishedYears":[2026],"holidays":{"2026-02-30":"春节"},"makeUpWorkdays":{}}"#
        XCTAssertThrowsError(try WorkCalendar.fromResource(json: Data(bad.utf8)))
    }
}

/// The holiday-cn file an administrator imports with `yichuang import calendar`.
final class HolidayCNFileTests: XCTestCase {
    static let good = """
    {"year": 2027, "papers": [], "days": [
      {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
      {"name": "春节", "date": "2027-02-06", "isOffDay": true},
      {"name": "春节", "date": "2027-02-07", "isOffDay": true},
      {"name": "春节", "date": "2027-02-08", "isOffDay": true},
      {"name": "春节", "date": "2027-02-20", "isOffDay": false},
      {"name": "元旦", "date": "2026-12-27", "isOffDay": false}
    ]}
    """

    func testGoodFile() throws {
        let f = try HolidayCNFile.parse(Data(Self.good.utf8))
        XCTAssertEqual(f.year, 2027)
        XCTAssertEqual(f.days.count, 6)
        XCTAssertEqual(f.days.first?.date, "2026-12-27")           // December of the year before is allowed
        XCTAssertEqual(f.holidays.count, 4)
        XCTAssertEqual(f.makeUpWorkdays.map(\.date), ["2026-12-27", "2027-02-20"])
        let lines = f.summaryLines()
        XCTAssertEqual(lines[0], "2027年节假日安排：放假4天，调休上班2天")
        XCTAssertTrue(lines.contains("  春节：放假 2027-02-06 至 2027-02-08（3天）；调休上班 2027-02-20（周六）"), "\(lines)")
        // With a BOM too (Windows editors add one).
        XCTAssertEqual(try HolidayCNFile.parse(Data([0xEF, 0xBB, 0xBF] + Array(Self.good.utf8))), f)
    }

    func testEveryBrokenEntryIsReportedInOnePass() throws {
        let text = """
        {"year": 2027, "days": [
          {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
          {"name": "", "date": "2027-02-30", "isOffDay": "true"},
          {"date": "2025-05-01", "isOffDay": 1},
          {"name": "春节", "date": "2027-01-01", "isOffDay": true},
          {"name": "国庆节", "date": "2027-10-08", "isOffDay": false},
          "2027-10-01"
        ]}
        """
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(text.utf8))) { e in
            guard case .invalid(let issues)? = e as? CalendarFileError else { return XCTFail("\(e)") }
            XCTAssertEqual(issues.map { "\($0.index ?? -1).\($0.field ?? "")" },
                           ["1.name", "1.date", "1.isOffDay", "2.name", "2.date", "2.isOffDay", "3.date", "4.isOffDay", "5."])
            let msg = e.localizedDescription
            XCTAssertTrue(msg.hasPrefix("文件有9处错误，未导入任何数据"), msg)
            XCTAssertTrue(msg.contains("第2条（days[1]）的 date：“2027-02-30”不是有效日期"), msg)
            XCTAssertTrue(msg.contains("第3条（days[2]）的 date：2025-05-01 不属于2027年的安排"), msg)
            XCTAssertTrue(msg.contains("第4条（days[3]）的 date：2027-01-01 与第1条（days[0]）重复"), msg)
            XCTAssertTrue(msg.contains("2027-10-08（周五）本来就是工作日"), msg)
        }
    }

    func testEmptyDaysMeansNotPublished() {
        let text = #"{"year": 2027, "papers": [], "days": []}"#
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(text.utf8))) { e in
            XCTAssertEqual(e as? CalendarFileError, .noDays(year: 2027))
            XCTAssertTrue(e.localizedDescription.contains("该文件没有任何日期：可能尚未发布"))
        }
    }

    func testGB18030FileIsNamed() {
        // "春节" in GB18030 is B4 BA BD DA; the same file saved by Notepad as "ANSI".
        var bytes = Array(#"{"year": 2027, "days": [{"name": ""#.utf8)
        bytes += [0xB4, 0xBA, 0xBD, 0xDA]
        bytes += Array(#"", "date": "2027-02-06", "isOffDay": true}]}"#.utf8)
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(bytes))) { e in
            XCTAssertEqual(e as? CalendarFileError, .notUTF8(likelyEncoding: "GB18030（GBK）"))
            XCTAssertTrue(e.localizedDescription.contains("GB18030"))
            XCTAssertTrue(e.localizedDescription.contains("UTF-8"))
        }
        XCTAssertThrowsError(try HolidayCNFile.parse(Data([0xFF, 0xFE, 0x7B, 0x00]))) {
            XCTAssertEqual($0 as? CalendarFileError, .notUTF8(likelyEncoding: "UTF-16"))
        }
    }

    func testNotJSONAndMissingFields() {
        XCTAssertThrowsError(try HolidayCNFile.parse(Data("year,date\n2027,2027-01-01".utf8))) {
            XCTAssertEqual($0 as? CalendarFileError, .notJSON)
        }
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(#"{"days": {}}"#.utf8))) {
            XCTAssertEqual($0 as? CalendarFileError, .invalid([
                .init(field: "year", message: "缺少年份"), .init(field: "days", message: "应为列表 [...]")]))
        }
    }

    func testRealHolidayCNFilesParse() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/holiday-cn")
        guard FileManager.default.fileExists(atPath: dir.path) else { throw XCTSkip("no ../shared/data/holiday-cn") }
        let f = try HolidayCNFile.parse(Data(contentsOf: dir.appendingPathComponent("2026.json")))
        XCTAssertEqual(f.year, 2026)
        XCTAssertEqual(f.days.count, 39)
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(contentsOf: dir.appendingPathComponent("2027.json")))) {
            XCTAssertEqual($0 as? CalendarFileError, .noDays(year: 2027))
        }
    }
}
