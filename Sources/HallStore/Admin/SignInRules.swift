import Foundation
import GRDB
import HallCore

/// What a correct PIN does not settle: a one-time PIN must be changed first, and a window takes
/// only a role that may work it, only while open, and only a clerk allowed there.
enum SignInRules {
    static func check(_ tx: BusinessTransaction, clerk: Clerk, window number: Int?) throws {
        if try Bool.fetchOne(tx.db, sql: "SELECT must_change_pin FROM clerk WHERE id = ?", arguments: [clerk.id]) == true {
            throw AdminError.pinChangeRequired(clerk.number)
        }
        guard let number else { return }
        let role = HallRole(clerk.role)
        guard RoleMatrix.allows(role, .signInAtWindow) else { throw AdminError.notPermitted(.signInAtWindow, role: role) }
        let w = try WindowAdmin.row(tx.db, number: number)
        guard WindowAdmin.isOpen(w, now: tx.now) else { throw AdminError.windowClosed(number) }
        let allowed = try String.fetchAll(tx.db, sql: "SELECT window_id FROM clerk_window WHERE clerk_id = ?", arguments: [clerk.id])
        if !allowed.isEmpty, !allowed.contains(w.id) { throw AdminError.windowNotPermitted(clerk: clerk.name, window: number) }
    }
}
