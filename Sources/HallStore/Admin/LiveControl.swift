import Foundation
import GRDB
import HallCore

/// What becomes of a ticket a supervisor takes off a window.
public enum TicketDisposition: Sendable, Equatable {
    case queueFront          // back to its service's queue, at the front
    case window(Int)         // to another window's own line, at the front

    public var label: String {
        switch self {
        case .queueFront: return "回到队首"
        case .window(let n): return "转到\(n)号窗口（队首）"
        }
    }
}

public struct ForcedSignOut: Sendable, Equatable {
    public var clerkName: String
    public var moved: [Ticket]       // the serving ticket and the held ones, as they are now
}

extension HallStore {
    /// 强制退出 (supervisor): signs a window out whoever is signed in (a terminal that died), and
    /// sends its serving and held tickets where the supervisor chose.
    @discardableResult
    public func forceSignOut(window number: Int, serving: TicketDisposition = .queueFront, held: TicketDisposition = .queueFront,
                             by: Attribution) throws -> ForcedSignOut {
        try perform(by) { tx, hall in
            try tx.require(.liveControl)
            var s = try WindowStateRow.load(tx.db, window: number)
            guard s.status != .signedOut, s.clerkId != nil else { throw StoreError.windowNotSignedIn(number) }
            var moved: [Ticket] = []
            if let current = s.currentTicketId {
                moved.append(try Self.dispose(tx, hall: hall, ticket: try Fetch.ticket(tx.db, id: current), from: number, to: serving))
            }
            for r in try Row.fetchAll(tx.db, sql: "SELECT * FROM ticket WHERE status = 'held' AND window_number = ? ORDER BY called_at",
                                      arguments: [number]) {
                moved.append(try Self.dispose(tx, hall: hall, ticket: try Ticket(row: r), from: number, to: held))
            }
            let name = s.clerkName ?? "—"
            s.status = .signedOut; s.clerkId = nil; s.currentTicketId = nil; s.since = tx.now; s.signedInAt = nil
            try s.save(tx.db, now: tx.now)
            try tx.record(.signedOut, windowNumber: number, detail: "强制退出（\(name)）")
            try tx.recordChange("window.forceSignOut", entity: "window", entityId: s.window.id, subject: "\(number)号窗口",
                                old: "\(name) 登录", new: "未登录；" + (moved.isEmpty ? "无在办或挂起的号" : moved.map(\.number).joined(separator: ",") + " \(serving.label)"),
                                words: "强制退出窗口")
            return ForcedSignOut(clerkName: name, moved: moved)
        }
    }

    /// 挂起号回收 (supervisor): a held ticket back to the queue front or to another window.
    @discardableResult
    public func recoverHeld(_ rawNumber: String, to disposition: TicketDisposition = .queueFront, by: Attribution) throws -> Ticket {
        guard let wanted = normalizeTicketNumber(rawNumber) else { throw StoreError.invalidInput("号码“\(rawNumber.prefix(20))”格式不对，应为字母加数字，如 A001") }
        return try perform(by) { tx, hall in
            try tx.require(.liveControl)
            guard let r = try Row.fetchOne(tx.db, sql: "SELECT * FROM ticket WHERE number = ? AND status = 'held' ORDER BY issued_at DESC LIMIT 1",
                                           arguments: [wanted]) else {
                throw AdminError.invalid("没有挂起的号 \(wanted)")
            }
            let t = try Ticket(row: r)
            let moved = try Self.dispose(tx, hall: hall, ticket: t, from: t.windowNumber ?? 0, to: disposition)
            try tx.recordChange("ticket.recover", entity: "ticket", entityId: t.id, subject: t.number,
                                old: "挂起于\(t.windowNumber.map { "\($0)号窗口" } ?? "—")", new: disposition.label, words: "回收挂起的号")
            return moved
        }
    }

