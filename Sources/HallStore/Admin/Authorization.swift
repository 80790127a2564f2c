import Foundation
import GRDB
import HallCore

extension Attribution {
    /// A write by an unattended device (no staff member behind it): the node itself unless told.
    public static func device(_ role: HallRole, terminal: String) -> Attribution {
        var a = Attribution(terminal: terminal)
        a.device = role
        return a
    }
}

extension BusinessTransaction {
    /// The role behind this write, from the clerk row (a caller cannot claim a role), and
    /// refuses the write unless the role matrix allows `permission`. A disabled member of staff
    /// may do nothing.
    @discardableResult
    public func require(_ permission: Permission) throws -> HallRole {
        let role = try Authorization.role(of: attribution, db)
        guard RoleMatrix.allows(role, permission) else { throw AdminError.notPermitted(permission, role: role) }
        return role
    }
}

enum Authorization {
    static func role(of by: Attribution, _ db: Database) throws -> HallRole {
        guard let id = by.clerkId else { return by.device ?? .station }
        guard let r = try Row.fetchOne(db, sql: "SELECT number, role, active FROM clerk WHERE id = ?", arguments: [id]) else {
            throw StoreError.noSuchClerk(by.clerkNumber ?? id)
        }
        guard (r["active"] as Bool) else { throw AdminError.staffDisabled(r["number"]) }
        return HallRole(ClerkRole(rawValue: r["role"]) ?? .clerk)
    }
}

extension HallStore {
    /// Checks a member of staff's 工号 and PIN for one permission, for a command that acts with no
    /// screen (the CLI): a wrong PIN counts towards the lock-out like a sign-in, a locked, disabled
    /// or must-change-PIN account is refused, and the role must be allowed. Nothing is written on
    /// success, so a script's every command does not grow the audit log.
    public func authenticate(staff number: String, pin: String, for permission: Permission, terminal: String) throws -> Attribution {
        let key = normalizeIdentityInput(number)
        guard let row = try read({ db in try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE number = ?", arguments: [key]) }) else {
            throw StoreError.noSuchClerk(key)
        }
        guard (row["active"] as Bool) else { throw AdminError.staffDisabled(key) }
        let clerk = try Clerk(row: row)
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        let matches = PinHasher.verify(pin, against: row["pin_hash"])
        let state = SignInState(failedAttempts: row["failed_attempts"],
                                lockedUntil: (row["locked_until"] as Double?).map { Date(timeIntervalSince1970: $0) })
        if matches, state.failedAttempts == 0, SignInPolicy.isLocked(state, now: clock.now()) == nil {
            if (row["must_change_pin"] as Bool) { throw AdminError.pinChangeRequired(key) }
            guard RoleMatrix.allows(HallRole(clerk.role), permission) else {
                throw AdminError.notPermitted(permission, role: HallRole(clerk.role))
            }
            return by
        }
        // A wrong PIN, a lock, or earlier failures to clear: the sign-in machinery counts and audits.
        _ = try signIn(clerkNumber: key, pin: pin, window: nil, terminal: terminal)
        return try authenticate(staff: key, pin: pin, for: permission, terminal: terminal)
    }
}
