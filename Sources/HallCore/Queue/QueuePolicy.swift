import Foundation

/// What happens to a ticket marked 过号.
public enum NoShowRequeue: Codable, Equatable, Sendable {
    case drop
    case backOfQueue
    case afterOthers(Int)

    /// "drop", "back", "after:3" — the form used in yichuang.toml.
    public init?(configValue: String) {
        let v = configValue.trimmingCharacters(in: .whitespaces).lowercased()
        switch v {
        case "drop": self = .drop
        case "back": self = .backOfQueue
        default:
            guard v.hasPrefix("after:"), let n = Int(v.dropFirst(6)), Self.afterRange.contains(n) else { return nil }
            self = .afterOthers(n)
        }
    }
    /// N in "after:N": at least one other call (0 would be no deferral at all), at most a long morning's line.
    public static let afterRange = 1...50
    /// What a refused config value is told.
    public static let configHelp = "应为 drop（作废）、back（排到队尾）或 after:N（顺延N位，N 为 \(afterRange.lowerBound)–\(afterRange.upperBound) 的整数）"

    public var configValue: String {
        switch self {
        case .drop: return "drop"
        case .backOfQueue: return "back"
        case .afterOthers(let n): return "after:\(n)"
        }
    }
    public var label: String {
        switch self {
        case .drop: return "作废"
        case .backOfQueue: return "排到队尾"
        case .afterOthers(let n): return "顺延\(n)位"
        }
    }
}

/// The hall's queue rules; every value is configurable, these are the shipped defaults.
public struct QueuePolicy: Codable, Equatable, Sendable {
    public var recallLimit = 2                 // 重呼 at most this many times, then 过号
    public var noShowRequeue = NoShowRequeue.afterOthers(3)
    public var greenChannelAge = 70            // offer 绿色通道 at or above this age
    public var keepQueueOvernight = false      // numbering restarts each day unless true
    public var pinMaxAttempts = 5
    public var pinLockMinutes = 5
    /// 过号顺延 with nobody else to call first: the ticket waits this long instead (see `CallRules`).
    public var noShowWaitMinutes = 3
    public static let noShowWaitRange = 1...120
    /// Opening hours in minutes after midnight, local time: appointments must fit inside them.
    public var openMinute = 9 * 60
    public var closeMinute = 17 * 60
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case recallLimit, noShowRequeue, greenChannelAge, keepQueueOvernight, pinMaxAttempts, pinLockMinutes, noShowWaitMinutes, openMinute, closeMinute
    }

    /// Every key is optional: a policy stored before a key existed keeps its other values
    /// (a synthesized decoder would fail and the hall would silently fall back to the defaults).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = QueuePolicy()
        recallLimit = try c.decodeIfPresent(Int.self, forKey: .recallLimit) ?? d.recallLimit
        noShowRequeue = try c.decodeIfPresent(NoShowRequeue.self, forKey: .noShowRequeue) ?? d.noShowRequeue
        greenChannelAge = try c.decodeIfPresent(Int.self, forKey: .greenChannelAge) ?? d.greenChannelAge
        keepQueueOvernight = try c.decodeIfPresent(Bool.self, forKey: .keepQueueOvernight) ?? d.keepQueueOvernight
        pinMaxAttempts = try c.decodeIfPresent(Int.self, forKey: .pinMaxAttempts) ?? d.pinMaxAttempts
        pinLockMinutes = try c.decodeIfPresent(Int.self, forKey: .pinLockMinutes) ?? d.pinLockMinutes
        noShowWaitMinutes = try c.decodeIfPresent(Int.self, forKey: .noShowWaitMinutes) ?? d.noShowWaitMinutes
        openMinute = try c.decodeIfPresent(Int.self, forKey: .openMinute) ?? d.openMinute
        closeMinute = try c.decodeIfPresent(Int.self, forKey: .closeMinute) ?? d.closeMinute
    }
}

/// Where a transferred ticket goes.
public enum TransferTarget: Equatable, Sendable {
    case service(String)     // service id: any window serving it may call it
    case window(Int)         // only that window calls it
}

public enum QueuePosition: String, Codable, Sendable {
    case front, back
    public var label: String { self == .front ? "队首" : "队尾" }
}

/// Ticket numbers: prefix + at least 3 digits (A001 … A999, A1000 …).
public func formatTicketNumber(prefix: String, sequence: Int) -> String {
    prefix + String(format: "%03d", sequence)
}

/// Normalizes what a clerk types as a ticket number: "a1" → "A001", "Ａ００５" → "A005".
public func normalizeTicketNumber(_ raw: String) -> String? {
    let s = normalizeIdentityInput(raw)
    let letters = s.prefix { $0.isASCII && $0.isLetter }
    let digits = s.dropFirst(letters.count)
    guard !letters.isEmpty, letters.count <= 3, !digits.isEmpty, digits.count <= 6,
          digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
    return formatTicketNumber(prefix: String(letters), sequence: n)
}

/// 绿色通道 is offered when the ID number shows an age at or above the threshold.
public func suggestsGreenChannel(_ id: ResidentID, policy: QueuePolicy, on date: Date, calendar: HallCalendar) -> Bool {
    calendar.age(birthYear: id.birthYear, month: id.birthMonth, day: id.birthDay, on: date) >= policy.greenChannelAge
}
