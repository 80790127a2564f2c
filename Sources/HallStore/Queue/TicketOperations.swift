import Foundation
import GRDB
import HallCore

/// A ticket as handed to the applicant: the number, how many people are ahead and about how long
/// they take (`QueueForecast`; nil when no open window serves it or the day has no service time yet).
public struct IssuedTicket: Codable, Equatable, Sendable {
    public var ticket: Ticket
    public var serviceName: String
    public var peopleAhead: Int
    public var estimatedWaitSeconds: Double? = nil
}

extension HallStore {
    /// 取号: a normal, green-channel or appointment ticket for a service (by code, prefix or name).
    public func issueTicket(service key: String, priority: TicketPriority = .normal, note: String? = nil,
                            by: Attribution) throws -> IssuedTicket {
        try withForecast(try perform(by) { tx, hall in
            let service = try Fetch.service(tx.db, matching: key)
            return try Self.issue(tx, hall: hall, service: service, priority: priority, slotStart: nil, note: note)
        })
    }

    static func issue(_ tx: BusinessTransaction, hall: HallInfo, service: Service, priority: TicketPriority,
                      slotStart: Date?, note: String?, status: TicketStatus = .waiting, walkUpWindow: Int? = nil) throws -> IssuedTicket {
        let db = tx.db
        let day = tx.serviceDay
        let overnight = hall.policy.keepQueueOvernight
        // Hours, cut-off and the day's suspension; a booked appointment is honoured whatever the hour.
        if walkUpWindow == nil, slotStart == nil { try ServiceRules.requireTakingTickets(tx, service: service, hall: hall) }
        if walkUpWindow == nil {
            let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting' AND service_id = ? AND (? OR service_day = ?)",
                                           arguments: [service.id, overnight, day]) ?? 0
            if waiting >= service.maxQueue { throw StoreError.queueFull(service: service.name, max: service.maxQueue) }
        }
        // Numbering restarts each day unless the hall keeps its queue overnight.
        let counterDay = overnight ? "continuous" : day
        let seq = try Int.fetchOne(db, sql: """
            INSERT INTO day_counter (hall_id, service_id, day, last) VALUES (?, ?, ?, 1)
            ON CONFLICT (hall_id, service_id, day) DO UPDATE SET last = last + 1 RETURNING last
            """, arguments: [hall.hallId, service.id, counterDay])!
        var number = formatTicketNumber(prefix: service.prefix, sequence: seq)
        // With an overnight queue the counter continues, but a number may already exist for today
        // after a switch of policy: skip forward rather than fail.
        var bump = seq
        while try Int.fetchOne(db, sql: "SELECT 1 FROM ticket WHERE service_day = ? AND number = ?", arguments: [day, number]) != nil {
            bump += 1
            number = formatTicketNumber(prefix: service.prefix, sequence: bump)
            try db.execute(sql: "UPDATE day_counter SET last = ? WHERE hall_id = ? AND service_id = ? AND day = ?",
                           arguments: [bump, hall.hallId, service.id, counterDay])
        }
        let now = tx.now
        let ticket = Ticket(id: newId(), number: number, serviceId: service.id, serviceDay: day, priority: priority,
                            status: status, issuedAt: now, enqueuedAt: now,
                            calledAt: status == .serving ? now : nil, windowNumber: walkUpWindow,
                            slotStart: slotStart, isWalkUp: walkUpWindow != nil, note: note)
        try db.execute(sql: """
            INSERT INTO ticket (id, hall_id, number, service_id, service_day, priority, status, issued_at, enqueued_at,
                                queue_order, called_at, window_number, slot_start, is_walk_up, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ticket.id, hall.hallId, number, service.id, day, priority.rawValue, status.rawValue,
                             now.timeIntervalSince1970, now.timeIntervalSince1970, now.timeIntervalSince1970,
                             ticket.calledAt?.timeIntervalSince1970, walkUpWindow, slotStart?.timeIntervalSince1970,
                             walkUpWindow != nil, note])
        if walkUpWindow != nil {
            try tx.record(.walkUp, ticket: ticket, windowNumber: walkUpWindow)
            return IssuedTicket(ticket: ticket, serviceName: service.name, peopleAhead: 0)
        }
        try tx.record(.issued, ticket: ticket, detail: priority == .normal ? nil : priority.label)
        // People ahead by the real call order: `withForecast`, after the commit.
        return IssuedTicket(ticket: ticket, serviceName: service.name, peopleAhead: 0)
    }

    /// Books a local appointment (phone bookings taken at the hall). Online bookings arrive by sync.
    public func bookAppointment(service key: String, name: String, phone: String, slotStart: Date,
                                slotMinutes: Int = 30, by: Attribution) throws -> Appointment {
        let cleanName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = AppointmentRules.nameProblem(cleanName) { throw StoreError.invalidInput(problem) }
        let digits: String
        switch AppointmentRules.normalizedPhone(phone) {
        case .success(let d): digits = d
        case .failure(let p): throw StoreError.invalidInput(p.reason)
        }
        // Read outside the write: the calendar and policy change rarely, and a read inside the
        // write transaction would re-enter the pool.
        let hall = try self.hall()
        if let problem = AppointmentRules.slotProblem(start: slotStart, minutes: slotMinutes, now: clock.now(), calendar: hall.calendar,
                                                      workCalendar: try workCalendar(), policy: hall.policy) {
            throw StoreError.invalidInput(problem)
        }
        return try perform(by) { tx, hall in
            let service = try Fetch.service(tx.db, matching: key)
            var code = ""
            repeat {
                code = String(format: "%06d", Int.random(in: 0...999_999))
            } while try Int.fetchOne(tx.db, sql: "SELECT 1 FROM appointment WHERE check_in_code = ?", arguments: [code]) != nil
            let a = Appointment(id: newId(), serviceId: service.id, applicantName: cleanName, phone: digits,
                                slotStart: slotStart, slotEnd: slotStart + TimeInterval(slotMinutes * 60),
                                checkInCode: code, status: .booked)
            try tx.db.execute(sql: """
                INSERT INTO appointment (id, hall_id, service_id, applicant_name, phone, slot_start, slot_end, check_in_code, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked')
                """, arguments: [a.id, hall.hallId, a.serviceId, a.applicantName, a.phone, a.slotStart.timeIntervalSince1970,
                                 a.slotEnd.timeIntervalSince1970, a.checkInCode])
            try tx.outbox(.appointmentCheckedIn, entityId: a.id, payload: a.maskedForSync)
            try tx.audit(action: "appointment.book", entity: "appointment", entityId: a.id,
                         detail: "预约 \(service.name) \(maskName(a.applicantName)) \(maskPhone(a.phone)) \(hall.calendar.dayKey(a.slotStart)) \(hall.calendar.hourMinute(a.slotStart))")
            return a
        }
    }

    /// 预约签到: the check-in code becomes an appointment ticket. A late arrival queues as normal.
    public func checkInAppointment(code raw: String, by: Attribution) throws -> IssuedTicket {
        let code = normalizeIdentityInput(raw)
        return try withForecast(try perform(by) { tx, hall in
            guard let r = try Row.fetchOne(tx.db, sql: "SELECT * FROM appointment WHERE check_in_code = ?", arguments: [code]) else {
                throw StoreError.noSuchAppointment(code)
            }
            let id: String = r["id"]
            if (r["status"] as String) == Appointment.Status.cancelled.rawValue {
                throw StoreError.invalidInput("预约 \(code) 已取消，不能签到取号，请申请人重新预约或取普通号")
            }
            guard (r["status"] as String) == Appointment.Status.booked.rawValue else { throw StoreError.appointmentAlreadyCheckedIn(code) }
            let start = Date(timeIntervalSince1970: r["slot_start"]), end = Date(timeIntervalSince1970: r["slot_end"])
            guard hall.calendar.dayKey(start) == tx.serviceDay else { throw StoreError.appointmentNotToday(hall.calendar.dayKey(start)) }
            let service = try Fetch.service(tx.db, matching: r["service_id"])
            let late = tx.now > end
            let issued = try Self.issue(tx, hall: hall, service: service, priority: late ? .normal : .appointment,
                                        slotStart: late ? nil : start, note: late ? "预约迟到，按普通号排队" : nil)
            try tx.db.execute(sql: "UPDATE appointment SET status = 'checkedIn', ticket_id = ? WHERE id = ?", arguments: [issued.ticket.id, id])
            try tx.audit(action: "appointment.checkIn", entity: "appointment", entityId: id,
                         detail: "预约签到 \(code) → \(issued.ticket.number)\(late ? "（迟到，按普通号）" : "")")
            return issued
        })
    }
}
