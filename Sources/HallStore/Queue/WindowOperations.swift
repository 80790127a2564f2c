import Foundation
import GRDB
import HallCore

public enum RecallOutcome: Equatable, Sendable {
    case recalled(Ticket, count: Int)
    case noShow(Ticket, NoShowRequeue)   // the recall limit was reached
}

extension HallStore {
    // MARK: sign-in

    /// Signs a clerk in at a window. The PIN is checked outside the write lock (the hash is slow on
    /// purpose); the lock-out counter is then updated inside one transaction.
    /// With no window (ticket desk, dashboard) only the PIN and the lock-out apply.
    public func signIn(clerkNumber: String, pin: String, window number: Int?, terminal: String) throws -> Clerk {
        let key = normalizeIdentityInput(clerkNumber)
        guard let row = try read({ db in try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE number = ?", arguments: [key]) }) else {
            throw StoreError.noSuchClerk(key)
        }
        guard (row["active"] as Bool) else { throw AdminError.staffDisabled(key) }
        let clerk = try Clerk(row: row)
        let matches = PinHasher.verify(pin, against: row["pin_hash"])
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        let outcome: SignInOutcome = try perform(by) { tx, hall in
            let r = try Row.fetchOne(tx.db, sql: "SELECT failed_attempts, locked_until FROM clerk WHERE id = ?", arguments: [clerk.id])!
            let state = SignInState(failedAttempts: r["failed_attempts"],
                                    lockedUntil: (r["locked_until"] as Double?).map { Date(timeIntervalSince1970: $0) })
            let (next, outcome) = SignInPolicy.attempt(state, pinMatches: matches, now: tx.now, policy: hall.policy)
            try tx.db.execute(sql: "UPDATE clerk SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                              arguments: [next.failedAttempts, next.lockedUntil?.timeIntervalSince1970, clerk.id])
            guard outcome == .accepted else {
                struct Failed: Encodable { let clerkId: String; let window: Int; let outcome: String }
                let text: String
                switch outcome {
                case .wrongPIN(let n): text = "密码错误（剩余\(n)次）"
                case .locked(let until): text = "账号锁定至 \(hall.calendar.timeOfDay(until))"
                case .accepted: text = ""
                }
                try tx.outbox(.clerkSession, entityId: clerk.id, payload: Failed(clerkId: clerk.id, window: number ?? 0, outcome: text))
                try tx.audit(action: "clerk.signInFailed", entity: "clerk", entityId: clerk.id,
                             detail: "\(number.map { "\($0)号窗口" } ?? terminal)登录失败：\(text)")
                return outcome
            }
            try SignInRules.check(tx, clerk: clerk, window: number)   // one-time PIN, role, open window, permission
            guard let number else {
                try tx.outbox(.clerkSession, entityId: clerk.id, payload: ["terminal": terminal])
                try tx.audit(action: "clerk.signIn", entity: "clerk", entityId: clerk.id, detail: "\(clerk.name) 在 \(terminal) 登录")
                return .accepted
            }
            var state2 = try WindowStateRow.load(tx.db, window: number)
            if let other = state2.clerkId, other != clerk.id, state2.status != .signedOut {
                let name = try String.fetchOne(tx.db, sql: "SELECT name FROM clerk WHERE id = ?", arguments: [other]) ?? other
                throw StoreError.windowInUse(window: number, clerk: name)
            }
            if let elsewhere = try Int.fetchOne(tx.db, sql: """
                SELECT w.number FROM window_state s JOIN hall_window w ON w.id = s.window_id
                WHERE s.clerk_id = ? AND s.status != 'signedOut' AND w.number != ?
                """, arguments: [clerk.id, number]) {
                throw StoreError.clerkAtOtherWindow(clerk: clerk.name, window: elsewhere)
            }
            if state2.status == .signedOut {
                state2.status = .idle
                state2.clerkId = clerk.id
                state2.since = tx.now
                state2.signedInAt = tx.now
                try state2.save(tx.db, now: tx.now)
                try tx.record(.signedIn, windowNumber: number, detail: clerk.name)
            } else {
                // The same clerk opening a second console for their window: no new session.
                try tx.audit(action: "clerk.reattach", entity: "window", entityId: state2.window.id, detail: "\(clerk.name) 重新进入 \(number) 号窗口")
                try tx.outbox(.clerkSession, entityId: clerk.id, payload: ["window": number])
            }
            return .accepted
        }
        switch outcome {
        case .accepted: return clerk
        case .wrongPIN(let n): throw StoreError.wrongPIN(remaining: n)
        case .locked(let until): throw StoreError.clerkLocked(minutes: max(1, Int((until.timeIntervalSince(clock.now()) / 60).rounded(.up))))
        }
    }

    public func signOut(window number: Int, by: Attribution) throws {
        try perform(by) { tx, _ in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            if let current = s.currentTicketId {
                let t = try Fetch.ticket(tx.db, id: current)
                throw StoreError.alreadyServing(window: number, ticket: t.number)
            }
            s.status = .signedOut
            s.clerkId = nil
            s.since = tx.now
            s.signedInAt = nil
            try s.save(tx.db, now: tx.now)
            try tx.record(.signedOut, windowNumber: number)
        }
    }

    // MARK: calling

    /// 叫号: the next ticket for this window by the hall's call order.
    public func callNext(window number: Int, by: Attribution) throws -> Ticket {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try Self.requireReadyToCall(s, tx: tx, by: by)
            guard let (ticket, candidates) = try CallOrder.next(tx.db, window: s.window, now: tx.now, day: tx.serviceDay,
                                                                keepOvernight: hall.policy.keepQueueOvernight) else {
                throw StoreError.queueEmpty(window: number)
            }
            if pauseInCallMilliseconds > 0 { usleep(UInt32(pauseInCallMilliseconds) * 1000) }
            try CallOrder.countCall(tx.db, of: ticket, by: s.window, deferred: candidates)
            return try Self.startServing(tx, ticket: ticket, state: &s, kind: .called)
        }
    }

    /// 指定叫号: a given number, typed by the clerk ("a5" is A005).
    public func callNumber(_ raw: String, window number: Int, by: Attribution) throws -> Ticket {
        guard let wanted = normalizeTicketNumber(raw) else { throw StoreError.invalidInput("号码“\(raw.prefix(20))”格式不对，应为字母加数字，如 A001") }
        return try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try Self.requireReadyToCall(s, tx: tx, by: by)
            guard let r = try Row.fetchOne(tx.db, sql: "SELECT * FROM ticket WHERE number = ? AND (? OR service_day = ?) ORDER BY issued_at DESC LIMIT 1",
                                           arguments: [wanted, hall.policy.keepQueueOvernight, tx.serviceDay]) else {
                throw StoreError.noSuchTicket(wanted)
            }
            let ticket = try Ticket(row: r)
            if ticket.status == .held, ticket.windowNumber == number {
                return try Self.startServing(tx, ticket: ticket, state: &s, kind: .calledBack)
            }
            guard ticket.status == .waiting else { throw StoreError.ticketNotWaiting(number: ticket.number, status: ticket.status.label) }
            if let target = ticket.targetWindowNumber, target != number { throw StoreError.ticketServedElsewhere(number: ticket.number, window: target) }
            let overnight = hall.policy.keepQueueOvernight
            if ticket.deferral != nil {
                // 过号顺延 holds for a call by number too: the others it was deferred behind go first.
                let others = try CallOrder.candidates(tx.db, window: s.window, now: tx.now, day: tx.serviceDay, keepOvernight: overnight)
                    .contains { $0.ticket.id != ticket.id && $0.ticket.deferral == nil }
                if let refusal = CallRules.deferralRefusal(ticket, now: tx.now, othersWaiting: others) { throw StoreError.ruleRefused(refusal) }
            }
            let deferred = try CallOrder.deferred(tx.db, window: s.window, day: tx.serviceDay, keepOvernight: overnight)
            try CallOrder.countCall(tx.db, of: ticket, by: s.window, deferred: deferred)
            return try Self.startServing(tx, ticket: ticket, state: &s, kind: .called)
        }
    }

