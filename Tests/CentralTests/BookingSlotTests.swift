import CentralServer
import Foundation
import HallCore
import SyncProtocol
import XCTest

/// Issue 15, defect 3: a booking is refused, with the reason, on a day the hall is closed by the
/// official calendar and outside its opening hours (09:00–17:00 China time by default).
final class BookingSlotTests: XCTestCase {
    func testSlotsOutsideWorkingDaysAndHoursAreRefusedWithTheReason() async throws {
        try await CentralFixture.run { f in
            let china = HallCalendar()
            let thisYear = Int(china.dayKey(Date()).prefix(4))!
            // A holiday on the next weekday after tomorrow, a make-up workday on the Sunday after.
            let holiday = BookingSlots.nextDay(after: 2) { BookingSlots.isPlainWorkday($0) }
            let sunday = BookingSlots.nextDay(after: 2) { BookingSlots.weekday($0) == 1 && !china.dayKey($0).hasSuffix("-01-01") }
            try await BookingSlots.publishCalendars(f, years: [thisYear, thisYear + 1], days: [
                .init(date: china.dayKey(holiday), isOffDay: true, name: "测试假日"),
                .init(date: china.dayKey(sunday), isOffDay: false, name: "调休上班")], skipYear: thisYear + 1)
            let token = try await f.central.registry.issueApiToken(role: .booking, label: "预约").token
            let hallId = try f.store.syncIdentity().hallId
            var n = 0
            func book(_ day: Date, _ hour: Int, _ minute: Int = 0) async throws -> (Int, String) {
                n += 1
                let r = BookingRequest(hallId: hallId, bookingId: "S\(n)", service: "A", name: "王小明", phone: "13800138000",
                                       slotStart: BookingSlots.at(day, hour, minute).timeIntervalSince1970, slotMinutes: 30)
                let (status, data) = try await f.post(SyncPaths.booking, r, token: token)
                return (status, (try? JSONDecoder().decode(SyncErrorBody.self, from: data).message) ?? "")
            }
            let saturday = BookingSlots.nextDay(after: 2) { BookingSlots.weekday($0) == 7 }
            let weekday = BookingSlots.nextDay(after: 2) { BookingSlots.isPlainWorkday($0) && china.dayKey($0) != china.dayKey(holiday) }

            var (status, message) = try await book(saturday, 10)
            XCTAssertEqual(status, 422); XCTAssertTrue(message.contains("休息日"), message)
            (status, message) = try await book(holiday, 10)
            XCTAssertEqual(status, 422); XCTAssertTrue(message.contains("测试假日"), message)
            (status, message) = try await book(weekday, 3)
            XCTAssertEqual(status, 422); XCTAssertTrue(message.contains("办公时间 09:00–17:00"), message)
            (status, message) = try await book(weekday, 16, 45)    // ends 17:15, after closing
            XCTAssertEqual(status, 422); XCTAssertTrue(message.contains("办公时间"), message)
            (status, message) = try await book(Date(), 23)         // today at 23:00 (or already past)
            XCTAssertEqual(status, 422, message)
            // The year after next is not published: refused, not guessed.
            let unpublished = china.date(fromDayKey: "\(thisYear + 1)-01-05")!
            if unpublished.timeIntervalSinceNow < 360 * 86_400 {
                (status, message) = try await book(unpublished, 10)
                XCTAssertEqual(status, 422); XCTAssertTrue(message.contains("尚未发布\(thisYear + 1)年的节假日安排"), message)
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM booking"), 0, "nothing refused was stored")

            (status, message) = try await book(weekday, 10)
            XCTAssertEqual(status, 200, message)
            (status, message) = try await book(sunday, 9)
            XCTAssertEqual(status, 200, "a make-up workday is open: \(message)")
        }
    }
}

/// Dates for booking tests, in China time, relative to today so the tests hold on any day.
enum BookingSlots {
    static let china = HallCalendar()
    static var gregorian: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return c
    }
    static func weekday(_ d: Date) -> Int { gregorian.component(.weekday, from: d) }   // 1 = Sunday
    static func isWeekend(_ d: Date) -> Bool { [1, 7].contains(weekday(d)) }

    /// The first day at least `days` ahead that satisfies `ok`, at midnight China time.
    static func nextDay(after days: Int, _ ok: (Date) -> Bool) -> Date {
        var d = china.startOfDay(china.addingDays(days, to: Date()))
        while !ok(d) { d = china.addingDays(1, to: d) }
        return d
    }

    static func at(_ day: Date, _ hour: Int, _ minute: Int) -> Date {
        china.startOfDay(day).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    /// The next weekday at least two days ahead, 10:00 China time, on a published calendar.
    static func plainWorkingSlot(_ f: CentralFixture) async throws -> Date {
        let year = Int(china.dayKey(Date()).prefix(4))!
        try await publishCalendars(f, years: [year, year + 1], days: [])
        return at(nextDay(after: 2) { isPlainWorkday($0) }, 10, 0)
    }

    /// Each year gets 元旦 besides `days`: a year with no announced day counts as unpublished.
    static func publishCalendars(_ f: CentralFixture, years: [Int], days: [WorkCalendar.Day], skipYear: Int? = nil) async throws {
        let publisher = ReferencePublisher(f.central)
        for y in years where y != skipYear {
            let own = days.filter { $0.date.hasPrefix("\(y)-") }
            let newYear = own.contains { $0.date == "\(y)-01-01" } ? [] : [WorkCalendar.Day(date: "\(y)-01-01", isOffDay: true, name: "元旦")]
            try await publisher.publishCalendar(CalendarYear(year: y, days: newYear + own))
        }
    }

    /// Monday to Friday and not 元旦.
    static func isPlainWorkday(_ d: Date) -> Bool { !isWeekend(d) && !china.dayKey(d).hasSuffix("-01-01") }
}
