import XCTest
@testable import HallCore

/// Must-deliver 8: people ahead and the estimated wait by the call rules themselves.
final class QueueForecastTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_772_413_200)
    func ticket(_ n: String, _ s: String = "A", _ p: TicketPriority = .normal, slot: Date? = nil, target: Int? = nil, deferral: Deferral? = nil) -> Ticket {
        Ticket(id: n, number: n, serviceId: s, serviceDay: "", priority: p, status: .waiting, issuedAt: t0, enqueuedAt: t0,
               targetWindowNumber: target, slotStart: slot, deferral: deferral)
    }
    func entries(_ ts: [Ticket]) -> [QueueEntry] { ts.enumerated().map { QueueEntry(ticket: $1, order: Double($0), arrival: Int64($0)) } }
    let w1 = Window(id: "1", number: 1, name: "", serviceIds: ["A"])
    let w2 = Window(id: "2", number: 2, name: "", serviceIds: ["B", "A"])

    func testAppointmentsInTheirSlotTransfersAndDeferralsCountAsTheyAreCalled() {
        let line = [ticket("A001"), ticket("A002"), ticket("A003", "A", .appointment, slot: t0 - 60), ticket("A004", "A", .appointment, slot: t0 + 3600),
                    ticket("A005", target: 2), ticket("A006", deferral: Deferral(callsLeft: 3, notBefore: t0 + 180))]
        let open = [WindowLoad(window: w1, isOpen: true)]
        func ahead(_ n: String, _ w: [WindowLoad] = open) -> TicketForecast {
            QueueForecast.forecast(for: line.first { $0.number == n }!, waiting: entries(line), windows: w, serviceSeconds: ["A": 300], now: t0)
        }
        XCTAssertEqual(ahead("A003"), TicketForecast(peopleAhead: 0, estimatedWaitSeconds: 0), "in its slot: next")
        XCTAssertEqual(ahead("A001"), TicketForecast(peopleAhead: 1, estimatedWaitSeconds: 300))
        XCTAssertEqual(ahead("A004").peopleAhead, 3, "its slot has not begun: behind A001 and A002 (and A003)")
        XCTAssertEqual(ahead("A006").peopleAhead, 4, "deferred 3 calls: A001–A004 are called before it (the slot of A004 begins later)")
        XCTAssertEqual(ahead("A005", open + [WindowLoad(window: w2, isOpen: false)]), TicketForecast(peopleAhead: 0, estimatedWaitSeconds: nil),
                       "sent to window 2, which is closed: counted as if it opened, no time")
        let both = open + [WindowLoad(window: w2, isOpen: true, servingSince: t0 - 100, servingServiceId: "A")]
        XCTAssertEqual(ahead("A005", both), TicketForecast(peopleAhead: 0, estimatedWaitSeconds: 200), "window 2 comes free in 200 s")
        XCTAssertEqual(ahead("A002", both), TicketForecast(peopleAhead: 3, estimatedWaitSeconds: 500),
                       "w1 calls A003 at once and A001 at 300 s; w2 calls A005 (sent to it) at 200 s and A002 at 500 s")
    }

    /// Past `simulationLimit` waiting the forecast counts instead of playing the line (issuing a
    /// 2,000-ticket line one by one took an hour): the tickets of its windows before it in the
    /// line, green channel first, and no time.
    func testALongLineIsCountedNotPlayed() {
        let n = QueueForecast.simulationLimit + 50
        var line = (1...n).map { ticket(String(format: "A%03d", $0)) }
        line.append(ticket("G001", "A", .greenChannel))
        line.append(ticket("B001", "B"))
        let open = [WindowLoad(window: w1, isOpen: true)]
        let last = QueueForecast.forecast(for: line[n - 1], waiting: entries(line), windows: open, serviceSeconds: ["A": 300], now: t0)
        XCTAssertEqual(last, TicketForecast(peopleAhead: n - 1 + 1, estimatedWaitSeconds: nil), "every A before it and the green ticket; not B (no window of its serves B)")
        let green = QueueForecast.forecast(for: line[n], waiting: entries(line), windows: open, serviceSeconds: ["A": 300], now: t0)
        XCTAssertEqual(green.peopleAhead, 0, "green channel goes first")
    }
}
