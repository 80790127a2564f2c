import Foundation

/// Our own compact form of the official calendar, shipped as Resources/data/work-calendar.json
/// (written by Resources/tools/build-calendar.py from the holiday-cn files, all years merged by
/// date). HallCore only decodes it; the app reads the bytes via HallResources.
public struct WorkCalendarResource: Codable, Equatable, Sendable {
    public var source: String
    public var publishedYears: [Int]
    public var holidays: [String: String]          // date → holiday name
    public var makeUpWorkdays: [String: String]    // date → which holiday it makes up for

    /// Decodes and checks the file; a damaged resource is reported, never half-loaded.
    public static func decode(_ json: Data) throws -> WorkCalendarResource {
        let r: WorkCalendarResource
        do { r = try JSONDecoder().decode(WorkCalendarResource.self, from: json) } catch {
            throw CalendarError.badResource("不是有效的 JSON 或缺少字段")
        }
        for date in Array(r.holidays.keys) + Array(r.makeUpWorkdays.keys) where !WorkCalendar.isValidDate(date) {
            throw CalendarError.badResource("日期“\(date)”无效")
        }
        if let both = Set(r.holidays.keys).intersection(r.makeUpWorkdays.keys).sorted().first {
            throw CalendarError.badResource("\(both) 既是假日又是调休上班日")
        }
        if r.publishedYears.isEmpty { throw CalendarError.badResource("没有任何已发布年份") }
        return r
    }

    public var calendar: WorkCalendar {
        let days = holidays.map { WorkCalendar.Day(date: $0.key, isOffDay: true, name: $0.value) }
            + makeUpWorkdays.map { WorkCalendar.Day(date: $0.key, isOffDay: false, name: $0.value) }
        return WorkCalendar(days: days, publishedYears: Set(publishedYears))
    }
}

extension WorkCalendar {
    /// The shipped calendar: `WorkCalendar.fromResource(json: HallResources.data("work-calendar.json"))`.
    public static func fromResource(json: Data) throws -> WorkCalendar {
        try WorkCalendarResource.decode(json).calendar
    }
}
