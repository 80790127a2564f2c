import Foundation

/// What personal data a printed document shows (DOMAIN: masked except where the law needs it whole).
/// - The applicant's name is whole on notices: the notice is addressed to them. Tickets carry none.
/// - Resident ID numbers are always masked (110105********002X): no notice needs them whole, the
///   case keeps them.
/// - Phone numbers are masked (138****5678): the agency has the whole number in the case.
/// - Credit codes are whole: they are public register data.
public enum DocumentPrivacy {
    public static func residentId(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        return maskIdentityNumber(normalizeIdentityInput(raw))
    }

    public static func phone(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        return maskPhone(raw.filter { !$0.isWhitespace })
    }
}

/// Dates as Chinese documents write them, in the hall's time zone.
public enum ChineseDate {
    /// 2026年3月2日
    public static func day(_ date: Date, _ calendar: HallCalendar) -> String {
        dayFromKey(calendar.dayKey(date))
    }

    /// 2026年3月2日 09:05
    public static func dayTime(_ date: Date, _ calendar: HallCalendar) -> String {
        "\(day(date, calendar)) \(calendar.hourMinute(date))"
    }

    /// "2026-03-05" → 2026年3月5日 (due dates are stored as day keys).
    public static func dayFromKey(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return key }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }
}
