import Foundation
import GRDB
import HallCore

/// What carrying pulled reference data into the business tables did, for the log and `sync --once`.
public struct ReferenceApplySummary: Sendable, Equatable {
    public var catalog: ImportSummary?
    public var calendarYears: [Int] = []
    public var appointmentsAdded = 0
    public var appointmentsChanged = 0
    public var appointmentsCancelled = 0
    public var policies: [String] = []
    public var decisions = 0
    /// Entries that could not be used, in Chinese: logged and shown; the rest still applies.
    public var problems: [String] = []

    /// One line for the log and `sync --once`.
    public var text: String {
        var parts: [String] = []
        if let c = catalog { parts.append("事项目录：\(c.text)") }
        if !calendarYears.isEmpty { parts.append("节假日安排：\(calendarYears.map(String.init).joined(separator: "、"))年") }
        if appointmentsAdded + appointmentsChanged + appointmentsCancelled > 0 {
            parts.append("网上预约：新增\(appointmentsAdded)条，改期\(appointmentsChanged)条，取消\(appointmentsCancelled)条")
        }
        if !policies.isEmpty { parts.append("规则：" + policies.joined(separator: "、")) }
        if decisions > 0 { parts.append("整改复核结论\(decisions)条") }
        return parts.isEmpty ? "无变化" : parts.joined(separator: "；")
    }

    public var isEmpty: Bool {
        catalog == nil && calendarYears.isEmpty && appointmentsAdded + appointmentsChanged + appointmentsCancelled == 0 && policies.isEmpty && decisions == 0
    }
}

extension HallStore {
    /// Carries what was pulled since the last carry-over (entries with a version above the bucket's
    /// `applied_cursor`) into the tables the hall works from: matters and 一件事, the working-day
    /// calendar, online appointments, the hall's policies, the centre's rectification decisions. Each step is a normal business write
    /// (outbox + audit), so the centre learns what the hall now uses. Run it after a COMPLETE pull
    /// only: an online booking missing from the bucket's copy then really was cancelled.
    /// Idempotent: a crash midway repeats the step next round with the same result.
    public func applyPulledReference(by: Attribution) throws -> ReferenceApplySummary {
        var summary = ReferenceApplySummary()
        let hallBucket = "hall:" + (try syncIdentity().hallId)
        for bucket in ["catalog", "calendar", hallBucket] {
            let (cursor, applied) = try read { db -> (Int64, Int64) in
                let r = try Row.fetchOne(db, sql: "SELECT cursor, applied_cursor FROM sync_bucket WHERE bucket = ?", arguments: [bucket])
                return (r?["cursor"] ?? 0, r?["applied_cursor"] ?? 0)
            }
            guard cursor > applied else { continue }
            let changed = try read { db in
                try Row.fetchAll(db, sql: """
                    SELECT entity, entity_id, payload FROM sync_reference WHERE bucket = ? AND version > ? ORDER BY version
                    """, arguments: [bucket, applied]).map { (entity: $0["entity"] as String, id: $0["entity_id"] as String, payload: $0["payload"] as String) }
            }
            switch bucket {
            case "catalog": try carryCatalog(changed, by: by, into: &summary)
            case "calendar": try carryCalendar(changed, by: by, into: &summary)
            default: try carryHall(bucket, changed, by: by, into: &summary)
            }
            // Problems are reported, not retried forever: the centre fixes them by publishing again.
            try write { db in
                try db.execute(sql: "UPDATE sync_bucket SET applied_cursor = ? WHERE bucket = ?", arguments: [cursor, bucket])
            }
        }
        return summary
    }

