import Foundation

/// Time comes from an injected clock so tests can run a whole day in milliseconds.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tests move by hand. Thread-safe: several store handles may share it.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ start: Date) { current = start }
    public func now() -> Date { lock.lock(); defer { lock.unlock() }; return current }
    public func advance(seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
    public func set(_ date: Date) { lock.lock(); current = date; lock.unlock() }
}

/// The hall's civil calendar: service days and report dates are local dates in the hall's zone.
public struct HallCalendar: Sendable {
    public let timeZone: TimeZone
    public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) { self.timeZone = timeZone }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// "2026-11-21": the key that numbering restarts on.
    public func dayKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    public func date(fromDayKey key: String) -> Date? {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var dc = DateComponents()
        dc.year = parts[0]; dc.month = parts[1]; dc.day = parts[2]
        guard let d = calendar.date(from: dc), dayKey(d) == key else { return nil }
        return d
    }

    public func addingDays(_ n: Int, to date: Date) -> Date {
        calendar.date(byAdding: .day, value: n, to: date)!
    }

    public func timeOfDay(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!)
    }

    public func hourMinute(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// Local date-time from "2026-11-21 09:30" (what a clerk or a script types).
    public func parseLocal(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = date(fromDayKey: String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":").compactMap { Int($0) }
        guard hm.count >= 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) else { return nil }
        return day + TimeInterval(hm[0] * 3600 + hm[1] * 60)
    }

    /// Age in whole years on `date` for a birth date given as y/m/d.
    public func age(birthYear: Int, month: Int, day: Int, on date: Date) -> Int {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        var age = c.year! - birthYear
        if (c.month!, c.day!) < (month, day) { age -= 1 }
        return age
    }
}

/// "3分12秒", "1小时05分": how long someone has waited, for people.
public func formatDuration(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    if s < 60 { return "\(s)秒" }
    if s < 3600 { return "\(s / 60)分\(String(format: "%02d", s % 60))秒" }
    return "\(s / 3600)小时\(String(format: "%02d", (s % 3600) / 60))分"
}
