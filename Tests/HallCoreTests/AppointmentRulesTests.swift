import XCTest
@testable import HallCore

/// Issue 12, defect 7: what `appointment` accepted (past dates, 1969, 9999, 0 and huge minutes,
/// an overflow crash, a Sunday, 03:00, a 10-digit mobile, names with ESC/OSC 52/RTL/newline).
final class AppointmentRulesTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_772_413_200)   // Monday 2026-03-02 09:00 Beijing time
    let hall = HallCalendar()
    let work = WorkCalendar(days: [.init(date: "2026-04-06", isOffDay: true, name: "清明节")], publishedYears: [2026])

    func slot(_ text: String, _ minutes: Int = 30) -> String? {
        AppointmentRules.slotProblem(start: hall.parseLocal(text)!, minutes: minutes, now: now, calendar: hall, workCalendar: work, policy: QueuePolicy())
    }

    func testSlotsOutsideTheHallsDaysAndHoursAreRefusedWithTheReason() {
        XCTAssertNil(slot("2026-03-03 10:00"))
        XCTAssertNil(slot("2026-03-03 16:30"))
        XCTAssertEqual(slot("2026-03-01 10:00"), "预约时间 2026-03-01 10:00 已经过去")
        XCTAssertEqual(slot("1969-12-31 10:00"), "预约时间 1969-12-31 10:00 已经过去")
        XCTAssertEqual(slot("9999-01-04 10:00"), "预约时间 9999-01-04 10:00 太远：只能预约今后一年之内")
        XCTAssertEqual(slot("2026-03-03 10:00", 0), "预约时段长度应为5到240分钟（收到 0）")
        XCTAssertEqual(slot("2026-03-03 10:00", 99_999_999), "预约时段长度应为5到240分钟（收到 99999999）")
        XCTAssertEqual(slot("2026-03-03 10:00", 153_722_867_280_912_931), "预约时段长度应为5到240分钟（收到 153722867280912931）")
        XCTAssertEqual(slot("2026-03-08 10:00"), "2026-03-08（周日）不是工作日，大厅不办公")
        XCTAssertEqual(slot("2026-04-06 10:00"), "2026-04-06（周一）不是工作日，大厅不办公")
        XCTAssertEqual(slot("2026-03-03 03:00"), "预约时段 03:00 起 30 分钟不在办公时间 09:00–17:00 之内")
        XCTAssertEqual(slot("2026-03-03 16:45"), "预约时段 16:45 起 30 分钟不在办公时间 09:00–17:00 之内")
        XCTAssertTrue(slot("2027-01-05 10:00")!.hasPrefix("2027 年的工作日历尚未导入"))
    }

    func testPhonesMustBeRealNumbers() {
        XCTAssertEqual(AppointmentRules.normalizedPhone("138 0013 8000"), .success("13800138000"))
        XCTAssertEqual(AppointmentRules.normalizedPhone("010-12345678"), .success("01012345678"))
        XCTAssertEqual(AppointmentRules.normalizedPhone("1380013800"), .failure(AppointmentProblem("手机号应为11位、以13到19开头（收到10位）")))
        XCTAssertEqual(AppointmentRules.normalizedPhone("12345"), .failure(AppointmentProblem("手机号应为11位、以13到19开头（收到5位）")))
        XCTAssertEqual(AppointmentRules.normalizedPhone("123456"), .failure(AppointmentProblem("手机号应为11位、以13到19开头（收到6位）")))
        XCTAssertEqual(AppointmentRules.normalizedPhone("5555"), .failure(AppointmentProblem("本地固定电话应为7到8位（收到4位）")))
        XCTAssertEqual(AppointmentRules.normalizedPhone("电话"), .failure(AppointmentProblem("联系电话只能是数字（可含空格和短横线）")))
    }

    func testNamesThatCouldSteerATerminalAreRefused() {
        XCTAssertNil(AppointmentRules.nameProblem("欧阳娜娜"))
        XCTAssertNil(AppointmentRules.nameProblem("阿依古丽·买买提"))
        for name in ["\u{1b}[2J张三", "\u{1b}]52;c;ZXZpbA==\u{07}", "张\u{202E}三", "张\n三", "张\u{2028}三", "张\u{200B}三"] {
            XCTAssertEqual(AppointmentRules.nameProblem(name), "预约人姓名含有控制字符或不可见字符（如换行、转义序列、文字方向控制符），请重新输入", name.debugDescription)
        }
        XCTAssertEqual(AppointmentRules.nameProblem("  "), "预约人姓名应为1到50个字")
    }
}
