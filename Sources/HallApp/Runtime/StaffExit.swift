import Foundation
import TerminalUI

/// Staff closing a public screen (the call board, a rating pad): 工号, then 密码. The check is the
/// store's `checkStaffAtPublicScreen` (an effect): audited there, but never counted towards the
/// account's lock-out; the screen slows itself down with `ExitThrottle` instead.
public enum StaffExit: Sendable {
    case clerk(InputDialog)
    case pin(InputDialog, clerkNumber: String)

    public static func start(_ title: String) -> StaffExit {
        .clerk(InputDialog(title: title, prompt: "工号：",
                           field: TextField(maxLength: 10, allowed: { $0.isASCII && ($0.isNumber || $0.isLetter) })))
    }

    public enum Outcome { case pending(StaffExit), cancelled, missingNumber, submitted(clerkNumber: String, pin: String) }

    public func handle(_ key: Key) -> Outcome {
        switch self {
        case .clerk(var d):
            switch d.handle(key) {
            case .pending: return .pending(.clerk(d))
            case .cancelled: return .cancelled
            case .submitted(let number):
                guard !number.isEmpty else { return .missingNumber }
                return .pending(.pin(InputDialog(title: d.title, prompt: "密码：",
                                                 field: TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber })),
                                     clerkNumber: number))
            }
        case .pin(var d, let number):
            switch d.handle(key) {
            case .pending: return .pending(.pin(d, clerkNumber: number))
            case .cancelled: return .cancelled
            case .submitted(let pin): return .submitted(clerkNumber: number, pin: pin)
            }
        }
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        switch self {
        case .clerk(let d), .pin(let d, _): d.render(in: area, into: &buffer)
        }
    }
}

/// Wrong PINs at a public screen's exit slow that screen down; they never lock the staff account
/// (the pad's keyboard is the public's: counting there let anyone lock a supervisor out). Two
/// mistakes are free; after that each one closes the exit for twice as long as the one before,
/// from 15 seconds up to 5 minutes, so guessing a 4-digit PIN takes days while a clerk who mistypes
/// waits seconds. A right PIN starts the count afresh.
public struct ExitThrottle: Equatable, Sendable {
    public private(set) var failures = 0
    public private(set) var closedUntil: Date?
    static let freeFailures = 2
    static let firstDelay: TimeInterval = 15
    static let longestDelay: TimeInterval = 300

    public init() {}

    public mutating func failed(at now: Date) {
        failures += 1
        let extra = failures - Self.freeFailures
        guard extra > 0 else { return }
        closedUntil = now + min(Self.longestDelay, Self.firstDelay * pow(2, Double(min(extra - 1, 16))))
    }

    public mutating func succeeded() { self = ExitThrottle() }

    /// Why the exit is closed now, in Chinese; nil when it is open.
    public func refusal(at now: Date) -> String? {
        guard let until = closedUntil, until > now else { return nil }
        return "工号或密码错误次数过多，请 \(Int(until.timeIntervalSince(now).rounded(.up))) 秒后再试"
    }
}
