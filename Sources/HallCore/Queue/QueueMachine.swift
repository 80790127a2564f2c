import Foundation

/// A whole hall's queue in memory, moved only by `CallRules`: the reference the store is checked
/// against (model-based tests), and the rules in one place for anyone who wants to read them as
/// a state machine. Tickets are keyed by their number (one service day).
public struct QueueMachine: Sendable {
    public struct Slot: Equatable, Sendable {
        public var window: Window
        public var status: WindowStatus
        public var current: String?
    }

    public enum Action: Equatable, Sendable {
        case issue(service: String, priority: TicketPriority)
        case call(window: Int)
        case callNumber(String, window: Int)
        case recall(window: Int)
        case noShow(window: Int)
        case hold(window: Int)
        case callBack(window: Int)
        case transfer(window: Int, to: TransferTarget, position: QueuePosition)
        case pause(window: Int)
        case resume(window: Int)
        case walkUp(service: String, window: Int)
        case finish(window: Int)
    }

    /// Why an action was refused (the store says the same in Chinese).
    public enum Refusal: Error, Equatable, Sendable {
        case notSignedIn, paused, busy, nothingServed, queueEmpty, queueFull, noSuchTicket, notWaiting, elsewhere, deferred
        case notPaused, alreadyPaused, sameWindow, noHeld
    }

    public private(set) var tickets: [String: Ticket] = [:]
    public private(set) var order: [String: Double] = [:]
    public private(set) var arrival: [String: Int64] = [:]
    public private(set) var slots: [Int: Slot] = [:]
    public let services: [Service]
    public var policy: QueuePolicy
    private var counters: [String: Int] = [:]

    public init(services: [Service], windows: [Window], policy: QueuePolicy) {
        self.services = services
        self.policy = policy
        for w in windows { slots[w.number] = Slot(window: w, status: .signedOut) }
    }

    public mutating func signIn(window: Int) { if slots[window]?.status == .signedOut { slots[window]?.status = .idle } }

    public var waiting: [QueueEntry] {
        tickets.values.filter { $0.status == .waiting }.map { QueueEntry(ticket: $0, order: order[$0.number]!, arrival: arrival[$0.number]!) }
    }

    /// Applies one action at `now`; returns the ticket it concerned.
    @discardableResult
    public mutating func apply(_ action: Action, now: Date) throws -> Ticket {
        switch action {
        case .issue(let key, let priority):
            let s = try service(key)
            guard waiting.filter({ $0.ticket.serviceId == s.id }).count < s.maxQueue else { throw Refusal.queueFull }
            return add(s, priority: priority, status: .waiting, window: nil, now: now)
        case .walkUp(let key, let w):
            try ready(w)
            let t = add(try service(key), priority: .normal, status: .serving, window: w, now: now)
            slots[w]!.status = .serving; slots[w]!.current = t.number
            return t
        case .call(let w):
            try ready(w)
            guard let next = CallRules.next(for: slots[w]!.window, among: waiting, now: now) else { throw Refusal.queueEmpty }
            return serve(next.ticket, at: w, now: now, counts: true)
        case .callNumber(let number, let w):
            try ready(w)
            guard let t = tickets[number] else { throw Refusal.noSuchTicket }
            if t.status == .held, t.windowNumber == w { return serve(t, at: w, now: now, counts: false) }
            guard t.status == .waiting else { throw Refusal.notWaiting }
            if let target = t.targetWindowNumber, target != w { throw Refusal.elsewhere }
            let others = waiting.contains { $0.ticket.number != number && $0.ticket.deferral == nil && CallRules.serves(slots[w]!.window, $0.ticket) }
            if CallRules.deferralRefusal(t, now: now, othersWaiting: others) != nil { throw Refusal.deferred }
            return serve(t, at: w, now: now, counts: true)
        case .callBack(let w):
            try ready(w)
            guard let t = tickets.values.filter({ $0.status == .held && $0.windowNumber == w }).min(by: { $0.calledAt! < $1.calledAt! }) else { throw Refusal.noHeld }
            return serve(t, at: w, now: now, counts: false)
        case .recall(let w):
            let t = try current(w)
            guard let r = CallRules.recalled(t, now: now, policy: policy) else { return noShow(t, at: w, now: now) }
            tickets[t.number] = r
            return r
        case .noShow(let w):
            return noShow(try current(w), at: w, now: now)
        case .hold(let w):
            let t = CallRules.held(try current(w))
            tickets[t.number] = t
            release(w)
            return t
        case .finish(let w):
            let t = CallRules.finished(try current(w), now: now)
            tickets[t.number] = t
            release(w)
            return t
        case .transfer(let w, let target, let position):
            let t = try current(w)
            var serviceId = t.serviceId, targetWindow: Int?
            switch target {
            case .service(let key): serviceId = try service(key).id
            case .window(let n):
                guard n != w else { throw Refusal.sameWindow }
                guard slots[n] != nil else { throw Refusal.elsewhere }
                targetWindow = n
            }
            let moved = CallRules.transferred(t, serviceId: serviceId, targetWindow: targetWindow, note: nil, now: now)
            order[t.number] = CallRules.order(at: position, edge: edge(of: moved, position), now: now)
            tickets[t.number] = moved
            release(w)
            return moved
        case .pause(let w), .resume(let w):
            guard let slot = slots[w], slot.status != .signedOut else { throw Refusal.notSignedIn }
            let pausing = { if case .pause = action { return true } else { return false } }()
            if pausing == (slot.status == .paused) { throw pausing ? Refusal.alreadyPaused : Refusal.notPaused }
            slots[w]!.status = pausing ? .paused : (slot.current == nil ? .idle : .serving)
            return slot.current.flatMap { tickets[$0] } ?? Ticket(id: "", number: "", serviceId: "", serviceDay: "", priority: .normal,
                                                                  status: .waiting, issuedAt: now, enqueuedAt: now)
        }
    }

