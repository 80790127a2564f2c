import XCTest
import HallCore
@testable import HallStore

/// Issue 12, defect 7 through the store: bookAppointment checks before it writes (and no longer
/// multiplies an unchecked length: 153722867280912931 minutes crashed the process).
final class AppointmentBookingTests: XCTestCase {
    func testBookingIsCheckedAgainstTheHallsCalendarAndHours() throws {
        let h = try TestHall()
        _ = try h.store.seedCalendarIfEmpty(WorkCalendar(days: [.init(date: "2026-05-01", isOffDay: true, name: "劳动节")], publishedYears: [2026]), by: .system("test"))
        let cal = try h.store.hall().calendar
        func book(_ at: String, minutes: Int = 30, name: String = "吴晓燕", phone: String = "13800138001") throws -> Appointment {
            try h.store.bookAppointment(service: "C", name: name, phone: phone, slotStart: cal.parseLocal(at)!, slotMinutes: minutes, by: h.desk)
        }
        func refusal(_ body: @autoclosure () throws -> Appointment) -> String? {
            do { _ = try body(); return nil } catch { return error.localizedDescription }
        }
        XCTAssertEqual(refusal(try book("2026-03-03 10:00", minutes: 153_722_867_280_912_931)), "预约时段长度应为5到240分钟（收到 153722867280912931）")
        XCTAssertEqual(refusal(try book("2026-03-01 10:00")), "预约时间 2026-03-01 10:00 已经过去")
        XCTAssertEqual(refusal(try book("2026-03-08 10:00")), "2026-03-08（周日）不是工作日，大厅不办公")
        XCTAssertEqual(refusal(try book("2026-03-03 03:00")), "预约时段 03:00 起 30 分钟不在办公时间 09:00–17:00 之内")
        XCTAssertEqual(refusal(try book("2026-03-03 10:00", phone: "1380013800")), "手机号应为11位、以13到19开头（收到10位）")
        XCTAssertNotNil(refusal(try book("2026-03-03 10:00", name: "\u{1b}]52;c;ZXZpbA==\u{07}")))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM appointment"), 1, "only the demo appointment: nothing refused was stored")
        let ok = try book("2026-03-03 10:00")
        XCTAssertEqual(ok.slotEnd.timeIntervalSince(ok.slotStart), 1800)
    }
}
