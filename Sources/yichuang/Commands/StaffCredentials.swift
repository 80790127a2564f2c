import Foundation
import HallApp
import HallCore
import HallStore

/// A member of staff's 工号 and PIN for a command that changes the hall or reads personal data:
/// from YICHUANG_STAFF and YICHUANG_PIN, else from standard input (工号 on the first line, PIN on
/// the second). Never from argv, which every local user can read through ps and /proc.
enum StaffCredentials {
    static func nextStdinLine() -> String? { readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) }

    static func read() throws -> (staff: String, pin: String) {
        let env = ProcessInfo.processInfo.environment
        let staff = env["YICHUANG_STAFF"].map { $0.trimmingCharacters(in: .whitespaces) } ?? nextStdinLine()
        let pin = env["YICHUANG_PIN"] ?? nextStdinLine()
        guard let staff, !staff.isEmpty, let pin, !pin.isEmpty else { throw AdminError.noCredentials }
        return (staff, pin)
    }

    /// The attribution of the member of staff whose PIN was given, when the role matrix lets their
    /// role do `permission` (the store checks it again inside each write).
    static func attribution(_ store: HallStore, _ config: AppConfig, for permission: Permission) throws -> Attribution {
        let (staff, pin) = try read()
        return try store.authenticate(staff: staff, pin: pin, for: permission, terminal: "cli:" + config.terminal)
    }

    /// The store opened for writing (a wrong PIN is counted there) and the attribution of the
    /// member of staff allowed to do `permission`, for commands that read reports or import.
    static func open(_ options: StoreOptions, for permission: Permission) throws -> (HallStore, Attribution) {
        let (store, config) = try options.open()
        return (store, try attribution(store, config, for: permission))
    }
}