    private func service(_ key: String) throws -> Service {
        guard let s = services.first(where: { $0.id == key || $0.code == key }) else { throw Refusal.noSuchTicket }
        return s
    }

    private func ready(_ w: Int) throws {
        guard let slot = slots[w], slot.status != .signedOut else { throw Refusal.notSignedIn }
        if slot.status == .paused { throw Refusal.paused }
        if slot.current != nil { throw Refusal.busy }
    }

    private func current(_ w: Int) throws -> Ticket {
        guard let slot = slots[w], slot.status != .signedOut else { throw Refusal.notSignedIn }
        guard let n = slot.current else { throw Refusal.nothingServed }
        return tickets[n]!
    }

    private mutating func release(_ w: Int) {
        slots[w]!.current = nil
        if slots[w]!.status == .serving { slots[w]!.status = .idle }
    }

    private mutating func add(_ s: Service, priority: TicketPriority, status: TicketStatus, window: Int?, now: Date) -> Ticket {
        counters[s.id, default: 0] += 1
        let number = formatTicketNumber(prefix: s.prefix, sequence: counters[s.id]!)
        let t = Ticket(id: number, number: number, serviceId: s.id, serviceDay: "", priority: priority, status: status,
                       issuedAt: now, enqueuedAt: now, calledAt: status == .serving ? now : nil, windowNumber: window,
                       isWalkUp: window != nil)
        tickets[number] = t
        order[number] = now.timeIntervalSince1970
        arrival[number] = Int64(arrival.count + 1)
        return t
    }

    private mutating func serve(_ t: Ticket, at w: Int, now: Date, counts: Bool) -> Ticket {
        if counts {
            for d in tickets.values where d.deferral != nil {
                tickets[d.number] = CallRules.counting(d, callOf: t, by: slots[w]!.window)
            }
        }
        let s = CallRules.called(t, window: w, now: now)
        tickets[t.number] = s
        slots[w]!.status = .serving; slots[w]!.current = t.number
        return s
    }

    private mutating func noShow(_ t: Ticket, at w: Int, now: Date) -> Ticket {
        let others = waiting.filter { sameLine($0.ticket, t) }.count
        let n = CallRules.noShow(t, mode: policy.noShowRequeue, othersWaiting: others, now: now, policy: policy)
        if policy.noShowRequeue == .backOfQueue { order[t.number] = CallRules.order(at: .back, edge: edge(of: n, .back), now: now) }
        tickets[t.number] = n
        release(w)
        return n
    }

    private func sameLine(_ a: Ticket, _ b: Ticket) -> Bool {
        a.number != b.number && (b.targetWindowNumber.map { a.targetWindowNumber == $0 }
            ?? (a.targetWindowNumber == nil && a.serviceId == b.serviceId))
    }

    private func edge(of t: Ticket, _ position: QueuePosition) -> Double? {
        let orders = waiting.filter { sameLine($0.ticket, t) }.map(\.order)
        return position == .front ? orders.min() : orders.max()
    }
}
