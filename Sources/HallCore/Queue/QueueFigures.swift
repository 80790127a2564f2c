import Foundation

/// Waits or service times of one group: the samples are kept so a report can give p90 and max,
/// not only the mean (a mean of 5 minutes hides the applicant who waited an hour).
public struct DurationStats: Equatable, Sendable {
    public private(set) var samples: [Double] = []
    public private(set) var total = 0.0
    public init() {}

    public mutating func add(_ seconds: Double) { samples.append(seconds); total += seconds }
    public var count: Int { samples.count }
    public var mean: Double? { samples.isEmpty ? nil : total / Double(samples.count) }
    public var max: Double? { samples.max() }
    /// Nearest-rank percentile (p in 0…1): the smallest sample with at least p of them at or below it.
    public func percentile(_ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Swift.max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[Swift.min(rank, sorted.count) - 1]
    }
    public var p90: Double? { percentile(0.9) }
}

/// Every figure of one group of a queue report: a service, a window, a clerk, an hour or the
/// whole hall. Counts of tickets (issued, outcomes) and of events (calls, no-shows, transfers),
/// waits and service times. Not every group has every figure: a window issues no tickets.
public struct QueueFigures: Equatable, Sendable {
    public var key: String                // service id, window number as text, clerk id, "09" (hour), or "" (total)

    // Tickets entering the line (services, hours, total).
    public var issued = 0                 // 取号 at the desk or a kiosk
    public var greenChannel = 0           // of those, 绿色通道
    public var appointmentTickets = 0     // of those, checked-in appointments (预约号)
    public var walkUps = 0                // 无号办理: served without a ticket

    // What the windows did.
    public var calls = 0                  // wait periods that ended in a call
    public var callsWithinTarget = 0
    public var callEvents = 0             // every 叫号, a deferred ticket's re-call included
    public var finished = 0
    public var noShows = 0                // 过号 events: the applicant was called and did not come
    public var noShowsDropped = 0         // of those, tickets voided (the rest were deferred back)
    public var transferredOut = 0         // 转窗 away from this service, window or clerk

    // How tickets stood at the end of the range (services and total; by the ticket's last service).
    public var abandoned = 0              // waiting, never called in its wait, and its day is over (未叫到)
    public var stillWaiting = 0           // waiting, never called in its wait, its day not over yet
    public var noShowsNotBack = 0         // deferred after 过号 and never called again
    public var heldAtEnd = 0              // 挂起 and never called back
    public var servingAtEnd = 0

    // Appointments whose slot lies in the range (filled by the store from the bookings).
    public var appointmentsBooked = 0     // not cancelled
    public var appointmentsKept = 0       // checked in before the end of the slot
    public var appointmentsLate = 0       // checked in after the slot: queued as a normal ticket
    public var appointmentsMissed = 0     // the slot ended and nobody checked in (爽约)

    public var waits = DurationStats()          // called − entered queue; for a recalled no-show the last call
    public var serviceTimes = DurationStats()   // called → finished, transferred, held or no-show
    public var loggedInSeconds = 0.0

    public init(key: String) { self.key = key }
    public init(serviceId: String) { self.key = serviceId }

    public var serviceId: String { key }
    public var noShowsRequeued: Int { noShows - noShowsDropped }
    public var averageWaitSeconds: Double? { waits.mean }
    public var totalWaitSeconds: Double { waits.total }
    public var averageServiceSeconds: Double? { serviceTimes.mean }
    public var servingSeconds: Double { serviceTimes.total }
    public var serviceIntervals: Int { serviceTimes.count }
    public var totalServiceSeconds: Double { serviceTimes.total }
    /// % of calls within the target wait.
    public var serviceLevel: Double? { calls == 0 ? nil : Double(callsWithinTarget) / Double(calls) }
    /// 过号 events per call: with deferral on (the default) no ticket is ever dropped, so counting
    /// only dropped tickets showed 0 % after eight no-shows.
    public var noShowRate: Double? { callEvents == 0 ? nil : Double(noShows) / Double(callEvents) }
    /// Window utilisation = serving time / logged-in time.
    public var utilisation: Double? { loggedInSeconds <= 0 ? nil : min(1, servingSeconds / loggedInSeconds) }
}

/// The names the dashboard and older callers know; one set of figures for every group.
public typealias ServiceMetrics = QueueFigures
public typealias WorkMetrics = QueueFigures
