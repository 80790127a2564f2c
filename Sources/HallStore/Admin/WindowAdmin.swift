import Foundation
import GRDB
import HallCore

/// A window's administrative state: open or closed, temporary (临时窗口) and until when.
public struct WindowSetup: Codable, Equatable, Sendable {
    public var number: Int
    public var name: String
    public var serviceCodes: [String]
    public var isOpen: Bool
    public var isTemporary: Bool
    public var temporaryUntil: Date?
    public var allowedStaff: [String]   // 工号 of staff limited to this window among others
}

enum WindowAdmin {
    struct Row_ { let id: String; let number: Int; let name: String; let isOpen: Bool; let isTemporary: Bool; let until: Date? }

    static func row(_ db: Database, number: Int) throws -> Row_ {
        guard let r = try db.fetchOneCached("SELECT * FROM hall_window WHERE number = ?", [number]) else {
            throw StoreError.noSuchWindow(number)
        }
        return Row_(id: r["id"], number: r["number"], name: r["name"], isOpen: r["is_open"], isTemporary: r["is_temporary"],
                    until: (r["temporary_until"] as Double?).map { Date(timeIntervalSince1970: $0) })
    }

    /// Closed by hand, or a temporary window whose time has run out.
    static func isOpen(_ w: Row_, now: Date) -> Bool {
        w.isOpen && (w.until.map { $0 > now } ?? true)
    }

    static func serviceIds(_ db: Database, codes: [String]) throws -> [String] {
        guard !codes.isEmpty else { throw AdminError.invalid("窗口至少要办理一类业务") }
        guard Set(codes.map { $0.uppercased() }).count == codes.count else { throw AdminError.invalid("业务重复：\(codes.joined(separator: ","))") }
        return try codes.map { try Fetch.service(db, matching: $0).id }
    }

    static func writeServices(_ db: Database, windowId: String, hallId: String, serviceIds: [String]) throws {
        try db.execute(sql: "DELETE FROM window_service WHERE window_id = ?", arguments: [windowId])
        for (pos, id) in serviceIds.enumerated() {
            try db.execute(sql: "INSERT INTO window_service (window_id, service_id, hall_id, position) VALUES (?, ?, ?, ?)",
                           arguments: [windowId, id, hallId, pos])
        }
    }