    /// 调岗 (supervisor): the clerk signed in at one window continues at another, with the
    /// window's held tickets. The window must have nobody being served.
    public func moveClerk(from: Int, to: Int, by: Attribution) throws {
        guard from != to else { throw AdminError.invalid("目标窗口与原窗口相同") }
        try perform(by) { tx, _ in
            try tx.require(.liveControl)
            var a = try WindowStateRow.load(tx.db, window: from)
            var b = try WindowStateRow.load(tx.db, window: to)
            guard a.status != .signedOut, let clerkId = a.clerkId else { throw StoreError.windowNotSignedIn(from) }
            if let current = a.currentTicketId {
                throw StoreError.alreadyServing(window: from, ticket: try Fetch.ticket(tx.db, id: current).number)
            }
            if b.status != .signedOut, let other = b.clerkName { throw StoreError.windowInUse(window: to, clerk: other) }
            guard WindowAdmin.isOpen(try WindowAdmin.row(tx.db, number: to), now: tx.now) else { throw AdminError.windowClosed(to) }
            let allowed = try String.fetchAll(tx.db, sql: "SELECT window_id FROM clerk_window WHERE clerk_id = ?", arguments: [clerkId])
            if !allowed.isEmpty, !allowed.contains(b.window.id) { throw AdminError.windowNotPermitted(clerk: a.clerkName ?? clerkId, window: to) }
            let name = a.clerkName ?? clerkId
            b.status = a.status == .paused ? .paused : .idle
            b.clerkId = clerkId; b.since = tx.now; b.signedInAt = tx.now
            a.status = .signedOut; a.clerkId = nil; a.since = tx.now; a.signedInAt = nil
            try a.save(tx.db, now: tx.now)
            try b.save(tx.db, now: tx.now)
            try tx.db.execute(sql: "UPDATE ticket SET window_number = ? WHERE status = 'held' AND window_number = ?", arguments: [to, from])
            // The sessions are the moved clerk's (the reports count logged-in time per clerk);
            // the supervisor's own entry below says who moved them.
            let clerkNumber = try String.fetchOne(tx.db, sql: "SELECT number FROM clerk WHERE id = ?", arguments: [clerkId])
            let asClerk = BusinessTransaction(db: tx.db, attribution: Attribution(clerkId: clerkId, clerkNumber: clerkNumber, terminal: tx.attribution.terminal),
                                              now: tx.now, hallId: tx.hallId, serviceDay: tx.serviceDay)
            try asClerk.record(.signedOut, windowNumber: from, detail: "调岗至\(to)号窗口（\(name)）")
            try asClerk.record(.signedIn, windowNumber: to, detail: name)
            try tx.recordChange("staff.move", entity: "clerk", entityId: clerkId, subject: name, old: "\(from)号窗口", new: "\(to)号窗口", words: "调岗")
        }
    }

    /// A ticket leaves its window for the queue front or another window's front, starting a new
    /// wait (a transfer, as the domain counts it).
    static func dispose(_ tx: BusinessTransaction, hall: HallInfo, ticket: Ticket, from window: Int, to d: TicketDisposition) throws -> Ticket {
        var target: Int?
        if case .window(let w) = d {
            guard w != window else { throw AdminError.invalid("不能转回原窗口") }
            _ = try WindowAdmin.row(tx.db, number: w)
            target = w
        }
        let edge = try CallOrder.edge(tx.db, serviceId: ticket.serviceId, targetWindow: target, position: .front,
                                      day: tx.serviceDay, keepOvernight: hall.policy.keepQueueOvernight)
        let t = CallRules.transferred(ticket, serviceId: ticket.serviceId, targetWindow: target, note: nil, now: tx.now)
        try TicketWrite.save(tx.db, t, order: CallRules.order(at: .front, edge: edge, now: tx.now))
        let windowClerk = window > 0 ? try WindowStateRow.load(tx.db, window: window).clerkId : nil
        try tx.record(.transferred, ticket: t, windowNumber: window, detail: "现场调度：\(d.label)", forClerk: .other(windowClerk))
        return t
    }
}
