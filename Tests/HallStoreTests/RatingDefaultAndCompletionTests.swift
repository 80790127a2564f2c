import Foundation
import GRDB
import HallCore
import XCTest
@testable import HallStore

/// The province default after N days (run unattended from many processes) and the rating
/// invitation on 办结 of a promised case.
final class RatingDefaultAndCompletionTests: XCTestCase {
    let pad = Attribution.system("pad-1")
    let day: TimeInterval = 86_400

    func enableDefault(_ h: TestHall, days: Int = 7) throws {
        var p = try h.store.ratingPolicy()
        p.defaultLevel = .fairlySatisfied
        p.defaultAfterDays = days
        try h.store.updateRatingPolicy(p, by: h.admin)
    }

    func testDefaultsRunFromSeveralProcessesOnceAndAreCountedApart() throws {
        let h = try TestHall()
        let rated = try h.finishedService()
        try h.store.rate(window: 1, eventId: rated.id, level: .satisfied, by: pad)
        _ = try h.finishedService()                                   // timed out: never rated
        h.clock.advance(seconds: 8 * day)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 0, "no default configured: nothing")
        try enableDefault(h)
        // Two processes on one store (a console and cron) at the same moment.
        let other = try HallStore(path: h.store.path, clock: h.clock)
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.add(Result { try (i == 0 ? h.store : other).applyDefaultRatings(by: .system("p\(i)")) })
        }
        XCTAssertEqual(try results.values.map { try $0.get() }.reduce(0, +), 1)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 0)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating WHERE is_default = 1 AND level = 3 AND anonymous = 1 AND channel = 'hallOtherTerminal'"), 1)
        XCTAssertEqual(try h.count("SELECT through_seq FROM rating_default_mark"), 2)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rectification_task"), 0)

        let s = try h.store.ratingSummary(fromDay: "2026-03-01", toDay: "2026-03-31")
        XCTAssertEqual(s.tally.total, 2)
        XCTAssertEqual(s.defaults.total, 1)
        XCTAssertEqual(s.given.total, 1)
        XCTAssertEqual(s.given.satisfied, 1)

        // An invitation inside its N days waits; the cursor does not pass it.
        _ = try h.finishedService()
        h.clock.advance(seconds: 6 * day)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 0)
        XCTAssertEqual(try h.count("SELECT through_seq FROM rating_default_mark"), 2)
        h.clock.advance(seconds: day + 1)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t")), 1)
        XCTAssertEqual(try h.count("SELECT through_seq FROM rating_default_mark"), 3)
    }

    func testDefaultsInBatchesAndNeverABadDefault() throws {
        let h = try TestHall()
        for _ in 0..<7 { _ = try h.finishedService() }
        try enableDefault(h, days: 1)
        h.clock.advance(seconds: 2 * day)
        XCTAssertEqual(try h.store.applyDefaultRatings(by: .system("t"), batch: 3), 7)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating WHERE is_default = 1"), 7)
        var p = try h.store.ratingPolicy()
        p.defaultLevel = .dissatisfied
        XCTAssertThrowsError(try h.store.updateRatingPolicy(p, by: h.admin)) {
            XCTAssertTrue($0.localizedDescription.contains("默认评价不能是差评"), $0.localizedDescription)
        }
    }

    // MARK: 办结 of a promised case

    func promisedCase(_ h: TestHall, ticketId: String?, by: Attribution) throws -> Case {
        let matter = CaseMatter(code: "GT01", version: 1, name: "个体工商户登记", promisedWorkingDays: 3)
        let check = MaterialCheck(matterCode: "GT01", materialName: "身份证明", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                                  isTolerable: false, electronicLicence: nil)
        let c = try h.store.openCase(window: 1, ticketId: ticketId, bundleCode: nil, matters: [matter], checks: [check], by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 0), by: by)
        return try h.store.decide(caseId: c.id, .accept, dueDate: { _, _ in "2026-03-05" }, by: by).0
    }

    func testCompletingACaseInvitesAtTheCompletingWindowOncePerVisit() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", priority: .normal, by: h.desk)
        var by = try h.signIn(1)
        let intake = try h.store.callNext(window: 1, by: by)
        let c = try promisedCase(h, ticketId: intake.id, by: by)
        XCTAssertNil(try h.store.pendingInvitation(window: 1), "a promised case is not finished at acceptance")
        _ = try h.store.finish(window: 1, by: by)                      // the intake visit invites for its ticket
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation"), 1)

        // Two days later the applicant collects the result with a new ticket. The days between
        // were closed (日结, issue 13), which signed window 1 out: 1001 signs in again.
        h.clock.advance(seconds: 2 * day)
        _ = try h.store.issueTicket(service: "A", priority: .normal, by: h.desk)
        by = try h.signIn(1)
        let pickup = try h.store.callNext(window: 1, by: by)
        try h.store.completeCase(caseId: c.id, today: "2026-03-04", by: by)
        let inv = try XCTUnwrap(h.store.pendingInvitation(window: 1))
        XCTAssertEqual(inv.caseNumber, c.caseNumber)
        XCTAssertEqual(inv.ticketNumber, pickup.number)
        XCTAssertEqual(inv.subject, "个体工商户登记")
        XCTAssertEqual(inv.clerkNumber, "1001")
        _ = try h.store.finish(window: 1, by: by)                      // same visit: no second invitation
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation"), 2)
        XCTAssertEqual(try h.store.pendingInvitation(window: 1)?.id, inv.id)
    }

    func testCompletionAwayFromAWindowOrRightAfterTheFinishDoesNotInviteAgain() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", priority: .normal, by: h.desk)
        let by = try h.signIn(1)
        let t = try h.store.callNext(window: 1, by: by)
        let first = try promisedCase(h, ticketId: t.id, by: by)
        let second = try promisedCase(h, ticketId: t.id, by: by)
        _ = try h.store.finish(window: 1, by: by)
        let ticketInvitation = try XCTUnwrap(h.store.pendingInvitation(window: 1))
        // The window is idle and the visit's invitation is still on the pad: it stays the one.
        try h.store.completeCase(caseId: first.id, today: "2026-03-02", by: by)
        XCTAssertEqual(try h.store.pendingInvitation(window: 1)?.id, ticketInvitation.id)
        // A script or back office, at no window: nobody there to rate.
        try h.store.completeCase(caseId: second.id, today: "2026-03-02", by: .system("script"))
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM rating_invitation"), 1)
    }
}

/// Collects results from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<Int, Error>] = []
    func add(_ r: Result<Int, Error>) { lock.lock(); values.append(r); lock.unlock() }
}
