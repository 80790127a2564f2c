import Foundation
import GRDB
import HallCore

/// A member of staff as administration sees them (never the PIN or its hash).
public struct StaffSetup: Codable, Equatable, Sendable {
    public var clerk: Clerk
    public var active: Bool
    public var mustChangePIN: Bool
    public var lockedUntil: Date?
    public var windows: [Int]        // empty = any window
}

enum StaffRules {
    /// 4–12 digits, the keypad the sign-in screen and the pad accept.
    static func checkPIN(_ pin: String) throws {
        guard (4...12).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw AdminError.invalid("密码应为 4–12 位数字")
        }
        guard Set(pin).count > 1 else { throw AdminError.invalid("密码不能是同一个数字重复") }
    }

    /// A random 6-digit PIN that `checkPIN` accepts (not one digit repeated).
    static func oneTimePIN() -> String {
        var pin: String
        repeat { pin = String(format: "%06d", Int.random(in: 0...999_999)) } while Set(pin).count == 1
        return pin
    }

    /// New PINs are hashed with the rounds the hall already uses (a test hall uses fewer).
    static func rounds(_ db: Database) throws -> Int {
        let sample = try String.fetchOne(db, sql: "SELECT pin_hash FROM clerk LIMIT 1") ?? ""
        let parts = sample.split(separator: "$")
        return parts.count == 4 ? Int(parts[1]) ?? PinHasher.defaultRounds : PinHasher.defaultRounds
    }

    static func clerk(_ db: Database, number raw: String) throws -> (Clerk, Row) {
        let key = normalizeIdentityInput(raw)
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE number = ?", arguments: [key]) else { throw StoreError.noSuchClerk(key) }
        return (try Clerk(row: r), r)
    }

    static func signedInWindow(_ db: Database, clerkId: String) throws -> Int? {
        try Int.fetchOne(db, sql: """
            SELECT w.number FROM window_state s JOIN hall_window w ON w.id = s.window_id WHERE s.clerk_id = ? AND s.status != 'signedOut'
            """, arguments: [clerkId])
    }
}

