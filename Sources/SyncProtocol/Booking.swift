import Foundation

/// POST /v1/booking/appointments, from the online booking system (a `booking` api token). The
/// centre checks it, gives it an 8-digit check-in code and routes it to the hall's bucket; the
/// hall pulls it on its next sync. Posting the same booking id again is safe: the same code comes
/// back, and changed details reschedule it.
public struct BookingRequest: Codable, Sendable, Equatable {
    public var hallId: String
    public var bookingId: String
    /// Service letter or name as the hall knows it ("A", "综合受理").
    public var service: String
    public var name: String
    public var phone: String
    /// Seconds since 1970.
    public var slotStart: Double
    public var slotMinutes: Int
    public init(hallId: String, bookingId: String, service: String, name: String, phone: String, slotStart: Double, slotMinutes: Int = 30) {
        self.hallId = hallId; self.bookingId = bookingId; self.service = service; self.name = name
        self.phone = phone; self.slotStart = slotStart; self.slotMinutes = slotMinutes
    }
    /// `slotMinutes` may be left out (30, the halls' usual slot); everything else is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hallId = try c.decode(String.self, forKey: .hallId); bookingId = try c.decode(String.self, forKey: .bookingId)
        service = try c.decode(String.self, forKey: .service); name = try c.decode(String.self, forKey: .name)
        phone = try c.decode(String.self, forKey: .phone); slotStart = try c.decode(Double.self, forKey: .slotStart)
        slotMinutes = try c.decodeIfPresent(Int.self, forKey: .slotMinutes) ?? 30
    }
}

public struct BookingResponse: Codable, Sendable, Equatable {
    public var hallId: String
    public var bookingId: String
    public var checkInCode: String
    /// "booked" or "cancelled".
    public var status: String
    public init(hallId: String, bookingId: String, checkInCode: String, status: String) {
        self.hallId = hallId; self.bookingId = bookingId; self.checkInCode = checkInCode; self.status = status
    }
}

extension SyncPaths {
    /// POST a `BookingRequest`; DELETE `/v1/booking/appointments/<hallId>/<bookingId>` cancels.
    public static let booking = "/v1/booking/appointments"
}
