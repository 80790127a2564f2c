import Foundation

public struct QueueReport: Equatable, Sendable {
    public var services: [String: QueueFigures] = [:]
    public var windows: [String: QueueFigures] = [:]
    public var clerks: [String: QueueFigures] = [:]
    public var hours: [String: QueueFigures] = [:]     // local hour of the event, "09"
    public var total = QueueFigures(key: "")
    public init() {}
}

/// Derives metrics from the append-only event log (DOMAIN.md, queue metrics):
/// wait = called − entered queue; a transfer starts a new wait; for a recalled no-show the last call
/// counts; service time = called → finished or transferred; utilisation = serving / logged-in time.
/// Every ticket the log saw ends in exactly one outcome (finished, no-show dropped, no-show not
/// back, abandoned or still waiting, held, serving), so the report counts every ticket.
public enum QueueMetrics {
    /// `countOpenService: false` leaves out services still running at `now` (a forecast wants
    /// whole service times, not the minute the current applicant has been at the window so far).
    public static func report(events: [QueueEvent], targetWaitSeconds: [String: Double], until now: Date,
                              calendar: HallCalendar = HallCalendar(), countOpenService: Bool = true) -> QueueReport {
        var report = QueueReport()
        struct Period { var serviceId: String; var wait: Double; var window: Int?; var clerk: String?; var hour: String }
        struct Serving { var start: Date; var window: Int?; var clerk: String?; var service: String? }
        struct Line { var serviceId: String; var status: TicketStatus; var calledInWait: Bool; var lastAt: Date; var dayClosed = false }
        var openPeriod: [String: Period] = [:]                 // ticket → last call in its current wait
        var serving: [String: Serving] = [:]
        var lines: [String: Line] = [:]                        // ticket → where it stands now
        var loggedIn: [Int: (start: Date, clerk: String?)] = [:]
        func hour(_ d: Date) -> String { String(calendar.hourMinute(d).prefix(2)) }

        /// Applies `f` to every group named, and to the total.
        func bump(service: String? = nil, window: Int? = nil, clerk: String? = nil, hour: String? = nil, _ f: (inout QueueFigures) -> Void) {
            func on(_ dict: inout [String: QueueFigures], _ key: String?) {
                guard let key else { return }
                var m = dict[key] ?? QueueFigures(key: key)
                f(&m)
                dict[key] = m
            }
            on(&report.services, service); on(&report.windows, window.map(String.init)); on(&report.clerks, clerk); on(&report.hours, hour)
            f(&report.total)
        }
        func closePeriod(_ ticket: String) {
            guard let p = openPeriod.removeValue(forKey: ticket) else { return }
            let within = p.wait <= targetWaitSeconds[p.serviceId] ?? .infinity
            bump(service: p.serviceId, window: p.window, clerk: p.clerk, hour: p.hour) {
                $0.calls += 1; $0.waits.add(p.wait); if within { $0.callsWithinTarget += 1 }
            }
        }
        func endServing(_ ticket: String, at: Date) {
            guard let s = serving.removeValue(forKey: ticket) else { return }
            let d = max(0, at.timeIntervalSince(s.start))
            bump(service: s.service, window: s.window, clerk: s.clerk, hour: hour(s.start)) { $0.serviceTimes.add(d) }
        }
        func move(_ t: String, _ e: QueueEvent, _ status: TicketStatus, called: Bool? = nil, service: String? = nil) {
            var l = lines[t] ?? Line(serviceId: e.serviceId ?? "", status: status, calledInWait: false, lastAt: e.at)
            l.status = status; l.lastAt = e.at
            if let called { l.calledInWait = called }
            if let service { l.serviceId = service }
            lines[t] = l
        }

        // Stable by time: events of one transaction share a time and keep their log order.
        for e in events.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element) {
            let t = e.ticketId ?? ""
            let h = hour(e.at)
            switch e.kind {
            case .issued:
                let priority = TicketPriority.fromIssuedDetail(e.detail)
                bump(service: e.serviceId, hour: h) {
                    $0.issued += 1
                    if priority == .greenChannel { $0.greenChannel += 1 }
                    if priority == .appointment { $0.appointmentTickets += 1 }
                }
                move(t, e, .waiting, called: false, service: e.serviceId)
            case .called:
                bump(service: e.serviceId, window: e.windowNumber, clerk: e.clerkId, hour: h) { $0.callEvents += 1 }
                if let sid = e.serviceId {
                    openPeriod[t] = Period(serviceId: sid, wait: e.waitSeconds ?? 0, window: e.windowNumber, clerk: e.clerkId, hour: h)
                }
                endServing(t, at: e.at)
                serving[t] = Serving(start: e.at, window: e.windowNumber, clerk: e.clerkId, service: e.serviceId)
                move(t, e, .serving, called: true)
            case .walkUp:
                bump(service: e.serviceId, window: e.windowNumber, clerk: e.clerkId, hour: h) { $0.walkUps += 1 }
                serving[t] = Serving(start: e.at, window: e.windowNumber, clerk: e.clerkId, service: e.serviceId)
                move(t, e, .serving, called: true, service: e.serviceId)
            case .calledBack:
                endServing(t, at: e.at)
                serving[t] = Serving(start: e.at, window: e.windowNumber, clerk: e.clerkId, service: e.serviceId)
                move(t, e, .serving)
            case .dayClosed:
                // Close of day (日结): the day is over; the ticket's outcome is read from where it
                // stood (never called: abandoned; held: never called back; serving: still serving).
                endServing(t, at: e.at)
                closePeriod(t)
                lines[t]?.dayClosed = true
            case .transferred:
                endServing(t, at: e.at)
                closePeriod(t)
                // The event carries the ticket after the move: the service it left is the line's.
                bump(service: lines[t]?.serviceId ?? e.serviceId, window: e.windowNumber, clerk: e.clerkId, hour: h) { $0.transferredOut += 1 }
                move(t, e, .waiting, called: false, service: e.serviceId)
            case .held:
                endServing(t, at: e.at)
                move(t, e, .held)
            case .requeued:
                endServing(t, at: e.at)
                move(t, e, .waiting)
            case .noShow:
                endServing(t, at: e.at)
                let dropped = e.detail == NoShowRequeue.drop.configValue
                bump(service: openPeriod[t]?.serviceId ?? e.serviceId, window: e.windowNumber, clerk: e.clerkId, hour: h) {
                    $0.noShows += 1; if dropped { $0.noShowsDropped += 1 }
                }
                if dropped { closePeriod(t) }
                move(t, e, dropped ? .noShow : .waiting)
            case .finished:
                endServing(t, at: e.at)
                closePeriod(t)
                bump(service: e.serviceId, window: e.windowNumber, clerk: e.clerkId, hour: h) { $0.finished += 1 }
                move(t, e, .finished)
            case .signedIn:
                if let w = e.windowNumber { loggedIn[w] = (e.at, e.clerkId) }
            case .signedOut:
                if let w = e.windowNumber, let s = loggedIn.removeValue(forKey: w) {
                    let d = max(0, e.at.timeIntervalSince(s.start))
                    bump(window: w, clerk: s.clerk) { $0.loggedInSeconds += d }
                }
            case .recalled, .paused, .resumed:
                break
            }
        }
        // Still open at the end of the range: count up to `now`.
        for (t, _) in openPeriod { closePeriod(t) }
        if countOpenService { for (t, _) in serving { endServing(t, at: now) } }
        for (w, s) in loggedIn {
            let d = max(0, now.timeIntervalSince(s.start))
            bump(window: w, clerk: s.clerk) { $0.loggedInSeconds += d }
        }
        // Where each ticket stands: a ticket never called whose day is over was abandoned.
        let today = calendar.dayKey(now)
        for l in lines.values {
            bump(service: l.serviceId) {
                switch l.status {
                case .waiting where l.calledInWait: $0.noShowsNotBack += 1
                case .waiting: if l.dayClosed || calendar.dayKey(l.lastAt) < today { $0.abandoned += 1 } else { $0.stillWaiting += 1 }
                case .held: $0.heldAtEnd += 1
                case .serving: $0.servingAtEnd += 1
                case .finished, .noShow, .cancelled: break
                }
            }
        }
        return report
    }
}