    private func carryCatalog(_ rows: [(entity: String, id: String, payload: String)], by: Attribution,
                              into s: inout ReferenceApplySummary) throws {
        var matters: [Matter] = [], bundles: [MatterBundle] = []
        for r in rows {
            do {
                switch r.entity {
                case ReferenceEntity.matter: matters.append(try ReferenceJSON.decode(Matter.self, r.payload))
                case ReferenceEntity.bundle: bundles.append(try ReferenceJSON.decode(MatterBundle.self, r.payload))
                default: s.problems.append("目录中有未知类型 \(r.entity)，已忽略")
                }
            } catch {
                s.problems.append("中心下发的事项 \(r.id) 无法读取，已忽略")
            }
        }
        guard !matters.isEmpty || !bundles.isEmpty else { return }
        do {
            s.catalog = try importCatalog(matters, bundles: bundles, source: "中心下发", by: by)
        } catch StoreError.catalogImportRunning(let pid) {
            // Not a problem of the centre's catalog: keep the cursor, so the next sync imports it.
            throw StoreError.catalogImportRunning(pid: pid)
        } catch StoreError.catalogChangedDuringImport {
            throw StoreError.catalogChangedDuringImport
        } catch {
            s.problems.append("中心下发的事项目录未能导入：\(error.localizedDescription)")
        }
    }

    private func carryCalendar(_ rows: [(entity: String, id: String, payload: String)], by: Attribution,
                               into s: inout ReferenceApplySummary) throws {
        for r in rows where r.entity == ReferenceEntity.calendarYear {
            do {
                let year = try ReferenceJSON.decode(CalendarYear.self, r.payload)
                try importCalendar(year.days, years: [year.year], source: "中心下发", by: by)
                s.calendarYears.append(year.year)
            } catch {
                s.problems.append("中心下发的\(r.id)年节假日安排未能导入：\(error.localizedDescription)")
            }
        }
    }

    private func carryHall(_ bucket: String, _ rows: [(entity: String, id: String, payload: String)], by: Attribution,
                           into s: inout ReferenceApplySummary) throws {
        for r in rows {
            do {
                switch r.entity {
                case ReferenceEntity.appointment:
                    let a = try ReferenceJSON.decode(OnlineAppointment.self, r.payload)
                    if let problem = a.problem { s.problems.append("网上预约 \(r.id)：\(problem)"); continue }
                    switch try storeOnlineAppointment(a, by: by) {
                    case .added: s.appointmentsAdded += 1
                    case .changed: s.appointmentsChanged += 1
                    case .unchanged: break
                    }
                case ReferenceEntity.queuePolicy:
                    try updatePolicy(try ReferenceJSON.decode(QueuePolicy.self, r.payload), by: by, asCentre: true)
                    s.policies.append("叫号规则")
                case ReferenceEntity.ratingPolicy:
                    try updateRatingPolicy(try ReferenceJSON.decode(RatingPolicy.self, r.payload), by: by, asCentre: true)
                    s.policies.append("评价规则")
                case ReferenceEntity.rectificationDecision:
                    let d = try ReferenceJSON.decode(RectificationDecision.self, r.payload)
                    // The centre acts as an administrator of the task; its name is kept in the history.
                    let centre = Clerk(id: "centre", number: String(d.decidedBy.prefix(40)), name: "中心", role: .admin)
                    try rectify(taskId: d.taskId, d.action, by: centre, terminal: "centre")
                    s.decisions += 1
                default:
                    s.problems.append("大厅数据中有未知类型 \(r.entity)，已忽略")
                }
            } catch {
                s.problems.append("中心下发的 \(r.entity) \(r.id) 未能使用：\(error.localizedDescription)")
            }
        }
        s.appointmentsCancelled += try cancelWithdrawnBookings(bucket, by: by)
    }

    enum CarryResult { case added, changed, unchanged }

    /// Local id of an online booking: its booking id in its own namespace, so pulling it twice
    /// finds the same row.
    static func onlineAppointmentId(_ bookingId: String) -> String { "online:" + bookingId }

