import Foundation
import TerminalUI

/// Staff closing a public screen (the call board, a rating pad): 工号, then 密码. The check
/// itself is the store's sign-in (an effect), so wrong PINs are counted and audited there.
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
