import Foundation
import GRDB
import HallCore

/// One service's live queue.
public struct ServiceQueue: Equatable, Sendable {
    public var service: Service
    public var waiting: Int
    public var greenWaiting: Int
    public var longestWaitSeconds: Double
    public var nextNumbers: [String]
}

public struct HistoryRow: Equatable, Sendable {
    public var at: Date
    public var kind: QueueEventKind
    public var ticketNumber: String?
    public var serviceName: String?
    public var detail: String?
}

/// What the window console shows.
public struct WindowSnapshot: Equatable, Sendable {
    public var window: Window
    public var status: WindowStatus
    public var clerk: Clerk?
    public var current: Ticket?
    public var currentServiceName: String?
    public var statusSince: Date
    public var queues: [ServiceQueue]          // this window's services, in its order
    public var targetedWaiting: Int            // tickets transferred to this window
    public var held: [Ticket]
    public var history: [HistoryRow]           // today, newest first
    public var finishedToday: Int
}

public struct CallRecord: Equatable, Sendable {
    public var seq: Int64
    public var kind: QueueEventKind
    public var ticketNumber: String
    public var windowNumber: Int
    public var at: Date
}

public struct WindowStatusRow: Equatable, Sendable {
    public var window: Window
    public var status: WindowStatus
    public var clerk: Clerk?
    public var current: Ticket?
    public var finishedToday: Int
    public var utilisation: Double?
}

public struct DashboardSnapshot: Equatable, Sendable {
    public var queues: [ServiceQueue]
    public var metrics: [String: ServiceMetrics]
    public var windows: [WindowStatusRow]
    public var alerts: [QueueAlert]
    public var at: Date
    /// Boards whose voice does not play (`recordVoiceHealth`); the dashboard should warn.
    public var voiceProblems: [VoiceProblem] = []
    /// The last day closed before today (日结) and how many it closed unserved per service code
    /// (未叫到): today's figure is only known when today closes.
    public var lastClose: ClosedDay? = nil
}

/// Tickets a close of day (日结) found never called, per service code.
public struct ClosedDay: Equatable, Sendable {
    public var day: String
    public var abandoned: [String: Int]
    public var totalAbandoned: Int
}

