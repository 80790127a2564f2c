import CentralServer
import Foundation
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
