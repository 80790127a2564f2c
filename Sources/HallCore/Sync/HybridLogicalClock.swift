import Foundation

/// Hybrid logical clock timestamp: wall milliseconds plus a counter, so operations from one node
/// stay ordered even when the wall clock jumps back.
public struct HLCTimestamp: Comparable, Codable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64
    public var counter: Int
    public init(milliseconds: Int64, counter: Int) { self.milliseconds = milliseconds; self.counter = counter }

    public static func < (a: HLCTimestamp, b: HLCTimestamp) -> Bool {
        (a.milliseconds, a.counter) < (b.milliseconds, b.counter)
    }

    /// Fixed-width text that sorts like the timestamp: "0001763712000000-0000".
    public var description: String { String(format: "%016lld-%04d", milliseconds, counter) }

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let ms = Int64(parts[0]), let c = Int(parts[1]) else { return nil }
        self.init(milliseconds: ms, counter: c)
    }

    /// The next local event's timestamp after `last`, given the (offset-corrected) wall time.
    public static func next(after last: HLCTimestamp?, wallTime: Date) -> HLCTimestamp {
        let wall = Int64((wallTime.timeIntervalSince1970 * 1000).rounded(.down))
        guard let last else { return HLCTimestamp(milliseconds: wall, counter: 0) }
        if wall > last.milliseconds { return HLCTimestamp(milliseconds: wall, counter: 0) }
        return HLCTimestamp(milliseconds: last.milliseconds, counter: last.counter + 1)
    }
}

/// Kinds of facts a hall pushes to the centre (the outbox operation's `kind`).
public enum OperationKind: String, Codable, Sendable {
    case ticketIssued = "ticket.issued"
    case queueEvent = "queue.event"
    case windowState = "window.state"
    case clerkSession = "clerk.session"
    case appointmentCheckedIn = "appointment.checkedIn"
    case referenceChanged = "reference.changed"
    case caseEvent = "case.event"
    case documentIssued = "document.issued"
    case printJob = "print.job"
    case ratingInvited = "rating.invited"
    case rating = "rating.given"
    case rectification = "rectification.action"
    case ratingPolicy = "rating.policy"
}
