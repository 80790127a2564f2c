import Foundation

/// A date without a time or a zone ("2026-10-01"). Working-day arithmetic is about civil dates
/// only, so it is done on day numbers: no Foundation Calendar, no time zone, no DST surprises.
struct CivilDay: Comparable, Hashable, Sendable {
    let year: Int, month: Int, day: Int

    /// Strict "YYYY-MM-DD": what the calendar files and the store hold. Anything else (2026-1-1,
    /// 2026/01/01, 2026-02-30) is refused rather than guessed at.
    init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              y >= 1900, (1...12).contains(m), d >= 1, d <= CivilDay.daysInMonth(y, m) else { return nil }
        year = y; month = m; day = d
    }

    init(dayNumber n: Int) {
        // Howard Hinnant's civil_from_days; day 0 = 1970-01-01.
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }
    var isWeekend: Bool { weekday >= 6 }
    var text: String { String(format: "%04d-%02d-%02d", year, month, day) }
    func adding(_ n: Int) -> CivilDay { CivilDay(dayNumber: dayNumber + n) }

    static func < (a: CivilDay, b: CivilDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