extension HallStore {
    public func services() throws -> [Service] { try read(Fetch.services) }
    public func windows() throws -> [Window] { try read(Fetch.windows) }
    public func clerks() throws -> [Clerk] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM clerk ORDER BY number").map(Clerk.init(row:)) }
    }

    public func ticket(number raw: String) throws -> Ticket {
        guard let n = normalizeTicketNumber(raw) else { throw StoreError.invalidInput("号码格式不对，应为字母加数字，如 A001") }
        return try read { db in
            let day = try HallInfo.load(db, path: self.path).calendar.dayKey(self.clock.now())
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE number = ? AND service_day = ?", arguments: [n, day]) else {
                throw StoreError.noSuchTicket(n)
            }
            return try Ticket(row: r)
        }
    }

    /// Every service's waiting line right now.
    public func queueOverview() throws -> [ServiceQueue] {
        try read { db in
            let hall = try HallInfo.load(db, path: self.path)
            return try Self.queues(db, hall: hall, services: try Fetch.services(db), now: self.clock.now())
        }
    }

    static func queues(_ db: Database, hall: HallInfo, services: [Service], now: Date) throws -> [ServiceQueue] {
        let day = hall.calendar.dayKey(now)
        let overnight = hall.policy.keepQueueOvernight
        var out: [ServiceQueue] = []
        for s in services {
            let r = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, SUM(priority = 'greenChannel') AS g, MIN(enqueued_at) AS oldest FROM ticket
                WHERE status = 'waiting' AND service_id = ? AND (? OR service_day = ?)
                """, arguments: [s.id, overnight, day])!
            // The service's own line as a window serving only it would call it (CallRules):
            // the first five of each priority line are enough to find the next five.
            let line = Window(id: "", number: Int.min, name: "", serviceIds: [s.id])
            let next = CallRules.line(for: line, among: try CallOrder.candidates(db, window: line, now: now, day: day, keepOvernight: overnight, perLine: 5),
                                      now: now).prefix(5).map(\.ticket.number)
            let oldest: Double? = r["oldest"]
            out.append(ServiceQueue(service: s, waiting: r["n"], greenWaiting: r["g"] ?? 0,
                                    longestWaitSeconds: oldest.map { max(0, now.timeIntervalSince1970 - $0) } ?? 0,
                                    nextNumbers: next))
        }
        return out
    }

    public func windowSnapshot(_ number: Int) throws -> WindowSnapshot {
        try read { db in
            let hall = try HallInfo.load(db, path: self.path)
            let now = self.clock.now()
            let day = hall.calendar.dayKey(now)
            let state = try WindowStateRow.load(db, window: number)
            let services = try Fetch.services(db)
            let byId = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
            let mine = state.window.serviceIds.compactMap { byId[$0] }
            let clerk = try state.clerkId.flatMap { try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE id = ?", arguments: [$0]) }.map(Clerk.init(row:))
            let current = try state.currentTicketId.map { try Fetch.ticket(db, id: $0) }
            let held = try Row.fetchAll(db, sql: "SELECT * FROM ticket WHERE status = 'held' AND window_number = ? ORDER BY called_at",
                                        arguments: [number]).map(Ticket.init(row:))
            let targeted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND target_window_number = ? AND (? OR service_day = ?)",
                                            arguments: [number, hall.policy.keepQueueOvernight, day]) ?? 0
            let history = try Row.fetchAll(db, sql: """
                SELECT * FROM queue_event WHERE service_day = ? AND window_number = ? ORDER BY seq DESC LIMIT 200
                """, arguments: [day, number]).map { r -> HistoryRow in
                let e = try QueueEvent(row: r)
                // A 过号 event keeps the machine form ("after:3") for the metrics; people read "顺延3位".
                let detail = e.kind == .noShow ? e.detail.flatMap { NoShowRequeue(configValue: $0)?.label } ?? e.detail : e.detail
                return HistoryRow(at: e.at, kind: e.kind, ticketNumber: e.ticketNumber,
                                  serviceName: e.serviceId.flatMap { byId[$0]?.name }, detail: detail)
            }
            let finished = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_event WHERE service_day = ? AND window_number = ? AND kind = 'finished'",
                                            arguments: [day, number]) ?? 0
            return WindowSnapshot(window: state.window, status: state.status, clerk: clerk, current: current,
                                  currentServiceName: current.flatMap { byId[$0.serviceId]?.name }, statusSince: state.since,
                                  queues: try Self.queues(db, hall: hall, services: mine, now: now),
                                  targetedWaiting: targeted, held: held, history: history, finishedToday: finished)
        }
    }

    /// The latest calls for the board, newest first.
    public func recentCalls(limit: Int = 10, after seq: Int64 = 0) throws -> [CallRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, kind, ticket_number, window_number, at FROM queue_event
                WHERE kind IN ('called', 'recalled', 'calledBack') AND seq > ? ORDER BY seq DESC LIMIT ?
                """, arguments: [seq, limit]).map { r in
                CallRecord(seq: r["seq"], kind: QueueEventKind(rawValue: r["kind"]) ?? .called, ticketNumber: r["ticket_number"],
                           windowNumber: r["window_number"], at: Date(timeIntervalSince1970: r["at"]))
            }
        }
    }

    /// Events of a day range (local days, inclusive), for metrics and reports.
    func events(_ db: Database, fromDay: String, toDay: String) throws -> [QueueEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM queue_event WHERE service_day BETWEEN ? AND ? ORDER BY seq",
                         arguments: [fromDay, toDay]).map(QueueEvent.init(row:))
    }

    public func dashboard() throws -> DashboardSnapshot {
        try read { db in
            let hall = try HallInfo.load(db, path: self.path)
            let now = self.clock.now()
            let day = hall.calendar.dayKey(now)
            let services = try Fetch.services(db)
            let queues = try Self.queues(db, hall: hall, services: services, now: now)
            let targets = Dictionary(uniqueKeysWithValues: services.map { ($0.id, Double($0.targetWaitMinutes * 60)) })
            let report = QueueMetrics.report(events: try self.events(db, fromDay: day, toDay: day), targetWaitSeconds: targets, until: now,
                                             calendar: hall.calendar)
            let windows = try Fetch.windows(db)
            var rows: [WindowStatusRow] = []
            for w in windows {
                let s = try WindowStateRow.load(db, window: w.number)
                let clerk = try s.clerkId.flatMap { try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE id = ?", arguments: [$0]) }.map(Clerk.init(row:))
                let m = report.windows[String(w.number)]
                rows.append(WindowStatusRow(window: w, status: s.status, clerk: clerk,
                                            current: try s.currentTicketId.map { try Fetch.ticket(db, id: $0) },
                                            finishedToday: m?.finished ?? 0, utilisation: m?.utilisation))
            }
            let waiting = Dictionary(queues.map { ($0.service.id, $0.waiting) }, uniquingKeysWith: +)
            let staffed = rows.map { WindowSwitch.Candidate(window: $0.window, status: $0.status) }
            let alerts = queues.compactMap { q -> QueueAlert? in
                let open = rows.filter { $0.status != .signedOut && $0.status != .paused && $0.window.serviceIds.contains(q.service.id) }.count
                return QueueAlerts.evaluate(service: q.service, waiting: q.waiting, longestWaitSeconds: q.longestWaitSeconds, openWindows: open,
                                            switchWindow: WindowSwitch.suggest(for: q.service.id, among: staffed, waiting: waiting)?.number)
            }
            return DashboardSnapshot(queues: queues, metrics: report.services, windows: rows, alerts: alerts, at: now,
                                     voiceProblems: try Self.voiceProblems(db), lastClose: try Self.lastClose(db, before: day))
        }
    }

    static func lastClose(_ db: Database, before day: String) throws -> ClosedDay? {
        guard let text = try String.fetchOne(db, sql: "SELECT summary FROM day_close WHERE day < ? ORDER BY day DESC LIMIT 1", arguments: [day]) else {
            return nil
        }
        let d = JSONDecoder(); d.dateDecodingStrategy = .secondsSince1970
        let s = try d.decode(DaySummary.self, from: Data(text.utf8))
        return ClosedDay(day: s.day, abandoned: Dictionary(s.services.map { ($0.code, $0.abandoned) }, uniquingKeysWith: +),
                         totalAbandoned: s.abandoned)
    }

    /// Audit chain check and SQLite integrity, for `yichuang doctor` and the tests.
    public func verify() throws -> (integrity: String, audit: AuditLog.Verification, pendingOutbox: Int) {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            let audit = try AuditLog.verify(db)
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL") ?? 0
            return (integrity, audit, pending)
        }
    }
}

extension HallStore {
    /// One appointment by its check-in code (typed by the guide or scanned), whatever its status.
    public func appointment(code raw: String) throws -> Appointment? {
        let code = normalizeIdentityInput(raw)
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM appointment WHERE check_in_code = ?", arguments: [code]).map { r in
                Appointment(id: r["id"], serviceId: r["service_id"], applicantName: r["applicant_name"], phone: r["phone"],
                            slotStart: Date(timeIntervalSince1970: r["slot_start"]), slotEnd: Date(timeIntervalSince1970: r["slot_end"]),
                            checkInCode: r["check_in_code"], status: Appointment.Status(rawValue: r["status"]) ?? .booked,
                            ticketId: r["ticket_id"])
            }
        }
    }
}
