import Foundation

/// What a ticket tells its holder: how many will be called before it, and about how long that takes.
public struct TicketForecast: Equatable, Sendable {
    public var peopleAhead: Int
    /// nil when no window that serves the ticket is open, or the day has no service time yet.
    public var estimatedWaitSeconds: Double?
    public init(peopleAhead: Int, estimatedWaitSeconds: Double?) {
        self.peopleAhead = peopleAhead; self.estimatedWaitSeconds = estimatedWaitSeconds
    }
}

/// One window as the forecast sees it.
public struct WindowLoad: Equatable, Sendable {
    public var window: Window
    public var isOpen: Bool                 // signed in and not paused
    public var servingSince: Date?          // the current ticket's call
    public var servingServiceId: String?
    public init(window: Window, isOpen: Bool, servingSince: Date? = nil, servingServiceId: String? = nil) {
        self.window = window; self.isOpen = isOpen; self.servingSince = servingSince; self.servingServiceId = servingServiceId
    }
}

/// People ahead and the estimated wait, by playing the hall's real call order forward: every open
/// window calls by `CallRules` (green channel, appointments in their slot,
/// transfers, its own service order, deferrals) when it comes free, each call taking the day's
/// average service time of its service. Counting one service's line by queue order said
/// "前面还有 2 人" to an appointment that was next.
public enum QueueForecast {
    /// Up to this many waiting tickets the forecast plays the call order forward (a busy hall's
    /// line); beyond it, a count (see `forecast`).
    public static let simulationLimit = 40

    public static func forecast(for ticket: Ticket, waiting: [QueueEntry], windows: [WindowLoad],
                                serviceSeconds: [String: Double], now: Date) -> TicketForecast {
        guard ticket.status == .waiting else { return TicketForecast(peopleAhead: 0, estimatedWaitSeconds: 0) }
        let servers = windows.filter { CallRules.serves($0.window, ticket) }
        let openServers = servers.filter(\.isOpen)
        // Every open window plays (one that takes a shared ticket first shortens the line); only
        // calls by windows that serve the ticket count as ahead of it. With none of those open,
        // they play as if open, for the count only; with none at all, its own line alone.
        var players = windows.filter(\.isOpen)
        if openServers.isEmpty { players += servers.map { WindowLoad(window: $0.window, isOpen: true) } }
        if servers.isEmpty {
            let line = Window(id: "", number: ticket.targetWindowNumber ?? Int.min, name: "", serviceIds: [ticket.serviceId])
            players = [WindowLoad(window: line, isOpen: true)]
        }
        let all = serviceSeconds.values
        let fallback = all.isEmpty ? 60 : all.reduce(0, +) / Double(all.count)
        func duration(_ serviceId: String?) -> Double { serviceId.flatMap { serviceSeconds[$0] } ?? fallback }
        let canEstimate = !openServers.isEmpty && !serviceSeconds.isEmpty

        var free = players.map { p in p.servingSince.map { max(now, $0 + duration(p.servingServiceId)) } ?? now }
        var done = players.map { _ in false }
        var entries = waiting.filter { $0.ticket.status == .waiting }
        if !entries.contains(where: { $0.ticket.id == ticket.id }) { return TicketForecast(peopleAhead: 0, estimatedWaitSeconds: nil) }
        // The play costs about n² log n for n waiting (each call sorts the line); issuing n tickets
        // in a row then costs n³, which made a 2,000-ticket test run for an hour. Past this many
        // waiting, count the tickets of the same windows that stand before it in the line
        // (green channel first) and give no time rather than a slow guess.
        if entries.count > simulationLimit {
            func rank(_ e: QueueEntry) -> (Int, Double) { (e.ticket.priority == .greenChannel ? 0 : 1, e.order) }
            guard let mine = entries.first(where: { $0.ticket.id == ticket.id }) else { return TicketForecast(peopleAhead: 0, estimatedWaitSeconds: nil) }
            let ahead = entries.filter { e in
                e.ticket.id != ticket.id && servers.contains { CallRules.serves($0.window, e.ticket) }
                    && rank(e) < rank(mine)
            }
            return TicketForecast(peopleAhead: ahead.count, estimatedWaitSeconds: nil)
        }
        var ahead = 0
        // Each round one window calls one ticket, so the ticket is reached within entries.count
        // calls; a window with nothing it may call yet waits for the next deferral to expire.
        for _ in 0..<(entries.count * 2 + players.count * 2) {
            guard let i = free.indices.filter({ !done[$0] }).min(by: { (free[$0], players[$0].window.number) < (free[$1], players[$1].window.number) })
            else { break }
            let w = players[i].window, at = free[i]
            guard let next = CallRules.next(for: w, among: entries, now: at) else {
                let wake = entries.filter { CallRules.serves(w, $0.ticket) }.compactMap(\.ticket.deferral?.notBefore).filter { $0 > at }.min()
                if let wake { free[i] = wake } else { done[i] = true }
                continue
            }
            if next.ticket.id == ticket.id {
                return TicketForecast(peopleAhead: ahead, estimatedWaitSeconds: canEstimate ? at.timeIntervalSince(now) : nil)
            }
            if CallRules.serves(w, ticket) { ahead += 1 }
            entries.removeAll { $0.ticket.id == next.ticket.id }
            entries = entries.map { e in
                var e = e
                e.ticket = CallRules.counting(e.ticket, callOf: next.ticket, by: w)
                return e
            }
            free[i] = at + duration(next.ticket.serviceId)
        }
        // Not reachable by the rules (a deferral no window will ever count down): all it serves first.
        let rest = entries.filter { e in e.ticket.id != ticket.id && servers.contains { CallRules.serves($0.window, e.ticket) } }
        return TicketForecast(peopleAhead: ahead + rest.count, estimatedWaitSeconds: nil)
    }
}