    static func requireReadyToCall(_ s: WindowStateRow, tx: BusinessTransaction, by: Attribution) throws {
        try s.requireSignedIn(by: by)
        try requireOpen(tx.db, window: s.window.number, now: tx.now)   // closed, or a temporary window past its time
        if s.status == .paused { throw StoreError.windowPaused(s.window.number) }
        if let current = s.currentTicketId {
            throw StoreError.alreadyServing(window: s.window.number, ticket: try Fetch.ticket(tx.db, id: current).number)
        }
    }

    static func startServing(_ tx: BusinessTransaction, ticket: Ticket, state s: inout WindowStateRow, kind: QueueEventKind) throws -> Ticket {
        let t = CallRules.called(ticket, window: s.window.number, now: tx.now)
        try TicketWrite.save(tx.db, t, expecting: [.waiting, .held])
        s.status = .serving
        s.currentTicketId = t.id
        s.since = tx.now
        try s.save(tx.db, now: tx.now)
        let wait = kind == .called ? tx.now.timeIntervalSince(t.enqueuedAt) : nil
        try tx.record(kind, ticket: t, windowNumber: s.window.number, waitSeconds: wait)
        return t
    }

    /// 重呼: call the current ticket again; past the hall's limit it becomes 过号.
    public func recall(window number: Int, by: Attribution) throws -> RecallOutcome {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            let current = try s.requireServing(tx.db)
            guard let t = CallRules.recalled(current, now: tx.now, policy: hall.policy) else {
                let mode = hall.policy.noShowRequeue
                return .noShow(try Self.noShow(tx, ticket: current, state: &s, mode: mode, hall: hall), mode)
            }
            try TicketWrite.save(tx.db, t)
            try tx.record(.recalled, ticket: t, windowNumber: number, detail: "第\(t.recallCount)次重呼")
            return .recalled(t, count: t.recallCount)
        }
    }

    /// 过号 with the hall's requeue mode (drop, back of the queue, after N others).
    @discardableResult
    public func markNoShow(window number: Int, by: Attribution) throws -> (Ticket, NoShowRequeue) {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            let t = try s.requireServing(tx.db)
            let mode = hall.policy.noShowRequeue
            return (try Self.noShow(tx, ticket: t, state: &s, mode: mode, hall: hall), mode)
        }
    }

    static func noShow(_ tx: BusinessTransaction, ticket: Ticket, state s: inout WindowStateRow, mode: NoShowRequeue, hall: HallInfo) throws -> Ticket {
        let overnight = hall.policy.keepQueueOvernight
        let others = try CallOrder.othersWaiting(tx.db, in: ticket, day: tx.serviceDay, keepOvernight: overnight)
        let t = CallRules.noShow(ticket, mode: mode, othersWaiting: others, now: tx.now, policy: hall.policy)
        var order: Double?
        if mode == .backOfQueue {
            let edge = try CallOrder.edge(tx.db, serviceId: t.serviceId, targetWindow: t.targetWindowNumber, position: .back,
                                          day: tx.serviceDay, keepOvernight: overnight)
            order = CallRules.order(at: .back, edge: edge, now: tx.now)
        }
        try TicketWrite.save(tx.db, t, order: order)
        s.release(now: tx.now)
        try s.save(tx.db, now: tx.now)
        try tx.record(.noShow, ticket: t, windowNumber: s.window.number, detail: mode.configValue)
        return t
    }

    /// 挂起: park the current ticket at this window (the applicant fetches a document, say).
    @discardableResult
    public func hold(window number: Int, note: String? = nil, by: Attribution) throws -> Ticket {
        try perform(by) { tx, _ in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            let t = CallRules.held(try s.requireServing(tx.db))
            try TicketWrite.save(tx.db, t)
            s.release(now: tx.now)
            try s.save(tx.db, now: tx.now)
            try tx.record(.held, ticket: t, windowNumber: number, detail: note.map(cleanNote))
            return t
        }
    }

    /// 回呼: call a held ticket of this window back (the oldest when no number is given).
    public func callBack(window number: Int, ticketNumber: String? = nil, by: Attribution) throws -> Ticket {
        try perform(by) { tx, _ in
            var s = try WindowStateRow.load(tx.db, window: number)
            try Self.requireReadyToCall(s, tx: tx, by: by)
            var sql = "SELECT * FROM ticket WHERE status = 'held' AND window_number = ?"
            var args: [DatabaseValueConvertible] = [number]
            if let raw = ticketNumber {
                guard let n = normalizeTicketNumber(raw) else { throw StoreError.invalidInput("号码格式不对，应为字母加数字，如 A001") }
                sql += " AND number = ?"
                args.append(n)
            }
            guard let r = try Row.fetchOne(tx.db, sql: sql + " ORDER BY called_at LIMIT 1", arguments: StatementArguments(args)) else {
                throw StoreError.noHeldTicket(window: number)
            }
            return try Self.startServing(tx, ticket: try Ticket(row: r), state: &s, kind: .calledBack)
        }
    }

    /// 转窗: to another service or window, at the front or the back, with a note. A new wait starts.
    @discardableResult
    public func transfer(window number: Int, to target: TransferTarget, position: QueuePosition, note: String?, by: Attribution) throws -> Ticket {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            let current = try s.requireServing(tx.db)
            let overnight = hall.policy.keepQueueOvernight
            var targetText: String
            var serviceId = current.serviceId, targetWindow: Int?
            switch target {
            case .service(let key):
                let service = try Fetch.service(tx.db, matching: key)
                serviceId = service.id
                targetText = "转至“\(service.name)”"
            case .window(let w):
                guard w != number else { throw StoreError.invalidInput("不能转给本窗口") }
                _ = try Fetch.window(tx.db, number: w)
                targetWindow = w
                targetText = "转至\(w)号窗口"
            }
            let edge = try CallOrder.edge(tx.db, serviceId: serviceId, targetWindow: targetWindow, position: position,
                                          day: tx.serviceDay, keepOvernight: overnight)
            let cleaned = note.map(cleanNote).flatMap { $0.isEmpty ? nil : $0 }
            let t = CallRules.transferred(current, serviceId: serviceId, targetWindow: targetWindow, note: cleaned, now: tx.now)
            try TicketWrite.save(tx.db, t, order: CallRules.order(at: position, edge: edge, now: tx.now))
            s.release(now: tx.now)
            try s.save(tx.db, now: tx.now)
            targetText += "（\(position.label)）"
            if let cleaned { targetText += " 备注：\(cleaned)" }
            try tx.record(.transferred, ticket: t, windowNumber: number, detail: targetText)
            return t
        }
    }

    /// 办结 (see also `finishAndCallNext`, which folds the next call into the same transaction).
    @discardableResult
    public func finish(window number: Int, by: Attribution) throws -> Ticket {
        try perform(by) { tx, _ in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            return try Self.finishServing(tx, state: &s)
        }
    }

    /// 暂停 / 恢复: a paused window takes no calls; its current ticket, if any, can still be finished.
    public func setPaused(_ paused: Bool, window number: Int, reason: String? = nil, by: Attribution) throws {
        try perform(by) { tx, _ in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            if paused == (s.status == .paused) {
                throw paused ? StoreError.alreadyPaused(window: number) : StoreError.notPaused(window: number)
            }
            s.status = paused ? .paused : (s.currentTicketId == nil ? .idle : .serving)
            s.since = tx.now
            try s.save(tx.db, now: tx.now)
            try tx.record(paused ? .paused : .resumed, windowNumber: number, detail: reason.map(cleanNote))
        }
    }

    /// 无号办理: serve a walk-up applicant without a ticket; a ticket is created so it is counted.
    public func serveWalkUp(service key: String, window number: Int, by: Attribution) throws -> Ticket {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try Self.requireReadyToCall(s, tx: tx, by: by)
            let service = try Fetch.service(tx.db, matching: key)
            let issued = try Self.issue(tx, hall: hall, service: service, priority: .normal, slotStart: nil, note: "无号办理",
                                        status: .serving, walkUpWindow: number)
            s.status = .serving
            s.currentTicketId = issued.ticket.id
            s.since = tx.now
            try s.save(tx.db, now: tx.now)
            return issued.ticket
        }
    }
}

/// Notes are free text from a keyboard: keep them printable and bounded (the audit log keeps them).
public func cleanNote(_ raw: String) -> String {
    let printable = String(String.UnicodeScalarView(raw.unicodeScalars.map { s in
        (s.value < 0x20 || (0x7F...0x9F).contains(s.value)) ? "\u{241B}" as Unicode.Scalar : s
    }))
    let trimmed = printable.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.count > 500 ? String(trimmed.prefix(500)) + "…" : trimmed
}