extension TicketPriority {
    /// An `issued` event names a ticket's priority by its label (nil for a normal ticket).
    static func fromIssuedDetail(_ detail: String?) -> TicketPriority {
        [TicketPriority.greenChannel, .appointment].first { $0.label == detail } ?? .normal
    }
}

/// 大厅预警: a queue past its warning length, or a longest wait past the target.
public struct QueueAlert: Equatable, Sendable {
    public var serviceId: String
    public var message: String
}

public enum QueueAlerts {
    /// `switchWindow`: a staffed window that may take this service now (`WindowSwitch.suggest`).
    public static func evaluate(service: Service, waiting: Int, longestWaitSeconds: Double, openWindows: Int,
                                switchWindow: Int? = nil) -> QueueAlert? {
        var reasons: [String] = []
        if waiting >= service.warnQueue { reasons.append("等候\(waiting)人≥预警\(service.warnQueue)人") }
        if longestWaitSeconds > Double(service.targetWaitMinutes * 60) {
            reasons.append("最长等候\(formatDuration(longestWaitSeconds))>目标\(service.targetWaitMinutes)分")
        }
        guard !reasons.isEmpty else { return nil }
        // Short enough for one 80-column line: the supervisor reads it at a glance.
        return QueueAlert(serviceId: service.id,
                          message: "【\(service.name)】" + reasons.joined(separator: "，") + "：建议增开窗口（在岗\(openWindows)个）"
                            + (switchWindow.map { "，或让\($0)号窗口先叫本业务" } ?? ""))
    }
}
