import Foundation

/// A waiting ticket with its place in the line: `order` is the store's `queue_order` (smaller is
/// earlier), `arrival` breaks ties in issue order (the store's rowid).
public struct QueueEntry: Equatable, Sendable {
    public var ticket: Ticket
    public var order: Double
    public var arrival: Int64
    public init(ticket: Ticket, order: Double, arrival: Int64) { self.ticket = ticket; self.order = order; self.arrival = arrival }
}

/// What the next 重呼 of the current ticket will do, so the screen can warn before the last one.
public enum NextRecall: Equatable, Sendable {
    case allowed(remaining: Int)   // more recalls after this one
    case last                      // this recall is the last allowed one: warn the clerk
    case becomesNoShow             // the limit is reached: pressing recall marks the ticket 过号
}

/// The hall's queue rules, pure and in one place. The store fetches candidates with SQL and applies
/// these decisions inside its transaction; `QueueMachine` composes the same functions over a whole
/// hall in memory (the model the store is tested against).
///
/// Call order for one window, first rule that differs decides:
/// 1. 绿色通道 first, always: a green ticket that arrives later is called before a normal ticket
///    sent to this window "队首（优先办理）" (the elderly, disabled and pregnant do not wait behind
///    a transfer; the transfer is first among the rest).
/// 2. appointments whose slot has begun;
/// 3. tickets transferred to this very window (at the front or the back of that line);
/// 4. the window's services in the window's own order (`WindowChoice.serviceOrder`, the default),
///    or across them by the longest wait, or by the wait times the service's weight;
/// 5. first come, first served (queue order, then issue order).
/// A deferred no-show (`Deferral`) is skipped, whatever its priority, until N other tickets have
/// been called by windows that serve it; when such a window has nobody else to call, it may call
/// the deferred ticket once `notBefore` has passed.
public enum CallRules {
    /// Whether `window` may call `ticket` from the line.
    public static func serves(_ window: Window, _ ticket: Ticket) -> Bool {
        if let target = ticket.targetWindowNumber { return target == window.number }
        return window.serviceIds.contains(ticket.serviceId)
    }

    static func tier(_ t: Ticket, now: Date) -> Int {
        switch t.priority {
        case .greenChannel: return 0
        case .appointment where (t.slotStart ?? .distantFuture) <= now: return 1
        default: return 2
        }
    }

    static func key(_ e: QueueEntry, window: Window, now: Date) -> (Int, Int, Double, Int64) {
        if e.ticket.targetWindowNumber == window.number { return (tier(e.ticket, now: now), -1, e.order, e.arrival) }
        switch window.choice ?? .serviceOrder {
        case .serviceOrder:
            return (tier(e.ticket, now: now), window.serviceIds.firstIndex(of: e.ticket.serviceId) ?? Int.max, e.order, e.arrival)
        case .longestWait:
            return (tier(e.ticket, now: now), 0, e.order, e.arrival)
        case .weighted(let weights):
            // The longest weighted wait first: the line's place (queue order) stands for the wait.
            let waited = now.timeIntervalSince1970 - e.order
            return (tier(e.ticket, now: now), 0, -waited * (weights[e.ticket.serviceId] ?? 1), e.arrival)
        }
    }

    /// 叫号: the ticket `window` calls next among `entries` (any superset of the candidates).
    public static func next(for window: Window, among entries: [QueueEntry], now: Date) -> QueueEntry? {
        let mine = entries.filter { $0.ticket.status == .waiting && serves(window, $0.ticket) }
        let before = { (a: QueueEntry, b: QueueEntry) in key(a, window: window, now: now) < key(b, window: window, now: now) }
        if let ready = mine.filter({ $0.ticket.deferral == nil }).min(by: before) { return ready }
        return mine.filter { ($0.ticket.deferral?.notBefore ?? now) <= now }.min(by: before)
    }

    /// The order in which `window` would call `entries` if nothing else happened: the ready
    /// tickets by the call order, then the deferred ones, soonest turn first (what a queue
    /// display lists as "next"; a deferred ticket used to be listed first).
    public static func line(for window: Window, among entries: [QueueEntry], now: Date) -> [QueueEntry] {
        let mine = entries.filter { $0.ticket.status == .waiting && serves(window, $0.ticket) }
        let ready = mine.filter { $0.ticket.deferral == nil }.sorted { key($0, window: window, now: now) < key($1, window: window, now: now) }
        let deferred = mine.compactMap { e in e.ticket.deferral.map { (e, $0) } }
            .sorted { ($0.1.callsLeft, $0.1.notBefore, $0.0.arrival) < ($1.1.callsLeft, $1.1.notBefore, $1.0.arrival) }.map(\.0)
        return ready + deferred
    }