    private func storeOnlineAppointment(_ a: OnlineAppointment, by: Attribution) throws -> CarryResult {
        let id = Self.onlineAppointmentId(a.bookingId)
        let phone = normalizeIdentityInput(a.phone)
        let name = a.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let end = a.slotStart + TimeInterval(a.slotMinutes * 60)
        // Decide first with a read: a business write must leave an outbox op and an audit entry,
        // so "nothing to do" never enters one.
        let service = try read { db in try Fetch.service(db, matching: a.service) }
        let old = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM appointment WHERE id = ?", arguments: [id]) }
        if let old {
            // Only a booking not yet used may be moved; a checked-in or cancelled one is history.
            guard (old["status"] as String) == Appointment.Status.booked.rawValue else { return .unchanged }
            let same = (old["service_id"] as String) == service.id && (old["applicant_name"] as String) == name
                && (old["phone"] as String) == phone && (old["slot_start"] as Double) == a.slotStart.timeIntervalSince1970
                && (old["slot_end"] as Double) == end.timeIntervalSince1970
            if same { return .unchanged }
        }
        return try perform(by) { tx, hall in
            let row = Appointment(id: id, serviceId: service.id, applicantName: name, phone: phone, slotStart: a.slotStart,
                                  slotEnd: end, checkInCode: a.checkInCode, status: .booked)
            if old != nil {
                try tx.db.execute(sql: """
                    UPDATE appointment SET service_id = ?, applicant_name = ?, phone = ?, slot_start = ?, slot_end = ?
                    WHERE id = ? AND status = 'booked'
                    """, arguments: [service.id, name, phone, a.slotStart.timeIntervalSince1970, end.timeIntervalSince1970, id])
                try tx.outbox(.appointmentCheckedIn, entityId: id, payload: row.maskedForSync)
                try tx.audit(action: "appointment.online.change", entity: "appointment", entityId: id,
                             detail: "网上预约改期 \(service.name) \(hall.calendar.dayKey(a.slotStart)) \(hall.calendar.hourMinute(a.slotStart))")
                return .changed
            }
            try tx.db.execute(sql: """
                INSERT INTO appointment (id, hall_id, service_id, applicant_name, phone, slot_start, slot_end, check_in_code, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked')
                """, arguments: [id, hall.hallId, service.id, name, phone, a.slotStart.timeIntervalSince1970,
                                 end.timeIntervalSince1970, a.checkInCode])
            try tx.outbox(.appointmentCheckedIn, entityId: id, payload: row.maskedForSync)
            try tx.audit(action: "appointment.online", entity: "appointment", entityId: id,
                         detail: "网上预约 \(service.name) \(maskName(name)) \(maskPhone(phone)) \(hall.calendar.dayKey(a.slotStart)) \(hall.calendar.hourMinute(a.slotStart))")
            return .added
        }
    }

    /// Online bookings still waiting here whose entry the centre deleted: the applicant cancelled.
    private func cancelWithdrawnBookings(_ bucket: String, by: Attribution) throws -> Int {
        let withdrawn = try read { db in
            try String.fetchAll(db, sql: """
                SELECT a.id FROM appointment a WHERE a.id LIKE 'online:%' AND a.status = 'booked'
                  AND NOT EXISTS (SELECT 1 FROM sync_reference r WHERE r.bucket = ? AND r.entity = ? AND 'online:' || r.entity_id = a.id)
                """, arguments: [bucket, ReferenceEntity.appointment])
        }
        for id in withdrawn {
            try perform(by) { tx, _ in
                try tx.db.execute(sql: "UPDATE appointment SET status = 'cancelled' WHERE id = ? AND status = 'booked'", arguments: [id])
                try tx.outbox(.appointmentCheckedIn, entityId: id, payload: ["id": id, "status": "cancelled"])
                try tx.audit(action: "appointment.online.cancel", entity: "appointment", entityId: id, detail: "网上预约已由申请人取消")
            }
        }
        return withdrawn.count
    }
}
