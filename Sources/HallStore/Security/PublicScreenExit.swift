import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Staff closing a public screen (a rating pad): the PIN is checked, but a wrong one never
    /// counts towards the account's lock-out. A pad's keyboard is in the public's reach, so
    /// counting there would let anyone lock a supervisor out by typing five wrong PINs; the pad
    /// slows itself down instead (`ExitThrottle` in HallApp). A lock set elsewhere still holds.
    ///
    /// Returns nil for an unknown 工号 and for a wrong PIN alike, so the screen tells the public
    /// nothing about which 工号 exist. Every attempt is audited (留痕) and sent to the centre.
    public func checkStaffAtPublicScreen(clerkNumber: String, pin: String, terminal: String) throws -> Clerk? {
        let key = normalizeIdentityInput(clerkNumber)
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE number = ? AND active = 1", arguments: [key]) }
        let clerk = try row.map { try Clerk(row: $0) }
        let matches = row.map { PinHasher.verify(pin, against: $0["pin_hash"]) } ?? false
        let by = Attribution(clerkId: clerk?.id, clerkNumber: clerk?.number ?? key, terminal: terminal)
        struct Attempt: Encodable { let clerkNumber: String; let terminal: String; let outcome: String }
        // A locked attempt is recorded too, so the refusal is thrown only after the commit.
        let locked: Date? = try perform(by) { tx, _ in
            if let clerk, let until = try lockedUntil(tx.db, clerkId: clerk.id), until > tx.now {
                try record(tx, key, terminal, "账号已锁定", action: "clerk.publicExitFailed")
                return until
            }
            try record(tx, key, terminal, clerk.map { matches ? "\($0.name) 关闭公共屏" : "密码错误" } ?? "无此工号",
                       action: clerk != nil && matches ? "clerk.publicExit" : "clerk.publicExitFailed")
            return nil
        }
        if let locked {
            throw StoreError.clerkLocked(minutes: max(1, Int((locked.timeIntervalSince(clock.now()) / 60).rounded(.up))))
        }
        return matches ? clerk : nil

        func lockedUntil(_ db: Database, clerkId: String) throws -> Date? {
            try Double.fetchOne(db, sql: "SELECT locked_until FROM clerk WHERE id = ?", arguments: [clerkId])
                .map { Date(timeIntervalSince1970: $0) }
        }
        func record(_ tx: BusinessTransaction, _ number: String, _ terminal: String, _ outcome: String, action: String) throws {
            try tx.outbox(.clerkSession, entityId: clerk?.id ?? number,
                          payload: Attempt(clerkNumber: number, terminal: terminal, outcome: outcome))
            try tx.audit(action: action, entity: "clerk", entityId: clerk?.id, detail: "\(terminal) 工号 \(number)：\(outcome)")
        }
    }
}
