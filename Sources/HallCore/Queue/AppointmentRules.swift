import Foundation

/// What a phone booking taken at the hall must satisfy, the same as (and a little stricter than)
/// the centre's booking API (`OnlineAppointment.problem`): a slot in the coming year, on a working
/// day of the hall's calendar, inside opening hours; a real phone number; a name that cannot
/// steer a terminal or a printer. Every answer is a Chinese reason naming the fault.
public enum AppointmentRules {
    public static let minutesRange = 5...240

    public static func slotProblem(start: Date, minutes: Int, now: Date, calendar: HallCalendar,
                                   workCalendar: WorkCalendar, policy: QueuePolicy) -> String? {
        // Checked before any arithmetic: 153722867280912931 minutes used to overflow and crash.
        guard minutesRange.contains(minutes) else {
            return "预约时段长度应为\(minutesRange.lowerBound)到\(minutesRange.upperBound)分钟（收到 \(minutes)）"
        }
        let day = calendar.dayKey(start), at = "\(day) \(calendar.hourMinute(start))"
        if start <= now { return "预约时间 \(at) 已经过去" }
        if start > calendar.addingDays(366, to: now) { return "预约时间 \(at) 太远：只能预约今后一年之内" }
        do {
            if try !workCalendar.isWorkingDay(day) { return "\(day)（\(weekdayName(day))）不是工作日，大厅不办公" }
        } catch {
            return "\(day.prefix(4)) 年的工作日历尚未导入，无法确认 \(day) 是否办公：请先导入日历（yichuang import calendar）"
        }
        let startMinute = minuteOfDay(start, calendar), endMinute = startMinute + minutes
        if startMinute < policy.openMinute || endMinute > policy.closeMinute {
            return "预约时段 \(calendar.hourMinute(start)) 起 \(minutes) 分钟不在办公时间 \(clock(policy.openMinute))–\(clock(policy.closeMinute)) 之内"
        }
        return nil
    }

    /// Names are shown on screens and printed: no control, format (RTL override, zero width) or
    /// line-separator characters, so ESC, OSC 52 and newlines cannot get through.
    public static func nameProblem(_ raw: String) -> String? {
        let n = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if n.isEmpty || n.count > 50 { return "预约人姓名应为1到50个字" }
        let hidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate]
        if n.unicodeScalars.contains(where: { hidden.contains($0.properties.generalCategory) }) {
            return "预约人姓名含有控制字符或不可见字符（如换行、转义序列、文字方向控制符），请重新输入"
        }
        return nil
    }

    /// A mobile is 11 digits starting 13–19; a landline 10–12 digits with its 0 area code, or
    /// 7–8 digits locally. Spaces and hyphens are ignored. Returns the digits or the reason.
    public static func normalizedPhone(_ raw: String) -> Result<String, AppointmentProblem> {
        let digits = normalizeIdentityInput(raw).filter { $0 != " " && $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(AppointmentProblem("联系电话只能是数字（可含空格和短横线）"))
        }
        switch digits.first! {
        case "1":
            guard digits.count == 11, let second = digits.dropFirst().first, ("3"..."9").contains(second) else {
                return .failure(AppointmentProblem("手机号应为11位、以13到19开头（收到\(digits.count)位）"))
            }
        case "0":
            guard (10...12).contains(digits.count) else { return .failure(AppointmentProblem("带区号的固定电话应为10到12位（收到\(digits.count)位）")) }
        default:
            guard (7...8).contains(digits.count) else { return .failure(AppointmentProblem("本地固定电话应为7到8位（收到\(digits.count)位）")) }
        }
        return .success(digits)
    }

    static func minuteOfDay(_ d: Date, _ calendar: HallCalendar) -> Int {
        Int(d.timeIntervalSince(calendar.startOfDay(d)) / 60)
    }

    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }

    static func weekdayName(_ day: String) -> String {
        WorkCalendar.weekday(of: day).map { CivilDay.weekdayName($0) } ?? ""
    }
}

public struct AppointmentProblem: Error, Equatable, LocalizedError {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var errorDescription: String? { reason }
}
