import Foundation
import HallCore
import XCTest
@testable import HallStore

/// Staff PINs checked at a public screen (the rating pad's exit): audited, never a lock-out.
final class PublicScreenExitTests: XCTestCase {
    func testWrongPinsAreAuditedButNeverCountTowardsTheLockOut() throws {
        let h = try TestHall()
        let audits = try h.count("SELECT COUNT(*) FROM audit_entry")
        for _ in 0..<7 { XCTAssertNil(try h.store.checkStaffAtPublicScreen(clerkNumber: "8001", pin: "0000", terminal: "pad")) }
        XCTAssertNil(try h.store.checkStaffAtPublicScreen(clerkNumber: "7777", pin: "1234", terminal: "pad"), "an unknown 工号 reads as a wrong PIN")
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM clerk WHERE failed_attempts > 0 OR locked_until IS NOT NULL"), 0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'clerk.publicExitFailed'"), 8)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry"), audits + 8)
        XCTAssertEqual(try h.store.checkStaffAtPublicScreen(clerkNumber: "8001", pin: "8888", terminal: "pad")?.name, "孙建国")
        XCTAssertEqual(try h.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dash").name, "孙建国")
    }

    /// A lock set by the sign-in elsewhere still holds at the pad, and the refusal is audited too.
    func testALockSetElsewhereStillHolds() throws {
        let h = try TestHall()
        for _ in 0..<5 { _ = try? h.store.signIn(clerkNumber: "1001", pin: "0000", window: 1, terminal: "t") }
        XCTAssertThrowsError(try h.store.checkStaffAtPublicScreen(clerkNumber: "1001", pin: "1234", terminal: "pad")) {
            XCTAssertEqual($0 as? StoreError, .clerkLocked(minutes: 5))
        }
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'clerk.publicExitFailed'"), 1)
        h.clock.advance(seconds: 301)
        XCTAssertNotNil(try h.store.checkStaffAtPublicScreen(clerkNumber: "1001", pin: "1234", terminal: "pad"))
    }
}
