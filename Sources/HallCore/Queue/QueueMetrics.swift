import Foundation

/// Per-service figures for the dashboard and reports.
public struct ServiceMetrics: Equatable, Sendable {
    public var serviceId: String
    public var calls = 0                  // wait periods that ended in a call
    public var callsWithinTarget = 0
    public var totalWaitSeconds = 0.0
    public var finished = 0
    public var noShows = 0                // 过号 events: the applicant was called and did not come
    public var noShowsDropped = 0         // of those, tickets voided (the rest were deferred back)
    public var callEvents = 0             // every 叫号, a deferred ticket's re-call included
    public var totalServiceSeconds = 0.0
    public var serviceIntervals = 0
    public init(serviceId: String) { self.serviceId = serviceId }

    public var averageWaitSeconds: Double? { calls == 0 ? nil : totalWaitSeconds / Double(calls) }
    /// % of calls within the target wait.
    public var serviceLevel: Double? { calls == 0 ? nil : Double(callsWithinTarget) / Double(calls) }
    /// 过号 events per call: with deferral on (the default) no ticket is ever dropped, so counting
    /// only dropped tickets showed 0 % after eight no-shows.
    public var noShowRate: Double? { callEvents == 0 ? nil : Double(noShows) / Double(callEvents) }
    public var averageServiceSeconds: Double? { serviceIntervals == 0 ? nil : totalServiceSeconds / Double(serviceIntervals) }
}

/// Per-window or per-clerk figures: served count, serving and logged-in time.
public struct WorkMetrics: Equatable, Sendable {
    public var key: String                // window number as text, or clerk id
    public var finished = 0
    public var noShows = 0
    public var servingSeconds = 0.0
    public var loggedInSeconds = 0.0
    public var serviceIntervals = 0
    public var totalWaitSeconds = 0.0
    public var calls = 0
    public init(key: String) { self.key = key }
    /// Window utilisation = serving time / logged-in time.
    public var utilisation: Double? { loggedInSeconds <= 0 ? nil : min(1, servingSeconds / loggedInSeconds) }
    public var averageServiceSeconds: Double? { serviceIntervals == 0 ? nil : servingSeconds / Double(serviceIntervals) }
    public var averageWaitSeconds: Double? { calls == 0 ? nil : totalWaitSeconds / Double(calls) }
}

public struct QueueReport: Equatable, Sendable {
    public var services: [String: ServiceMetrics] = [:]
    public var windows: [String: WorkMetrics] = [:]
    public var clerks: [String: WorkMetrics] = [:]
}

