import Foundation
import HallCore
import XCTest
@testable import HallStore

/// Issue 12, must-deliver 7: the report counts every ticket. A seeded random day (the same actions
/// as `QueueModelTests`) runs against the model and the real store; the test tallies what the model
/// saw on its own — tickets issued, calls, no-shows, transfers, how every ticket ended, waits and
/// service times — and the store's report for that day must give the same figures.
final class QueueReportModelTests: XCTestCase {
    struct Tally {
        var issued = 0, green = 0, walkUps = 0, callEvents = 0, calls = 0, finished = 0
        var noShows = 0, dropped = 0, transfers = 0
        var issuedBy: [String: Int] = [:]
        var waits: [Double] = [], serviceTimes: [Double] = []
    }

    func testTheDayReportCountsEveryTicketTheModelSaw() throws {
        for mode in [NoShowRequeue.afterOthers(3), .drop] {
            try run(seed: 12, steps: 800, mode: mode)
        }
    }

    func run(seed: UInt64, steps: Int, mode: NoShowRequeue) throws {
        let h = try TestHall(setup: QueueModelTests.setup)
        var policy = QueuePolicy()
        policy.noShowRequeue = mode
        try h.store.updatePolicy(policy, by: try h.admin)
        var model = QueueMachine(services: try h.store.services(), windows: try h.store.windows(), policy: policy)
        var by: [Int: Attribution] = [:]
        for w in 1...5 {
            let c = try h.store.signIn(clerkNumber: "100\(w)", pin: "1234", window: w, terminal: "tty\(w)")
            by[w] = Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty\(w)")
            model.signIn(window: w)
        }
        var rng = QueueModelTests.Rng(state: seed)
        var tally = Tally()
        var calledInWait = Set<String>()          // tickets called since they last entered a line
        var lastWait: [String: Double] = [:]      // the wait of the last call in the current period
        var servingSince: [String: Date] = [:]
        func endServing(_ n: String, _ now: Date) { if let s = servingSince.removeValue(forKey: n) { tally.serviceTimes.append(now.timeIntervalSince(s)) } }
        func closePeriod(_ n: String) { if let w = lastWait.removeValue(forKey: n) { tally.waits.append(w) } }

        for _ in 0..<steps {
            h.clock.advance(seconds: Double(Int.random(in: 1...20, using: &rng)))
            let now = h.clock.now()
            let action = QueueModelTests.randomAction(&rng, numbers: Array(model.tickets.keys))
            let before = model
            guard let t = try? model.apply(action, now: now) else {
                XCTAssertThrowsError(try QueueModelTests.apply(action, to: h.store, by: by), "\(action)")
                continue
            }
            XCTAssertEqual(try QueueModelTests.apply(action, to: h.store, by: by).number, t.number, "\(action)")
            let n = t.number, prior = before.tickets[n]
            switch action {
            case .issue(_, let p):
                tally.issued += 1; tally.issuedBy[t.serviceId, default: 0] += 1
                if p == .greenChannel { tally.green += 1 }
            case .walkUp:
                tally.walkUps += 1; calledInWait.insert(n); servingSince[n] = now
            case .call, .callNumber, .callBack:
                if prior?.status == .waiting {
                    tally.callEvents += 1
                    calledInWait.insert(n)
                    if lastWait[n] == nil { tally.calls += 1 }   // a wait period ends in its first call
                    lastWait[n] = now.timeIntervalSince(prior!.enqueuedAt)
                }
                servingSince[n] = now
            case .recall, .noShow:
                guard t.status != .serving else { break }   // a recall within the limit
                endServing(n, now)
                tally.noShows += 1
                if t.status == .noShow { tally.dropped += 1; closePeriod(n) }
            case .hold:
                endServing(n, now)
            case .transfer:
                endServing(n, now); closePeriod(n)
                tally.transfers += 1; calledInWait.remove(n)
            case .finish:
                endServing(n, now); closePeriod(n)
                tally.finished += 1
            case .pause, .resume:
                break
            }
        }
        // The report for the day, read the next morning: the day is over.
        let day = try h.store.hall().calendar.dayKey(h.clock.now())
        let end = TestHall.start + 16 * 3600   // 2026-03-03 01:00 +08:00
        for (n, _) in servingSince { endServing(n, end - 3600) }   // counted up to midnight
        for n in lastWait.keys { closePeriod(n) }
        h.clock.set(end)
        let r = try h.store.report(fromDay: day, toDay: day).report
        let f = r.total
        let context = "seed \(seed), \(mode.configValue)"

        XCTAssertEqual([f.issued, f.greenChannel, f.walkUps, f.callEvents, f.calls, f.finished, f.noShows, f.noShowsDropped, f.transferredOut],
                       [tally.issued, tally.green, tally.walkUps, tally.callEvents, tally.calls, tally.finished, tally.noShows, tally.dropped, tally.transfers],
                       "[issued, green, walk-ups, call events, calls, finished, no-shows, dropped, transfers]: \(context)")
        for s in try h.store.services() {
            XCTAssertEqual(r.services[s.id]?.issued ?? 0, tally.issuedBy[s.id] ?? 0, "\(s.code) issued: \(context)")
        }
        // How every ticket ended, from the model's own final state.
        let tickets = model.tickets.values
        let waiting = tickets.filter { $0.status == .waiting }
        let ended = [tickets.filter { $0.status == .finished }.count, tickets.filter { $0.status == .noShow }.count,
                     waiting.filter { !calledInWait.contains($0.number) }.count, waiting.filter { calledInWait.contains($0.number) }.count,
                     tickets.filter { $0.status == .held }.count, tickets.filter { $0.status == .serving }.count]
        XCTAssertEqual([f.finished, f.noShowsDropped, f.abandoned, f.noShowsNotBack, f.heldAtEnd, f.servingAtEnd], ended,
                       "[finished, dropped, abandoned, no-show not back, held, serving]: \(context)")
        XCTAssertEqual(ended.reduce(0, +), tally.issued + tally.walkUps, "every ticket ends one way: \(context)")
        XCTAssertEqual(f.stillWaiting, 0, "the day is over: \(context)")
        XCTAssertGreaterThan(f.abandoned, 0, "the sequence must leave some tickets uncalled: \(context)")

        // Waits and service times: same samples, so the same count, total, max and p90.
        var waits = DurationStats(), times = DurationStats()
        tally.waits.forEach { waits.add($0) }
        tally.serviceTimes.forEach { times.add($0) }
        XCTAssertEqual(f.waits.count, waits.count, context)
        XCTAssertEqual(f.waits.total, waits.total, accuracy: 0.01, context)
        XCTAssertEqual(f.waits.max, waits.max, context)
        XCTAssertEqual(f.waits.p90, waits.p90, context)
        XCTAssertEqual(f.serviceTimes.count, times.count, context)
        XCTAssertEqual(f.serviceTimes.total, times.total, accuracy: 0.01, context)
        XCTAssertEqual(f.serviceTimes.max, times.max, context)

        // Every group adds up to the total.
        for (name, groups) in [("windows", r.windows), ("clerks", r.clerks), ("hours", r.hours)] {
            let g = Array(groups.values)
            XCTAssertEqual(g.map(\.calls).reduce(0, +), f.calls, "\(name) calls: \(context)")
            XCTAssertEqual(g.map(\.finished).reduce(0, +), f.finished, "\(name) finished: \(context)")
            XCTAssertEqual(g.map(\.noShows).reduce(0, +), f.noShows, "\(name) no-shows: \(context)")
            XCTAssertEqual(g.map(\.transferredOut).reduce(0, +), f.transferredOut, "\(name) transfers: \(context)")
            XCTAssertEqual(g.map(\.serviceTimes.count).reduce(0, +), f.serviceTimes.count, "\(name) service times: \(context)")
        }
        XCTAssertEqual(r.hours.values.map(\.issued).reduce(0, +), f.issued, context)
        XCTAssertEqual(r.services.values.map(\.abandoned).reduce(0, +), f.abandoned, context)
        XCTAssertTrue(r.hours.keys.allSatisfy { ["09", "10", "11", "12"].contains($0) }, "hours of the morning: \(r.hours.keys.sorted())")
    }

