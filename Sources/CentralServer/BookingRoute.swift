import Foundation
import HallCore
import Hummingbird
import Logging
import PostgresNIO
import SyncProtocol

/// The online booking system's door into the centre (a `booking` api token): a booking is checked,
/// given a check-in code unique in its hall, stored, and published to the hall's bucket in ONE
/// transaction, so a hall never pulls a booking the centre does not hold, nor the reverse.
struct BookingRoute: Sendable {
    let central: Central

    func book(_ body: Data) async throws -> Response {
        let r = try JSONDecoder().decode(BookingRequest.self, from: body)
        guard try await hallExists(r.hallId) else {
            return CentralRoutes.error(.badRequest, "没有编号为 \(r.hallId) 的大厅", status: .notFound)
        }
        let slot = Date(timeIntervalSince1970: r.slotStart)
        guard slot > Date(), slot < Date().addingTimeInterval(366 * 86_400) else {
            return CentralRoutes.error(.badRequest, "预约时段应在今后一年之内", status: .unprocessableContent)
        }
        if let problem = try await BookingSlotRule(client: central.client, logger: central.logger, hours: central.settings.bookingHours)
            .problem(start: slot, minutes: r.slotMinutes) {
            return CentralRoutes.error(.badRequest, problem, status: .unprocessableContent)
        }
        var appointment = OnlineAppointment(bookingId: r.bookingId, service: r.service, name: r.name, phone: r.phone,
                                            slotStart: slot, slotMinutes: r.slotMinutes, checkInCode: "00000000")
        if let problem = appointment.problem {
            return CentralRoutes.error(.badRequest, problem, status: .unprocessableContent)
        }
        if let problem = try await unknownService(r.service, hallId: r.hallId) {
            return CentralRoutes.error(.badRequest, problem, status: .unprocessableContent)
        }
        let logger = central.logger
        let code: String = try await central.client.withTransaction(logger: logger) { conn in
            // A booking already held keeps its code; changed details are a reschedule.
            var code: String?
            for try await (c, cancelled) in try await conn.query("""
                SELECT check_in_code, cancelled_at IS NOT NULL FROM booking WHERE hall_id = \(r.hallId) AND id = \(r.bookingId) FOR UPDATE
                """, logger: logger).decode((String, Bool).self) {
                guard !cancelled else { throw BookingRefusal.cancelled }
                code = c
            }
            if code == nil { code = try await Self.newCode(hallId: r.hallId, conn: conn, logger: logger) }
            appointment.checkInCode = code!
            let payload = try ReferenceJSON.text(appointment)
            try await conn.query("""
                INSERT INTO booking (hall_id, id, check_in_code, payload) VALUES (\(r.hallId), \(r.bookingId), \(code!), \(payload))
                ON CONFLICT (hall_id, id) DO UPDATE SET payload = EXCLUDED.payload
                """, logger: logger)
            try await BucketLog.append(.hall(r.hallId), [.init(entity: ReferenceEntity.appointment, entityId: r.bookingId, payload: payload)],
                                       on: conn, logger: logger)
            return code!
        }
        logger.info("booking routed", metadata: ["hall": "\(r.hallId)", "booking": "\(r.bookingId)"])
        return CentralRoutes.json(BookingResponse(hallId: r.hallId, bookingId: r.bookingId, checkInCode: code, status: "booked"))
    }

    func cancel(hallId: String, bookingId: String) async throws -> Response {
        let logger = central.logger
        let code: String? = try await central.client.withTransaction(logger: logger) { conn in
            var found: (String, Bool)?
            for try await row in try await conn.query("""
                SELECT check_in_code, cancelled_at IS NOT NULL FROM booking WHERE hall_id = \(hallId) AND id = \(bookingId) FOR UPDATE
                """, logger: logger).decode((String, Bool).self) { found = row }
            guard let (code, cancelled) = found else { return nil }
            if !cancelled {
                try await conn.query("UPDATE booking SET cancelled_at = now() WHERE hall_id = \(hallId) AND id = \(bookingId)", logger: logger)
                try await BucketLog.append(.hall(hallId), [.init(entity: ReferenceEntity.appointment, entityId: bookingId, payload: nil)],
                                           on: conn, logger: logger)
            }
            return code
        }
        guard let code else { return CentralRoutes.error(.badRequest, "没有这条预约", status: .notFound) }
        return CentralRoutes.json(BookingResponse(hallId: hallId, bookingId: bookingId, checkInCode: code, status: "cancelled"))
    }

    enum BookingRefusal: Error { case cancelled }

    /// The hall reports its services when it is set up (the dashboard's `ov_service`); a booking
    /// for a service the hall does not have is refused here, while the applicant is still online.
    /// A hall that never reported its services is not second-guessed: it checks on pull.
    func unknownService(_ service: String, hallId: String) async throws -> String? {
        var known: [(prefix: String, name: String?)] = []
        for try await row in try await central.client.query("SELECT prefix, name FROM ov_service WHERE hall_id = \(hallId) ORDER BY prefix",
                                                           logger: central.logger).decode((String, String?).self) { known.append(row) }
        guard !known.isEmpty else { return nil }
        let key = service.trimmingCharacters(in: .whitespaces)
        if known.contains(where: { $0.prefix.caseInsensitiveCompare(key) == .orderedSame || $0.name == key }) { return nil }
        let choices = known.map { "\($0.prefix) \($0.name ?? "")".trimmingCharacters(in: .whitespaces) }.joined(separator: "、")
        return "该大厅没有业务“\(String(key.prefix(20)))”，可选：\(choices)"
    }

    func hallExists(_ hallId: String) async throws -> Bool {
        for try await _ in try await central.client.query("SELECT 1 FROM hall WHERE hall_id = \(hallId) AND id = \(hallId)",
                                                         logger: central.logger).decode(Int.self) { return true }
        return false
    }

    /// 8 random digits not yet used in the hall (checked under the transaction; the UNIQUE
    /// constraint is the last word if two bookings race).
    static func newCode(hallId: String, conn: PostgresConnection, logger: Logger) async throws -> String {
        while true {
            let code = String(format: "%08d", Int.random(in: 0...99_999_999))
            var taken = false
            for try await _ in try await conn.query("SELECT 1 FROM booking WHERE hall_id = \(hallId) AND check_in_code = \(code)",
                                                   logger: logger).decode(Int.self) { taken = true }
            if !taken { return code }
        }
    }
}

extension CentralRoutes {
    func addBooking(to router: Router<BasicRequestContext>) {
        router.post(RouterPath(SyncPaths.booking)) { request, _ -> Response in
            await guardedApi(SyncPaths.booking, request, roles: [.booking]) { _, body in
                do { return try await BookingRoute(central: central).book(body) } catch let e as PostgresTransactionError
                    where e.closureError is BookingRoute.BookingRefusal {
                    return Self.error(.badRequest, "该预约已取消，不能再修改", status: .conflict)
                }
            }
        }
        router.delete(RouterPath(SyncPaths.booking + "/:hall/:booking")) { request, context -> Response in
            let hall = context.parameters.get("hall") ?? "", booking = context.parameters.get("booking") ?? ""
            return await guardedApi(SyncPaths.booking, request, roles: [.booking]) { _, _ in
                try await BookingRoute(central: central).cancel(hallId: hall, bookingId: booking)
            }
        }
    }
}
