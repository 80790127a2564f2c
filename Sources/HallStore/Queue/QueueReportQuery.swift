import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Every figure of the queue for a range of local days ("2026-11-01" … "2026-11-30"): the event
    /// log through `QueueMetrics`, and the appointments whose slot lies in the range.
    public func report(fromDay: String, toDay: String) throws -> (report: QueueReport, services: [Service], clerks: [Clerk]) {
        try read { db in
            let hall = try HallInfo.load(db, path: self.path)
            let services = try Fetch.services(db)
            let targets = Dictionary(uniqueKeysWithValues: services.map { ($0.id, Double($0.targetWaitMinutes * 60)) })
            let end = hall.calendar.date(fromDayKey: toDay).map { hall.calendar.addingDays(1, to: $0) } ?? self.clock.now()
            let until = min(end, self.clock.now())
            var report = QueueMetrics.report(events: try self.events(db, fromDay: fromDay, toDay: toDay), targetWaitSeconds: targets,
                                             until: until, calendar: hall.calendar)
            if let start = hall.calendar.date(fromDayKey: fromDay) {
                try Self.countAppointments(db, from: start, to: end, until: until, into: &report)
            }
            let clerks = try Row.fetchAll(db, sql: "SELECT * FROM clerk ORDER BY number").map(Clerk.init(row:))
            return (report, services, clerks)
        }
    }

    /// 预约: booked (not cancelled), kept (checked in within the slot, an appointment ticket), late
    /// (checked in after it, queued as a normal ticket), missed (the slot ended with no check-in).
    static func countAppointments(_ db: Database, from start: Date, to end: Date, until: Date, into report: inout QueueReport) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.service_id, a.status, a.slot_end, t.priority FROM appointment a LEFT JOIN ticket t ON t.id = a.ticket_id
            WHERE a.slot_start >= ? AND a.slot_start < ? AND a.status != 'cancelled'
            """, arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970])
        for r in rows {
            let serviceId: String = r["service_id"]
            let checkedIn = (r["status"] as String) == Appointment.Status.checkedIn.rawValue
            let onTime = (r["priority"] as String?) == TicketPriority.appointment.rawValue
            let missed = !checkedIn && (r["slot_end"] as Double) <= until.timeIntervalSince1970
            for key in [serviceId, nil] as [String?] {
                var m = key.map { report.services[$0] ?? QueueFigures(key: $0) } ?? report.total
                m.appointmentsBooked += 1
                if checkedIn { if onTime { m.appointmentsKept += 1 } else { m.appointmentsLate += 1 } }
                if missed { m.appointmentsMissed += 1 }
                if let key { report.services[key] = m } else { report.total = m }
            }
        }
    }
}