    /// 预约 booked, kept, late and missed: counted from the bookings whose slot lies in the range.
    func testAppointmentsBookedKeptLateAndMissed() throws {
        let h = try TestHall()   // the demo booking: C, 10:00–10:30, code 100001
        _ = try h.store.seedCalendarIfEmpty(WorkCalendar(days: [.init(date: "2026-05-01", isOffDay: true, name: "劳动节")], publishedYears: [2026]), by: .system("test"))
        let cal = try h.store.hall().calendar
        let late = try h.store.bookAppointment(service: "A", name: "赵磊", phone: "13800138002", slotStart: cal.parseLocal("2026-03-02 11:00")!, by: h.desk)
        _ = try h.store.bookAppointment(service: "A", name: "钱静", phone: "13800138003", slotStart: cal.parseLocal("2026-03-02 14:00")!, by: h.desk)
        _ = try h.store.bookAppointment(service: "A", name: "孙倩", phone: "13800138004", slotStart: cal.parseLocal("2026-03-03 10:00")!, by: h.desk)
        h.clock.set(cal.parseLocal("2026-03-02 10:10")!)
        XCTAssertEqual(try h.store.checkInAppointment(code: "100001", by: h.desk).ticket.priority, .appointment)
        h.clock.set(cal.parseLocal("2026-03-02 11:45")!)
        XCTAssertEqual(try h.store.checkInAppointment(code: late.checkInCode, by: h.desk).ticket.priority, .normal)
        h.clock.set(cal.parseLocal("2026-03-02 12:00")!)
        let noon = try h.store.report(fromDay: "2026-03-02", toDay: "2026-03-02").report
        XCTAssertEqual([noon.total.appointmentsBooked, noon.total.appointmentsKept, noon.total.appointmentsLate, noon.total.appointmentsMissed],
                       [3, 1, 1, 0], "14:00 has not come yet; tomorrow's booking is outside the range")
        XCTAssertEqual(noon.total.appointmentTickets, 1)
        h.clock.set(cal.parseLocal("2026-03-02 17:00")!)
        let evening = try h.store.report(fromDay: "2026-03-02", toDay: "2026-03-02").report
        let a = try h.store.services().first { $0.code == "A" }!
        XCTAssertEqual(evening.total.appointmentsMissed, 1)
        XCTAssertEqual([evening.services[a.id]!.appointmentsBooked, evening.services[a.id]!.appointmentsLate, evening.services[a.id]!.appointmentsMissed], [2, 1, 1])
    }
}
