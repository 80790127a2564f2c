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
            guard v.hasPrefix("after:"), let n = Int(v.dropFirst(6)), n >= 0 else { return nil }
            self = .afterOthers(n)
        }
    }
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
    public init() {}
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