    static func serviceCodes(_ db: Database, windowId: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT s.code FROM window_service ws JOIN service s ON s.id = ws.service_id WHERE ws.window_id = ? ORDER BY ws.position
            """, arguments: [windowId])
    }

    static func validName(_ raw: String) throws -> String {
        let name = cleanNote(raw)
        guard !name.isEmpty, name.count <= 20 else { throw AdminError.invalid("名称应为 1–20 个字") }
        return name
    }
}

extension HallStore {
    public func windowSetups() throws -> [WindowSetup] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM hall_window ORDER BY number").map { r in
                let id: String = r["id"]
                return WindowSetup(number: r["number"], name: r["name"], serviceCodes: try WindowAdmin.serviceCodes(db, windowId: id),
                                   isOpen: WindowAdmin.isOpen(try WindowAdmin.row(db, number: r["number"]), now: clock.now()),
                                   isTemporary: r["is_temporary"],
                                   temporaryUntil: (r["temporary_until"] as Double?).map { Date(timeIntervalSince1970: $0) },
                                   allowedStaff: try String.fetchAll(db, sql: """
                                       SELECT c.number FROM clerk_window cw JOIN clerk c ON c.id = cw.clerk_id WHERE cw.window_id = ? ORDER BY c.number
                                       """, arguments: [id]))
            }
        }
    }

    /// 新增窗口 (admin). A temporary window is opened with `openTemporaryWindow` (supervisor).
    public func addWindow(number: Int, name: String, services: [String], by: Attribution) throws {
        guard (1...999).contains(number) else { throw AdminError.invalid("窗口号应为 1–999") }
        try perform(by) { tx, hall in
            try tx.require(.manageWindows)
            if try Int.fetchOne(tx.db, sql: "SELECT 1 FROM hall_window WHERE number = ?", arguments: [number]) != nil {
                throw AdminError.invalid("已有 \(number) 号窗口")
            }
            try Self.insertWindow(tx, hall: hall, number: number, name: try WindowAdmin.validName(name), services: services,
                                  temporaryUntil: nil, temporary: false)
            try tx.recordChange("window.add", entity: "window", entityId: nil, subject: "\(number)号窗口", old: nil,
                                new: "\(name)（\(services.joined(separator: ","))）", words: "新增窗口")
        }
    }

    static func insertWindow(_ tx: BusinessTransaction, hall: HallInfo, number: Int, name: String, services: [String],
                             temporaryUntil: Date?, temporary: Bool) throws {
        let ids = try WindowAdmin.serviceIds(tx.db, codes: services)
        let id = newId()
        try tx.db.execute(sql: "INSERT INTO hall_window (id, hall_id, number, name, is_open, is_temporary, temporary_until) VALUES (?, ?, ?, ?, 1, ?, ?)",
                          arguments: [id, hall.hallId, number, name, temporary, temporaryUntil?.timeIntervalSince1970])
        try WindowAdmin.writeServices(tx.db, windowId: id, hallId: hall.hallId, serviceIds: ids)
        try tx.db.execute(sql: "INSERT INTO window_state (window_id, hall_id, status, since) VALUES (?, ?, ?, ?)",
                          arguments: [id, hall.hallId, WindowStatus.signedOut.rawValue, tx.now.timeIntervalSince1970])
    }

    public func renameWindow(_ number: Int, to name: String, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.manageWindows)
            let w = try WindowAdmin.row(tx.db, number: number)
            let new = try WindowAdmin.validName(name)
            try tx.db.execute(sql: "UPDATE hall_window SET name = ? WHERE id = ?", arguments: [new, w.id])
            try tx.recordChange("window.name", entity: "window", entityId: w.id, subject: "\(number)号窗口", old: w.name, new: new, words: "窗口改名")
        }
    }

    /// The window's services in the order it calls them (its work profile).
    public func setWindowServices(_ number: Int, services: [String], by: Attribution) throws {
        try perform(by) { tx, hall in
            try tx.require(.manageWindows)
            let w = try WindowAdmin.row(tx.db, number: number)
            let old = try WindowAdmin.serviceCodes(tx.db, windowId: w.id)
            let ids = try WindowAdmin.serviceIds(tx.db, codes: services)
            try WindowAdmin.writeServices(tx.db, windowId: w.id, hallId: hall.hallId, serviceIds: ids)
            let new = try WindowAdmin.serviceCodes(tx.db, windowId: w.id)
            try tx.recordChange("window.services", entity: "window", entityId: w.id, subject: "\(number)号窗口",
                                old: old.joined(separator: ","), new: new.joined(separator: ","), words: "窗口办理业务及顺序")
        }
    }

    /// 开窗 / 关窗 (supervisor). A window someone is signed in at is signed out first (forceSignOut).
    public func setWindowOpen(_ number: Int, _ open: Bool, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.liveControl)
            let w = try WindowAdmin.row(tx.db, number: number)
            if !open, let name = try Self.signedInName(tx.db, windowId: w.id) {
                throw AdminError.invalid("\(number) 号窗口由 \(name) 登录中：请先让其退出，或用强制退出")
            }
            guard WindowAdmin.isOpen(w, now: tx.now) != open else { throw AdminError.invalid("\(number) 号窗口已是\(open ? "开放" : "关闭")状态") }
            // Reopening a temporary window whose time ran out makes it an ordinary open window until closed.
            try tx.db.execute(sql: "UPDATE hall_window SET is_open = ?, temporary_until = CASE WHEN ? THEN NULL ELSE temporary_until END WHERE id = ?",
                              arguments: [open, open, w.id])
            try tx.recordChange(open ? "window.open" : "window.close", entity: "window", entityId: w.id, subject: "\(number)号窗口",
                                old: open ? "关闭" : "开放", new: open ? "开放" : "关闭", words: open ? "开放窗口" : "关闭窗口")
        }
    }

    /// 临时增加窗口 (supervisor): a window for chosen services, until a time or until closed. A
    /// new number, or a temporary window closed before.
    public func openTemporaryWindow(number: Int, name: String? = nil, services: [String], until: Date?, by: Attribution) throws {
        guard (1...999).contains(number) else { throw AdminError.invalid("窗口号应为 1–999") }
        try perform(by) { tx, hall in
            try tx.require(.liveControl)
            if let until, until <= tx.now { throw AdminError.invalid("临时窗口的结束时间已过") }
            let label = name.map(cleanNote).flatMap { $0.isEmpty ? nil : $0 } ?? "\(number)号临时窗口"
            if let w = try? WindowAdmin.row(tx.db, number: number) {
                guard w.isTemporary, !WindowAdmin.isOpen(w, now: tx.now) else {
                    throw AdminError.invalid("已有 \(number) 号窗口：临时窗口请用新的窗口号（或已关闭的临时窗口）")
                }
                try tx.db.execute(sql: "UPDATE hall_window SET name = ?, is_open = 1, temporary_until = ? WHERE id = ?",
                                  arguments: [label, until?.timeIntervalSince1970, w.id])
                try WindowAdmin.writeServices(tx.db, windowId: w.id, hallId: hall.hallId, serviceIds: try WindowAdmin.serviceIds(tx.db, codes: services))
            } else {
                try Self.insertWindow(tx, hall: hall, number: number, name: label, services: services, temporaryUntil: until, temporary: true)
            }
            let till = until.map { "至 " + hall.calendar.timeOfDay($0) } ?? "至关闭"
            try tx.recordChange("window.temporary", entity: "window", entityId: nil, subject: "\(number)号临时窗口",
                                old: nil, new: "\(services.joined(separator: ","))，\(till)", words: "开设临时窗口")
        }
    }

    static func signedInName(_ db: Database, windowId: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT c.name FROM window_state s JOIN clerk c ON c.id = s.clerk_id WHERE s.window_id = ? AND s.status != 'signedOut'
            """, arguments: [windowId])
    }

    /// A window closed by hand or past its temporary time takes no new call.
    static func requireOpen(_ db: Database, window number: Int, now: Date) throws {
        guard WindowAdmin.isOpen(try WindowAdmin.row(db, number: number), now: now) else { throw AdminError.windowClosed(number) }
    }
}
