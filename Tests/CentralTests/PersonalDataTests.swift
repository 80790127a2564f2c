import CentralServer
import Foundation
import HallCore
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, defect 5: a phone appointment taken at the hall reaches the centre with the name and
/// phone masked; the hall keeps them whole for calling the applicant.
final class PersonalDataTests: XCTestCase {
    func testPhoneAppointmentTravelsMasked() async throws {
        try await CentralFixture.run { f in
            let slot = BookingSlots.at(BookingSlots.nextDay(after: 1) { BookingSlots.isPlainWorkday($0) }, 10, 0)
            // The hall books only on days its calendar knows (a plain weekday of a published year).
            let year = Int(BookingSlots.china.dayKey(slot).prefix(4))!
            let newYears = [year, year + 1].map { WorkCalendar.Day(date: "\($0)-01-01", isOffDay: true, name: "元旦") }
            _ = try f.store.seedCalendarIfEmpty(WorkCalendar(days: newYears, publishedYears: [year, year + 1]), by: .system("test"))
            let a = try f.store.bookAppointment(service: "A", name: "王小明", phone: "13800138000", slotStart: slot, slotMinutes: 30,
                                                by: .system("desk"))
            _ = try await f.client().pushAll()
            let payload = try TestPostgres.shared.get().psql(f.database,
                "SELECT payload FROM operation WHERE kind = 'appointment.checkedIn' AND entity_id = '\(a.id)'")
            XCTAssertFalse(payload.isEmpty)
            XCTAssertFalse(payload.contains("13800138000"), payload)
            XCTAssertFalse(payload.contains("王小明"), payload)
            XCTAssertTrue(payload.contains("138****8000"), payload)
            XCTAssertEqual(try f.store.appointment(code: a.checkInCode)?.phone, "13800138000", "the hall keeps it whole")
        }
    }
}
