import Foundation

/// The official working-day calendar (国务院办公厅 holiday notices). Statutory and promised time
/// limits are counted in working days (行政许可法 §82), so a deadline is only as good as this
/// data: when a year has not been published, every question touching it is refused, never guessed.
public struct WorkCalendar: Equatable, Sendable {
    /// One announced day: a holiday (isOffDay true) or a make-up workday (调休上班, isOffDay false).
    public struct Day: Equatable, Hashable, Sendable, Codable {
        public var date: String          // "YYYY-MM-DD"
        public var isOffDay: Bool
        public var name: String          // "春节", "国庆节"
        public init(date: String, isOffDay: Bool, name: String) {
            self.date = date; self.isOffDay = isOffDay; self.name = name
        }
    }

    /// Announced days by date. holiday-cn puts some December days in the next year's file, so
    /// callers merge every file by date; a later entry for the same date wins.
    public let days: [String: Day]
    /// Years whose notice has been published and imported. A year with no notice (an empty
    /// holiday-cn file) is not published, even though it has weekends we could count.
    public let publishedYears: Set<Int>

    /// Longest period accepted: ten years of working days is already far beyond any legal limit.
    public static let maxWorkingDays = 3650

    public init(days: [Day], publishedYears: Set<Int>) {
        var map: [String: Day] = [:]
        for d in days { map[d.date] = d }
        self.days = map
        self.publishedYears = publishedYears
    }

    /// Announced days in date order (for the store and for display).
    public var sortedDays: [Day] { days.values.sorted { $0.date < $1.date } }

    // MARK: questions

    public func isWorkingDay(_ date: String) throws -> Bool { try isWorkingDay(parse(date)) }

    /// The first working day after `date`.
    public func nextWorkingDay(after date: String) throws -> String {
        var d = try parse(date).adding(1)
        while try !isWorkingDay(d) { d = d.adding(1) }
        return d.text
    }

    /// Promised completion date: N working days counted from the day AFTER acceptance, so N = 1 is
    /// the next working day after acceptance. N = 0 (即办件) is the day of acceptance itself.
    public func dueDate(acceptedOn: String, workingDays n: Int) throws -> String {
        guard (0...Self.maxWorkingDays).contains(n) else { throw CalendarError.invalidWorkingDays(n) }
        var d = try parse(acceptedOn)
        var left = n
        while left > 0 {
            d = d.adding(1)
            if try isWorkingDay(d) { left -= 1 }
        }
        return d.text
    }

    /// Working days in (from, to]: the inverse of `dueDate`, so
    /// `workingDaysBetween(a, dueDate(acceptedOn: a, workingDays: n)) == n`. Negative when `to`
    /// is before `from` (e.g. how many working days a case is overdue, with the arguments swapped).
    public func workingDaysBetween(_ from: String, _ to: String) throws -> Int {
        let a = try parse(from), b = try parse(to)
        if b < a { return -(try workingDaysBetween(to, from)) }
        guard b.dayNumber - a.dayNumber <= Self.maxWorkingDays * 2 else { throw CalendarError.rangeTooLong(from: from, to: to) }
        var count = 0
        var d = a
        while d < b {
            d = d.adding(1)
            if try isWorkingDay(d) { count += 1 }
        }
        return count
    }

    /// A case is overdue once the due date has passed: it can still be finished on the due date.
    /// Needs no holiday data, but both dates are checked so a typo never reads as "on time".
    public func isOverdue(due: String, today: String) throws -> Bool {
        try parse(today) > parse(due)
    }

    // MARK: rules

    /// A make-up workday is on; otherwise Monday–Friday is on unless it is an announced holiday.
    func isWorkingDay(_ d: CivilDay) throws -> Bool {
        guard publishedYears.contains(d.year) else { throw CalendarError.yearNotPublished(d.year) }
        if let announced = days[d.text] { return !announced.isOffDay }
        return !d.isWeekend
    }

    func parse(_ text: String) throws -> CivilDay {
        guard let d = CivilDay(text) else { throw CalendarError.invalidDate(text) }
        return d
    }

    /// Checks a date text without any calendar ("YYYY-MM-DD", a real date).
    public static func isValidDate(_ text: String) -> Bool { CivilDay(text) != nil }

    /// 1 = Monday … 7 = Sunday; nil for an invalid date.
    public static func weekday(of text: String) -> Int? { CivilDay(text)?.weekday }
}

public enum CalendarError: Error, Equatable, Sendable, LocalizedError {
    case yearNotPublished(Int)
    case invalidDate(String)
    case invalidWorkingDays(Int)
    case rangeTooLong(from: String, to: String)
    case badResource(String)

    public var errorDescription: String? {
        switch self {
        case .yearNotPublished(let y):
            return "\(y)年的节假日安排尚未发布或未导入，无法计算承诺办结日期；请在国务院办公厅发布通知后运行 yichuang import calendar 导入\(y)年的节假日安排"
        case .invalidDate(let s):
            return "日期“\(s.count > 20 ? String(s.prefix(20)) + "…" : s)”无效：应为 YYYY-MM-DD 格式的真实日期，例如 2026-10-09"
        case .invalidWorkingDays(let n):
            return "办理时限 \(n) 个工作日无效：应为 0 到 \(WorkCalendar.maxWorkingDays) 之间的整数"
        case .rangeTooLong(let a, let b):
            return "日期范围 \(a) 至 \(b) 过长，无法计算工作日"
        case .badResource(let s):
            return "随软件附带的工作日历数据有误（\(s)）：安装不完整或文件被改动，请重新安装"
        }
    }
}