    /// Why a deferred ticket may not be called by number yet (nil when it may).
    public static func deferralRefusal(_ t: Ticket, now: Date, othersWaiting: Bool) -> String? {
        guard let d = t.deferral else { return nil }
        if !othersWaiting, d.notBefore <= now { return nil }
        let minutes = max(1, Int((d.notBefore.timeIntervalSince(now) / 60).rounded(.up)))
        return othersWaiting
            ? "\(t.number) 已过号顺延，还要先叫 \(d.callsLeft) 位才能再叫"
            : "\(t.number) 已过号顺延，\(minutes) 分钟后才能再叫"
    }

    /// A call of `called` by `window` counts one place for every other deferred ticket it serves.
    public static func counting(_ deferred: Ticket, callOf called: Ticket, by window: Window) -> Ticket {
        guard var d = deferred.deferral, deferred.id != called.id, deferred.status == .waiting, serves(window, deferred) else { return deferred }
        var t = deferred
        d.callsLeft -= 1
        t.deferral = d.callsLeft <= 0 ? nil : d
        return t
    }

    /// 叫号 / 回呼: the ticket is now served at `window`; its recall count and any deferral end.
    public static func called(_ t: Ticket, window: Int, now: Date) -> Ticket {
        var t = t
        t.status = .serving; t.calledAt = now; t.windowNumber = window; t.recallCount = 0; t.deferral = nil
        return t
    }

    public static func nextRecall(recallCount: Int, policy: QueuePolicy) -> NextRecall {
        if recallCount >= policy.recallLimit { return .becomesNoShow }
        let remaining = policy.recallLimit - recallCount - 1
        return remaining == 0 ? .last : .allowed(remaining: remaining)
    }

    /// 重呼: nil when the limit is reached (the caller marks the ticket 过号 instead).
    public static func recalled(_ t: Ticket, now: Date, policy: QueuePolicy) -> Ticket? {
        guard nextRecall(recallCount: t.recallCount, policy: policy) != .becomesNoShow else { return nil }
        var t = t
        t.recallCount += 1; t.calledAt = now
        return t
    }

    /// 过号: dropped, or back in the line deferred. `othersWaiting` counts the other tickets waiting
    /// in its line now (for "back": all of them are called first).
    public static func noShow(_ t: Ticket, mode: NoShowRequeue, othersWaiting: Int, now: Date, policy: QueuePolicy) -> Ticket {
        var t = t
        t.recallCount = 0
        switch mode {
        case .drop:
            t.status = .noShow; t.finishedAt = now
            return t
        case .backOfQueue:
            t.deferral = Deferral(callsLeft: max(1, othersWaiting), notBefore: now + TimeInterval(policy.noShowWaitMinutes * 60))
        case .afterOthers(let n):
            t.deferral = Deferral(callsLeft: max(1, n), notBefore: now + TimeInterval(policy.noShowWaitMinutes * 60))
        }
        // The wait keeps its start: for a recalled no-show the last call counts (DOMAIN.md).
        t.status = .waiting; t.windowNumber = nil
        return t
    }

    /// Queue order for a ticket put at the front or back of a line whose current edge is `edge`.
    public static func order(at position: QueuePosition, edge: Double?, now: Date) -> Double {
        guard let edge else { return now.timeIntervalSince1970 }
        return position == .front ? edge - 1 : max(edge + 0.001, now.timeIntervalSince1970)
    }

    public static func held(_ t: Ticket) -> Ticket { var t = t; t.status = .held; return t }

    public static func finished(_ t: Ticket, now: Date) -> Ticket { var t = t; t.status = .finished; t.finishedAt = now; return t }

    /// 转窗: a new wait starts in the target line.
    public static func transferred(_ t: Ticket, serviceId: String, targetWindow: Int?, note: String?, now: Date) -> Ticket {
        var t = t
        t.status = .waiting; t.serviceId = serviceId; t.targetWindowNumber = targetWindow
        t.enqueuedAt = now; t.windowNumber = nil; t.recallCount = 0; t.deferral = nil
        if let note { t.note = note }
        return t
    }

    /// The call rules in words, for the window console's F1 help and `yichuang config --help`.
    public static func helpLines(policy: QueuePolicy) -> [String] {
        let wait = policy.noShowWaitMinutes
        let noShow: String
        switch policy.noShowRequeue {
        case .drop: noShow = "过号：作废，不再叫号。"
        case .backOfQueue: noShow = "过号：排到队尾，当时在等的人都叫过后才再叫到它；若没有其他人可叫，过号\(wait)分钟后才可再叫。"
        case .afterOthers(let n):
            noShow = "过号顺延\(n)位：能办理该号的窗口再叫满\(n)位后才再叫到它（绿色通道也一样）；若其间没有其他人可叫，过号\(wait)分钟后才可再叫。"
        }
        return [
            "叫号顺序：①绿色通道最先（也在转到本窗口“队首（优先办理）”的号之前）；②已到时段的预约号；",
            "③转到本窗口的号；④本窗口各业务按窗口设定的顺序；同一类先到先叫。",
            noShow,
            "重呼：最多\(policy.recallLimit)次，最后一次会提示；再按重呼即按过号处理。",
        ]
    }
}