extension HallStore {
    public func staffSetups() throws -> [StaffSetup] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM clerk ORDER BY number").map { r in
                StaffSetup(clerk: try Clerk(row: r), active: r["active"], mustChangePIN: r["must_change_pin"],
                           lockedUntil: (r["locked_until"] as Double?).map { Date(timeIntervalSince1970: $0) },
                           windows: try Int.fetchAll(db, sql: """
                               SELECT w.number FROM clerk_window cw JOIN hall_window w ON w.id = cw.window_id WHERE cw.clerk_id = ? ORDER BY w.number
                               """, arguments: [r["id"] as String]))
            }
        }
    }

    /// 新增工作人员 (admin). The PIN the admin gives is one-time: changed at the first sign-in.
    @discardableResult
    public func addStaff(number raw: String, name rawName: String, role: ClerkRole, pin: String, by: Attribution) throws -> Clerk {
        let number = normalizeIdentityInput(raw)
        guard (1...10).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else {
            throw AdminError.invalid("工号应为 1–10 个字母或数字")
        }
        let name = try WindowAdmin.validName(rawName)
        try StaffRules.checkPIN(pin)
        let rounds = try read { try StaffRules.rounds($0) }
        let hash = PinHasher.hash(pin, rounds: rounds)   // slow on purpose: outside the write lock
        return try perform(by) { tx, hall in
            try tx.require(.manageStaff)
            if try Int.fetchOne(tx.db, sql: "SELECT 1 FROM clerk WHERE number = ?", arguments: [number]) != nil {
                throw AdminError.invalid("工号 \(number) 已存在（停用的工号也不能重复使用）")
            }
            let c = Clerk(id: newId(), number: number, name: name, role: role)
            try tx.db.execute(sql: "INSERT INTO clerk (id, hall_id, number, name, role, pin_hash, must_change_pin) VALUES (?, ?, ?, ?, ?, ?, 1)",
                              arguments: [c.id, hall.hallId, number, name, role.rawValue, hash])
            try tx.recordChange("staff.add", entity: "clerk", entityId: c.id, subject: "\(number) \(name)", old: nil, new: role.label, words: "新增工作人员")
            return c
        }
    }

    /// 停用 / 启用 (admin). Never deleted: the records keep their 工号. A member of staff signed in
    /// at a window is signed out first (forceSignOut).
    public func setStaffActive(_ number: String, _ active: Bool, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.manageStaff)
            let (c, r) = try StaffRules.clerk(tx.db, number: number)
            guard (r["active"] as Bool) != active else { throw AdminError.invalid("工号 \(c.number) 已是\(active ? "启用" : "停用")状态") }
            if !active, c.id == by.clerkId { throw AdminError.invalid("不能停用自己的工号") }
            if !active, let w = try StaffRules.signedInWindow(tx.db, clerkId: c.id) {
                throw AdminError.invalid("\(c.name) 正在 \(w) 号窗口登录：请先强制退出该窗口")
            }
            try tx.db.execute(sql: "UPDATE clerk SET active = ? WHERE id = ?", arguments: [active, c.id])
            try tx.recordChange(active ? "staff.enable" : "staff.disable", entity: "clerk", entityId: c.id, subject: "\(c.number) \(c.name)",
                                old: active ? "停用" : "启用", new: active ? "启用" : "停用", words: active ? "启用工号" : "停用工号")
        }
    }

    public func setStaffRole(_ number: String, _ role: ClerkRole, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.manageStaff)
            let (c, _) = try StaffRules.clerk(tx.db, number: number)
            guard c.role != role else { throw AdminError.invalid("\(c.name) 已是\(role.label)") }
            if c.id == by.clerkId { throw AdminError.invalid("不能修改自己的角色") }
            try tx.db.execute(sql: "UPDATE clerk SET role = ? WHERE id = ?", arguments: [role.rawValue, c.id])
            try tx.recordChange("staff.role", entity: "clerk", entityId: c.id, subject: "\(c.number) \(c.name)", old: c.role.label, new: role.label, words: "修改角色")
        }
    }

    /// The windows a member of staff may sign in at; empty = any window.
    public func setStaffWindows(_ number: String, _ windows: [Int], by: Attribution) throws {
        try perform(by) { tx, hall in
            try tx.require(.manageStaff)
            let (c, _) = try StaffRules.clerk(tx.db, number: number)
            let old = try Int.fetchAll(tx.db, sql: """
                SELECT w.number FROM clerk_window cw JOIN hall_window w ON w.id = cw.window_id WHERE cw.clerk_id = ? ORDER BY w.number
                """, arguments: [c.id])
            let ids = try windows.map { try WindowAdmin.row(tx.db, number: $0).id }
            try tx.db.execute(sql: "DELETE FROM clerk_window WHERE clerk_id = ?", arguments: [c.id])
            for id in Set(ids) {
                try tx.db.execute(sql: "INSERT INTO clerk_window (clerk_id, window_id, hall_id) VALUES (?, ?, ?)", arguments: [c.id, id, hall.hallId])
            }
            func text(_ w: [Int]) -> String { w.isEmpty ? "任意窗口" : w.sorted().map(String.init).joined(separator: ",") }
            try tx.recordChange("staff.windows", entity: "clerk", entityId: c.id, subject: "\(c.number) \(c.name)",
                                old: text(old), new: text(Array(Set(windows))), words: "修改可登录窗口")
        }
    }

    /// 重置密码 (admin): a random 6-digit one-time PIN, returned once and never stored in clear; it
    /// must be changed before any sign-in. The lock-out is lifted with it.
    public func resetPIN(_ number: String, by: Attribution) throws -> String {
        let pin = StaffRules.oneTimePIN()
        let rounds = try read { try StaffRules.rounds($0) }
        let hash = PinHasher.hash(pin, rounds: rounds)
        try perform(by) { tx, _ in
            try tx.require(.manageStaff)
            let (c, _) = try StaffRules.clerk(tx.db, number: number)
            try tx.db.execute(sql: "UPDATE clerk SET pin_hash = ?, must_change_pin = 1, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                              arguments: [hash, c.id])
            try tx.recordChange("staff.resetPIN", entity: "clerk", entityId: c.id, subject: "\(c.number) \(c.name)",
                                old: nil, new: "一次性密码（下次登录前须修改）", words: "重置密码")
        }
        return pin
    }

    /// 解除锁定 (admin).
    public func unlockStaff(_ number: String, by: Attribution) throws {
        try perform(by) { tx, hall in
            try tx.require(.manageStaff)
            let (c, r) = try StaffRules.clerk(tx.db, number: number)
            let until = (r["locked_until"] as Double?).map { Date(timeIntervalSince1970: $0) }
            guard until.map({ $0 > tx.now }) == true || (r["failed_attempts"] as Int) > 0 else {
                throw AdminError.invalid("\(c.name) 没有被锁定")
            }
            try tx.db.execute(sql: "UPDATE clerk SET failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [c.id])
            try tx.recordChange("staff.unlock", entity: "clerk", entityId: c.id, subject: "\(c.number) \(c.name)",
                                old: until.map { "锁定至 " + hall.calendar.timeOfDay($0) } ?? "密码错误\(r["failed_attempts"] as Int)次",
                                new: "未锁定", words: "解除锁定")
        }
    }

    /// 修改本人密码: with the current PIN (a one-time one included). A wrong current PIN counts
    /// towards the lock-out like a sign-in.
    public func changeOwnPIN(staff number: String, current: String, new: String, terminal: String) throws {
        try StaffRules.checkPIN(new)
        guard new != current else { throw AdminError.invalid("新密码不能与原密码相同") }
        let key = normalizeIdentityInput(number)
        let row = try read { try StaffRules.clerk($0, number: key).1 }
        guard (row["active"] as Bool) else { throw AdminError.staffDisabled(key) }
        let clerk = try Clerk(row: row)
        guard RoleMatrix.allows(HallRole(clerk.role), .changeOwnPIN) else { throw AdminError.notPermitted(.changeOwnPIN, role: HallRole(clerk.role)) }
        let state = SignInState(failedAttempts: row["failed_attempts"],
                                lockedUntil: (row["locked_until"] as Double?).map { Date(timeIntervalSince1970: $0) })
        let matches = PinHasher.verify(current, against: row["pin_hash"])
        if !matches || SignInPolicy.isLocked(state, now: clock.now()) != nil {
            // Counts, locks and audits the failure; a correct PIN on a locked account is refused there too.
            _ = try signIn(clerkNumber: key, pin: current, window: nil, terminal: terminal)
        }
        let hash = PinHasher.hash(new, rounds: try read { try StaffRules.rounds($0) })
        try perform(Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)) { tx, _ in
            try tx.db.execute(sql: "UPDATE clerk SET pin_hash = ?, must_change_pin = 0, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                              arguments: [hash, clerk.id])
            try tx.recordChange("staff.changePIN", entity: "clerk", entityId: clerk.id, subject: "\(clerk.number) \(clerk.name)",
                                old: nil, new: nil, words: "本人修改密码")
        }
    }
}
