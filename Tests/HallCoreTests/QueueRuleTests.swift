import XCTest
@testable import HallCore

final class QueueRuleTests: XCTestCase {
    func testTicketNumbers() {
        XCTAssertEqual(formatTicketNumber(prefix: "A", sequence: 1), "A001")
        XCTAssertEqual(formatTicketNumber(prefix: "A", sequence: 1234), "A1234")
        XCTAssertEqual(normalizeTicketNumber("a5"), "A005")
        XCTAssertEqual(normalizeTicketNumber("Ｂ０１２"), "B012")
        XCTAssertNil(normalizeTicketNumber("123"))
        XCTAssertNil(normalizeTicketNumber("A"))
        XCTAssertNil(normalizeTicketNumber("\u{1b}[A1"))
    }

    func testNoShowConfigValues() {
        XCTAssertEqual(NoShowRequeue(configValue: "after:3"), .afterOthers(3))
        XCTAssertEqual(NoShowRequeue(configValue: "drop"), .drop)
        XCTAssertEqual(NoShowRequeue(configValue: "BACK"), .backOfQueue)
        XCTAssertNil(NoShowRequeue(configValue: "after:-1"))
        XCTAssertNil(NoShowRequeue(configValue: "soon"))
    }

    func testLockoutPolicy() {
        let p = QueuePolicy()
        let t0 = Date(timeIntervalSince1970: 0)
        var s = SignInState()
        for i in 1..<5 {
            let (n, o) = SignInPolicy.attempt(s, pinMatches: false, now: t0, policy: p)
            XCTAssertEqual(o, .wrongPIN(remainingAttempts: 5 - i)); s = n
        }
        let (locked, o5) = SignInPolicy.attempt(s, pinMatches: false, now: t0, policy: p)
        XCTAssertEqual(o5, .locked(until: t0 + 300))
        XCTAssertEqual(SignInPolicy.attempt(locked, pinMatches: true, now: t0 + 299, policy: p).1, .locked(until: t0 + 300))
        XCTAssertEqual(SignInPolicy.attempt(locked, pinMatches: true, now: t0 + 300, policy: p).1, .accepted)
        // After the lock runs out, one more wrong PIN does not lock again at once.
        XCTAssertEqual(SignInPolicy.attempt(locked, pinMatches: false, now: t0 + 301, policy: p).1, .wrongPIN(remainingAttempts: 4))
    }

    func testHLCNeverGoesBackwards() {
        let a = HLCTimestamp.next(after: nil, wallTime: Date(timeIntervalSince1970: 100))
        let b = HLCTimestamp.next(after: a, wallTime: Date(timeIntervalSince1970: 50))   // clock jumped back
        XCTAssertGreaterThan(b, a)
        XCTAssertEqual(HLCTimestamp(b.description), b)
        XCTAssertEqual(a.description.count, b.description.count)
    }

    func testMetricsFollowTheDomainDefinitions() {
        let t0 = Date(timeIntervalSince1970: 1000)
        func e(_ k: QueueEventKind, _ s: Double, ticket: String = "t1", wait: Double? = nil, detail: String? = nil, service: String = "A") -> QueueEvent {
            QueueEvent(id: UUID().uuidString, kind: k, at: t0 + s, ticketId: ticket, serviceId: service, windowNumber: 1, clerkId: "c", waitSeconds: wait, detail: detail)
        }
        let events = [
            QueueEvent(id: "s", kind: .signedIn, at: t0, windowNumber: 1, clerkId: "c"),
            e(.called, 100, wait: 100),
            e(.noShow, 110, detail: "back"),                 // requeued: no wait counted yet
            e(.called, 400, wait: 400),                       // the last call counts
            e(.transferred, 460),                             // ends the wait and the service interval
            e(.called, 500, wait: 40, service: "B"),          // a new wait in B
            e(.finished, 560, service: "B"),
        ]
        let r = QueueMetrics.report(events: events, targetWaitSeconds: ["A": 300, "B": 300], until: t0 + 1000)
        XCTAssertEqual(r.services["A"]!.calls, 1)
        XCTAssertEqual(r.services["A"]!.averageWaitSeconds, 400)
        XCTAssertEqual(r.services["A"]!.serviceLevel, 0)
        XCTAssertEqual(r.services["B"]!.serviceLevel, 1)
        XCTAssertEqual(r.windows["1"]!.servingSeconds, 10 + 60 + 60)
        XCTAssertEqual(r.windows["1"]!.loggedInSeconds, 1000)
        XCTAssertEqual(r.windows["1"]!.finished, 1)
    }

    func testAnnouncementWords() {
        XCTAssertEqual(announcementText(ticketNumber: "A001", windowNumber: 3), "请 A001 号 到 3 号窗口 办理")
        XCTAssertEqual(spokenAnnouncement(ticketNumber: "A001", windowNumber: 3), "请 A 零 零 一 号，到 3 号窗口办理")
    }
}
