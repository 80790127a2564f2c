import Foundation
import HallCore
import Logging
import PostgresNIO

/// Whether a booked slot is one the hall is open for: a working day by the official calendar the
/// centre published (holidays off, make-up workdays on; a year not yet published is refused,
/// never guessed) and inside the opening hours. Civil time is China time, like the halls'.
struct BookingSlotRule: Sendable {
    let client: PostgresClient
    let logger: Logger
    let hours: CentralSettings.OpeningHours
    static let calendar = HallCalendar()

    /// The reason the slot is refused, in Chinese, or nil when it is fine.
    func problem(start: Date, minutes: Int) async throws -> String? {
        let day = Self.calendar.dayKey(start)
        let work = try await publishedCalendar()
        do {
            if try !work.isWorkingDay(day) {
                let name = work.days[day].map { "（\($0.name)）" } ?? "（周末）"
                return "\(day)\(name)是休息日，大厅不办公，请另选工作日"
            }
        } catch CalendarError.yearNotPublished(let year) {
            return "中心尚未发布\(year)年的节假日安排，无法确认 \(day) 是否为工作日，暂不能预约该日"
        }
        let from = minutesOfDay(start), to = from + minutes
        guard from >= hours.openMinutes, to <= hours.closeMinutes else {
            return "预约时段 \(Self.calendar.hourMinute(start)) 起 \(minutes) 分钟不在大厅办公时间 \(hours.text) 之内"
        }
        return nil
    }

    private func minutesOfDay(_ date: Date) -> Int {
        Int(date.timeIntervalSince(Self.calendar.startOfDay(date)) / 60)
    }

    /// Every calendar year the centre published, merged by date (a December day may sit in the
    /// next year's file), latest publication of each year.
    private func publishedCalendar() async throws -> WorkCalendar {
        var days: [WorkCalendar.Day] = [], years: Set<Int> = []
        for try await payload in try await client.query("""
            SELECT DISTINCT ON (entity_id) payload FROM bucket_change
            WHERE bucket = 'calendar' AND entity = \(ReferenceEntity.calendarYear) ORDER BY entity_id, id DESC
            """, logger: logger).decode(String?.self) {
            // A year with no announced day is a notice not yet out (the hall's import says the same).
            guard let payload, let year = try? ReferenceJSON.decode(CalendarYear.self, payload), !year.days.isEmpty else { continue }
            years.insert(year.year)
            days += year.days
        }
        return WorkCalendar(days: days.sorted { $0.date < $1.date }, publishedYears: years)
    }
}

extension CentralSettings {
    /// The hours bookings may fall in, China time. The seed default is 09:00–17:00; a province
    /// sets its own with `yichuang central --booking-hours`.
    public struct OpeningHours: Sendable, Equatable {
        public var openMinutes: Int
        public var closeMinutes: Int
        public init(open: Int, close: Int) { openMinutes = open; closeMinutes = close }
        public static let seedDefault = OpeningHours(open: 9 * 60, close: 17 * 60)

        /// "08:30-17:30" → hours, or nil.
        public init?(_ text: String) {
            let parts = text.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0...23).contains($0[0]) && (0...59).contains($0[1]) }) else { return nil }
            openMinutes = parts[0][0] * 60 + parts[0][1]
            closeMinutes = parts[1][0] * 60 + parts[1][1]
            guard openMinutes < closeMinutes else { return nil }
        }

        public var text: String {
            String(format: "%02d:%02d–%02d:%02d", openMinutes / 60, openMinutes % 60, closeMinutes / 60, closeMinutes % 60)
        }
    }
}