/// Derives metrics from the append-only event log (DOMAIN.md, queue metrics):
/// wait = called − entered queue; a transfer starts a new wait; for a recalled no-show the last call
/// counts; service time = called → finished or transferred; utilisation = serving / logged-in time.
public enum QueueMetrics {
    public static func report(events: [QueueEvent], targetWaitSeconds: [String: Double], until now: Date) -> QueueReport {
        var report = QueueReport()
        struct Period { var serviceId: String; var wait: Double; var window: Int?; var clerk: String? }
        var openPeriod: [String: Period] = [:]                 // ticket → last call in its current wait
        var serving: [String: (start: Date, window: Int?, clerk: String?, service: String?)] = [:]
        var loggedIn: [Int: (start: Date, clerk: String?)] = [:]

        func service(_ id: String) -> ServiceMetrics { report.services[id] ?? ServiceMetrics(serviceId: id) }
        func work(_ dict: inout [String: WorkMetrics], _ key: String?, _ f: (inout WorkMetrics) -> Void) {
            guard let key else { return }
            var m = dict[key] ?? WorkMetrics(key: key)
            f(&m)
            dict[key] = m
        }
        func closePeriod(_ ticket: String) {
            guard let p = openPeriod.removeValue(forKey: ticket) else { return }
            var s = service(p.serviceId)
            s.calls += 1
            s.totalWaitSeconds += p.wait
            if p.wait <= targetWaitSeconds[p.serviceId] ?? .infinity { s.callsWithinTarget += 1 }
            report.services[p.serviceId] = s
            let add: (inout WorkMetrics) -> Void = { $0.calls += 1; $0.totalWaitSeconds += p.wait }
            work(&report.windows, p.window.map(String.init), add)
            work(&report.clerks, p.clerk, add)
        }
        func endServing(_ ticket: String, at: Date) {
            guard let s = serving.removeValue(forKey: ticket) else { return }
            let d = max(0, at.timeIntervalSince(s.start))
            let add: (inout WorkMetrics) -> Void = { $0.servingSeconds += d; $0.serviceIntervals += 1 }
            work(&report.windows, s.window.map(String.init), add)
            work(&report.clerks, s.clerk, add)
            if let sid = s.service {
                var m = service(sid)
                m.totalServiceSeconds += d
                m.serviceIntervals += 1
                report.services[sid] = m
            }
        }

        for e in events.sorted(by: { $0.at < $1.at }) {
            let t = e.ticketId ?? ""
            switch e.kind {
            case .called:
                if let sid = e.serviceId { var s = service(sid); s.callEvents += 1; report.services[sid] = s }
                if let sid = e.serviceId {
                    openPeriod[t] = Period(serviceId: sid, wait: e.waitSeconds ?? 0, window: e.windowNumber, clerk: e.clerkId)
                }
                endServing(t, at: e.at)
                serving[t] = (e.at, e.windowNumber, e.clerkId, e.serviceId)
            case .walkUp, .calledBack:
                endServing(t, at: e.at)
                serving[t] = (e.at, e.windowNumber, e.clerkId, e.serviceId)
            case .transferred, .dayClosed:
                endServing(t, at: e.at)
                closePeriod(t)
            case .held, .requeued:
                endServing(t, at: e.at)
            case .noShow:
                endServing(t, at: e.at)
                let dropped = e.detail == NoShowRequeue.drop.configValue
                if let sid = openPeriod[t]?.serviceId ?? e.serviceId {
                    var s = service(sid); s.noShows += 1; if dropped { s.noShowsDropped += 1 }; report.services[sid] = s
                }
                work(&report.windows, e.windowNumber.map(String.init)) { $0.noShows += 1 }
                work(&report.clerks, e.clerkId) { $0.noShows += 1 }
                if dropped { closePeriod(t) }
            case .finished:
                endServing(t, at: e.at)
                closePeriod(t)
                if let sid = e.serviceId { var s = service(sid); s.finished += 1; report.services[sid] = s }
                work(&report.windows, e.windowNumber.map(String.init)) { $0.finished += 1 }
                work(&report.clerks, e.clerkId) { $0.finished += 1 }
            case .signedIn:
                if let w = e.windowNumber { loggedIn[w] = (e.at, e.clerkId) }
            case .signedOut:
                if let w = e.windowNumber, let s = loggedIn.removeValue(forKey: w) {
                    let d = max(0, e.at.timeIntervalSince(s.start))
                    work(&report.windows, String(w)) { $0.loggedInSeconds += d }
                    work(&report.clerks, s.clerk) { $0.loggedInSeconds += d }
                }
            case .issued, .recalled, .paused, .resumed:
                break
            }
        }
        // Still open at the end of the range: count up to `now`.
        for (t, _) in openPeriod { closePeriod(t) }
        for (t, _) in serving { endServing(t, at: now) }
        for (w, s) in loggedIn {
            let d = max(0, now.timeIntervalSince(s.start))
            work(&report.windows, String(w)) { $0.loggedInSeconds += d }
            work(&report.clerks, s.clerk) { $0.loggedInSeconds += d }
        }
        return report
    }
}

/// 大厅预警: a queue past its warning length, or a longest wait past the target.
public struct QueueAlert: Equatable, Sendable {
    public var serviceId: String
    public var message: String
}

public enum QueueAlerts {
    public static func evaluate(service: Service, waiting: Int, longestWaitSeconds: Double, openWindows: Int) -> QueueAlert? {
        var reasons: [String] = []
        if waiting >= service.warnQueue { reasons.append("等候\(waiting)人≥预警\(service.warnQueue)人") }
        if longestWaitSeconds > Double(service.targetWaitMinutes * 60) {
            reasons.append("最长等候\(formatDuration(longestWaitSeconds))>目标\(service.targetWaitMinutes)分")
        }
        guard !reasons.isEmpty else { return nil }
        // Short enough for one 80-column line: the supervisor reads it at a glance.
        return QueueAlert(serviceId: service.id,
                          message: "【\(service.name)】" + reasons.joined(separator: "，") + "：建议增开窗口（在岗\(openWindows)个）")
    }
}
