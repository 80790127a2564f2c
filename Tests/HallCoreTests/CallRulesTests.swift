import XCTest
@testable import HallCore

final class CallRulesTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_772_413_200)
    let w1 = Window(id: "w1", number: 1, name: "1号窗口", serviceIds: ["A", "B"])

    func ticket(_ n: String, _ service: String = "A", _ p: TicketPriority = .normal, target: Int? = nil, deferral: Deferral? = nil) -> Ticket {
        Ticket(id: n, number: n, serviceId: service, serviceDay: "d", priority: p, status: .waiting, issuedAt: t0, enqueuedAt: t0,
               targetWindowNumber: target, deferral: deferral)
    }

    /// Defect 2's rule, stated in CallRules' doc and help: green first, even before a front transfer.
    func testGreenArrivingLaterGoesBeforeATicketSentToTheFrontOfThisWindow() {
        let sent = QueueEntry(ticket: ticket("C001", "C", target: 1), order: 0, arrival: 1)
        let green = QueueEntry(ticket: ticket("A009", "A", .greenChannel), order: 100, arrival: 2)
        let normal = QueueEntry(ticket: ticket("A001"), order: -5, arrival: 3)
        XCTAssertEqual(CallRules.next(for: w1, among: [normal, sent, green], now: t0)?.ticket.number, "A009")
        XCTAssertEqual(CallRules.next(for: w1, among: [normal, sent], now: t0)?.ticket.number, "C001")
        XCTAssertTrue(CallRules.helpLines(policy: QueuePolicy()).joined().contains("绿色通道最先（也在转到本窗口“队首（优先办理）”的号之前）"))
    }

    /// Defect 1: a deferred green ticket is skipped until N others are called, then waits a set time.
    func testDeferredTicketWaitsForNOtherCallsThenForTheTime() {
        var policy = QueuePolicy()
        policy.noShowRequeue = .afterOthers(3)
        let served = CallRules.called(ticket("A009", "A", .greenChannel), window: 1, now: t0)
        let deferred = CallRules.noShow(served, mode: policy.noShowRequeue, othersWaiting: 2, now: t0, policy: policy)
        XCTAssertEqual(deferred.status, .waiting)
        XCTAssertEqual(deferred.deferral, Deferral(callsLeft: 3, notBefore: t0 + 180))
        var line = [QueueEntry(ticket: deferred, order: 0, arrival: 9), QueueEntry(ticket: ticket("A001"), order: 1, arrival: 1),
                    QueueEntry(ticket: ticket("B001", "B"), order: 2, arrival: 2)]
        var calls: [String] = []
        while let next = CallRules.next(for: w1, among: line, now: t0 + 1) {
            calls.append(next.ticket.number)
            line = line.filter { $0.ticket.id != next.ticket.id }.map {
                var e = $0; e.ticket = CallRules.counting(e.ticket, callOf: next.ticket, by: w1); return e
            }
        }
        XCTAssertEqual(calls, ["A001", "B001"])                      // A009 not before three others
        XCTAssertEqual(line.first?.ticket.deferral?.callsLeft, 1)
        XCTAssertEqual(CallRules.deferralRefusal(line[0].ticket, now: t0 + 1, othersWaiting: false), "A009 已过号顺延，3 分钟后才能再叫")
        XCTAssertEqual(CallRules.next(for: w1, among: line, now: t0 + 180)?.ticket.number, "A009")   // nobody else, time is up
        // A window that does not serve A does not count.
        let w3 = Window(id: "w3", number: 3, name: "3号窗口", serviceIds: ["C"])
        XCTAssertEqual(CallRules.counting(line[0].ticket, callOf: ticket("C001", "C"), by: w3), line[0].ticket)
        XCTAssertTrue(CallRules.helpLines(policy: policy).contains { $0.hasPrefix("过号顺延3位") && $0.contains("过号3分钟后") })
    }

    /// Defect 5: the screen can warn before the recall that is the last one allowed.
    func testTheLastAllowedRecallIsKnownBeforehand() {
        var p = QueuePolicy()
        p.recallLimit = 2
        XCTAssertEqual(CallRules.nextRecall(recallCount: 0, policy: p), .allowed(remaining: 1))
        XCTAssertEqual(CallRules.nextRecall(recallCount: 1, policy: p), .last)
        XCTAssertEqual(CallRules.nextRecall(recallCount: 2, policy: p), .becomesNoShow)
        let once = CallRules.recalled(ticket("A001"), now: t0, policy: p)!
        XCTAssertEqual(once.recallCount, 1)
        XCTAssertNil(CallRules.recalled(CallRules.recalled(once, now: t0, policy: p)!, now: t0, policy: p))
        p.recallLimit = 0
        XCTAssertEqual(CallRules.nextRecall(recallCount: 0, policy: p), .becomesNoShow)
    }

    /// Defect 8: `after:0` is no deferral and `after:99999999999` no queue; both are refused.
    func testNoShowAfterNIsBounded() {
        XCTAssertNil(NoShowRequeue(configValue: "after:0"))
        XCTAssertNil(NoShowRequeue(configValue: "after:99999999999"))
        XCTAssertNil(NoShowRequeue(configValue: "after:51"))
        XCTAssertEqual(NoShowRequeue(configValue: "after:50"), .afterOthers(50))
        XCTAssertTrue(NoShowRequeue.configHelp.contains("1–50"))
    }

    /// A policy stored before `noShowWaitMinutes` existed keeps its other values.
    func testAnOlderStoredPolicyKeepsItsValues() throws {
        let old = #"{"recallLimit":4,"noShowRequeue":{"drop":{}},"greenChannelAge":65,"keepQueueOvernight":true,"pinMaxAttempts":3,"pinLockMinutes":9}"#
        let p = try JSONDecoder().decode(QueuePolicy.self, from: Data(old.utf8))
        XCTAssertEqual(p.recallLimit, 4)
        XCTAssertEqual(p.noShowRequeue, .drop)
        XCTAssertEqual(p.greenChannelAge, 65)
        XCTAssertEqual(p.noShowWaitMinutes, 3)
        XCTAssertEqual(try JSONDecoder().decode(QueuePolicy.self, from: JSONEncoder().encode(p)), p)
    }

    /// Must-deliver 4: a window chooses among its services by its order, the longest wait, or the
    /// wait times each service's weight; green and transfers to it still come first.
    func testWindowChoiceAcrossItsServices() {
        let now = Date(timeIntervalSince1970: 10_000)
        let b = QueueEntry(ticket: ticket("B001", "B"), order: 10_000 - 600, arrival: 1)   // waited 10 minutes
        let a = QueueEntry(ticket: ticket("A001", "A"), order: 10_000 - 300, arrival: 2)   // waited 5 minutes
        func next(_ choice: WindowChoice?, _ extra: [QueueEntry] = []) -> String? {
            CallRules.next(for: Window(id: "w", number: 2, name: "", serviceIds: ["A", "B"], choice: choice), among: [a, b] + extra, now: now)?.ticket.number
        }
        XCTAssertEqual(next(nil), "A001", "strict order: A before B whatever the wait")
        XCTAssertEqual(next(.serviceOrder), "A001")
        XCTAssertEqual(next(.longestWait), "B001", "longest wait first across the window's services")
        XCTAssertEqual(next(.weighted(["A": 3])), "A001", "5 min × 3 outweighs 10 min × 1")
        XCTAssertEqual(next(.weighted(["A": 1.5])), "B001", "5 min × 1.5 is less than 10 min")
        let green = QueueEntry(ticket: ticket("A009", "A", .greenChannel), order: 10_000, arrival: 3)
        let sent = QueueEntry(ticket: ticket("C001", "C", target: 2), order: 10_000, arrival: 4)
        XCTAssertEqual(next(.longestWait, [green, sent]), "A009")
        XCTAssertEqual(next(.longestWait, [sent]), "C001")
    }
}
