import Foundation
import HallCore
import XCTest
@testable import HallStore

/// Issue 11, must-deliver 5: refusals are typed values whose Chinese is written once, in
/// StoreError/AdminError, not strings made at each throw (`StoreError.notAllowed(String)`), so a
/// front end can tell one refusal from another without reading the text.
final class TypedStoreErrorTests: XCTestCase {
    func testRatingRefusalsAreTyped() throws {
        let h = try TestHall()
        let pad = Attribution.system("pad-1")
        let invitation = try h.finishedService()
        XCTAssertThrowsError(try h.store.rate(window: 2, eventId: invitation.id, level: .satisfied, by: pad)) {
            XCTAssertEqual($0 as? StoreError, .ratingAtOtherWindow(2))
            XCTAssertEqual($0.localizedDescription, "这次服务不属于 2 号窗口，不能在此评价")
        }
        try h.store.rate(window: 1, eventId: invitation.id, level: .satisfied, by: pad)
        XCTAssertThrowsError(try h.store.rate(window: 1, eventId: invitation.id, level: .satisfied, by: pad)) {
            XCTAssertEqual($0 as? StoreError, .alreadyRated)
        }
        XCTAssertThrowsError(try h.store.rate(window: 1, eventId: "nobody", level: .satisfied, by: pad)) {
            XCTAssertEqual($0 as? StoreError, .noRatingInvitation)
        }
    }

    /// The last free-text refusals (`notAllowed(String)`, removed): a window's pause and hold.
    func testWindowRefusalsAreTyped() throws {
        let h = try TestHall()
        let li = try h.signIn(1)
        XCTAssertThrowsError(try h.store.setPaused(false, window: 1, by: li)) {
            XCTAssertEqual($0 as? StoreError, .notPaused(window: 1))
            XCTAssertEqual($0.localizedDescription, "1 号窗口没有暂停")
        }
        try h.store.setPaused(true, window: 1, by: li)
        XCTAssertThrowsError(try h.store.setPaused(true, window: 1, by: li)) {
            XCTAssertEqual($0 as? StoreError, .alreadyPaused(window: 1))
        }
        try h.store.setPaused(false, window: 1, by: li)
        XCTAssertThrowsError(try h.store.callBack(window: 1, by: li)) {
            XCTAssertEqual($0 as? StoreError, .noHeldTicket(window: 1))
        }
    }

    func testASecondSetUpAndARectificationByAClerkAreTyped() throws {
        let h = try TestHall()
        XCTAssertThrowsError(try h.store.setUp(TestHall.setup, by: .system("t"), pinRounds: 1000)) {
            XCTAssertEqual($0 as? StoreError, .hallAlreadySetUp)
        }
        let clerk = Clerk(id: "x", number: "1002", name: "王芳", role: .clerk)
        XCTAssertThrowsError(try h.store.rectify(taskId: "x", .appeal(reason: "r"), by: clerk, terminal: "t")) {
            XCTAssertEqual($0 as? AdminError, .notPermitted(.handleRectification, role: .clerk))
        }
        let boss = try h.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "t")
        XCTAssertThrowsError(try h.store.rectify(taskId: "x", .appeal(reason: "r"), by: boss, terminal: "t")) {
            XCTAssertEqual($0 as? StoreError, .noSuchRectificationTask)
        }
    }
}
