import Foundation
import GRDB
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// Model-based test (issue 12, must-deliver 2): seeded random sequences of window actions run
/// against the pure `QueueMachine` and the real store side by side; after every step the two must
/// agree ticket by ticket, and the store must keep the hall's invariants on its own.
/// Reproduce a failure with YICHUANG_MODEL_SEED=<seed printed in the failure>.
final class QueueModelTests: XCTestCase {
    func testRandomDaysAgreeWithTheModelAndKeepTheInvariants() throws {
        let seeds: [UInt64] = ProcessInfo.processInfo.environment["YICHUANG_MODEL_SEED"].flatMap(UInt64.init).map { [$0] } ?? [2026]
        for seed in seeds {
            for mode in [NoShowRequeue.afterOthers(3), .backOfQueue, .drop] {
                try run(seed: seed, steps: 1000, mode: mode)
            }
        }
    }

    static let setup = HallSetup(
        name: "模型大厅", kind: "hall", timeZone: "Asia/Shanghai", openingHour: 9,
        services: [
            .init(code: "A", prefix: "A", name: "社保医保", targetWaitMinutes: 20, maxQueue: 60, warnQueue: 10),
            .init(code: "B", prefix: "B", name: "户籍证件", targetWaitMinutes: 15, maxQueue: 4, warnQueue: 3),
            .init(code: "C", prefix: "C", name: "商事登记", targetWaitMinutes: 30, maxQueue: 60, warnQueue: 10),
            .init(code: "D", prefix: "D", name: "不动产登记", targetWaitMinutes: 30, maxQueue: 60, warnQueue: 10),
        ],
        windows: [
            .init(number: 1, name: "1号窗口", services: ["A", "B"]),
            .init(number: 2, name: "2号窗口", services: ["B", "A"]),
            .init(number: 3, name: "3号窗口", services: ["C"]),
            .init(number: 4, name: "4号窗口", services: ["A", "C", "D"]),
            .init(number: 5, name: "5号窗口", services: ["D"]),
        ],
        clerks: (1...5).map { .init(number: "100\($0)", name: "工作人员\($0)", role: .clerk, pin: "1234") }
            + [.init(number: "9001", name: "系统管理员", role: .admin, pin: "9999")],
        appointments: [], pinRounds: 1000)

    struct Rng: RandomNumberGenerator {   // SplitMix64: the same sequence on every machine
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomAction(_ rng: inout Rng, numbers: [String]) -> QueueMachine.Action {
        let w = Int.random(in: 1...5, using: &rng)
        let service = ["A", "B", "C", "D"].randomElement(using: &rng)!
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<17: return .issue(service: service, priority: Int.random(in: 0..<6, using: &rng) == 0 ? .greenChannel : .normal)
        case 17..<44: return .call(window: w)
        case 44..<63: return .finish(window: w)
        case 63..<68: return .recall(window: w)
        case 68..<74: return .noShow(window: w)
        case 74..<77: return .hold(window: w)
        case 77..<81: return .callBack(window: w)
        case 81..<86:
            let to: TransferTarget = Bool.random(using: &rng) ? .service(service) : .window(Int.random(in: 1...5, using: &rng))
            return .transfer(window: w, to: to, position: Bool.random(using: &rng) ? .front : .back)
        case 86..<88: return .pause(window: w)
        case 88..<91: return .resume(window: w)
        case 91..<93: return .walkUp(service: service, window: w)
        default: return .callNumber(numbers.randomElement(using: &rng) ?? "A001", window: w)
        }
    }

    func run(seed: UInt64, steps: Int, mode: NoShowRequeue) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = ManualClock(TestHall.start)
        let store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path, clock: clock)
        try store.setUp(Self.setup, by: .system("test"), pinRounds: 1000)
        var policy = QueuePolicy()
        policy.noShowRequeue = mode
        policy.recallLimit = 2
        let admin = try store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "admin")
        try store.updatePolicy(policy, by: Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "admin"))
        // Window choice (must-deliver 4): window 4 takes the longest wait across A, C and D; window 2
        // weighs an A wait three times a B wait; the others keep their strict service order.
        let adminBy = Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "admin")
        try store.setWindowChoice(.longestWait, window: 4, by: adminBy)
        try store.setWindowChoice(.weighted(["A": 3]), window: 2, by: adminBy)
        var model = QueueMachine(services: try store.services(), windows: try store.windows(), policy: policy)
        var by: [Int: Attribution] = [:]
        for w in 1...5 {
            let c = try store.signIn(clerkNumber: "100\(w)", pin: "1234", window: w, terminal: "tty\(w)")
            by[w] = Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty\(w)")
            model.signIn(window: w)
        }
        var rng = Rng(state: seed)
        var log = EventLog()
        let where_ = { (step: Int, a: QueueMachine.Action) in "seed \(seed), \(mode.configValue), step \(step): \(a)" }
        var successes = 0
        var everDeferred = Set<String>()
        var exercised: [String: Int] = [:]   // which rules the sequence reached, so the test cannot pass by doing nothing

        for step in 0..<steps {
            clock.advance(seconds: Double(Int.random(in: 1...20, using: &rng)))
            let now = clock.now()
            let action = Self.randomAction(&rng, numbers: Array(model.tickets.keys))
            let before = model
            let expected = Result { try model.apply(action, now: now) }
            let actual = Result { try Self.apply(action, to: store, by: by) }
            switch (expected, actual) {
            case (.success(let e), .success(let a)):
                successes += 1
                XCTAssertEqual(a.number, e.number, where_(step, action))
                Self.checkCall(action, called: a, before: before, now: now, context: where_(step, action))
                if let prior = before.tickets[a.number], prior.status == .waiting, a.status == .serving {
                    if everDeferred.contains(a.number) { exercised["deferred called", default: 0] += 1 }
                    if prior.deferral != nil { exercised["deferred called on time", default: 0] += 1 }
                    if prior.targetWindowNumber != nil { exercised["transfer called", default: 0] += 1 }
                    if prior.priority == .greenChannel { exercised["green called", default: 0] += 1 }
                    if case .call(let w) = action, let window = before.slots[w]?.window, window.choice != nil,
                       before.waiting.contains(where: { CallRules.serves(window, $0.ticket) && $0.ticket.deferral == nil
                           && (window.serviceIds.firstIndex(of: $0.ticket.serviceId) ?? 0) < (window.serviceIds.firstIndex(of: a.serviceId) ?? 0) }) {
                        exercised["window choice over service order", default: 0] += 1
                    }
                }
            case (.failure(let e), .failure):
                if e as? QueueMachine.Refusal == .deferred { exercised["deferred refused", default: 0] += 1 }
            case (.success(let e), .failure(let a)): return XCTFail("\(where_(step, action)): the model did it (\(e.number)), the store refused: \(a)")
            case (.failure(let e), .success(let a)): return XCTFail("\(where_(step, action)): the store did it (\(a.number)), the model refused: \(e)")
            }
            try compare(store: store, model: model, log: &log, context: where_(step, action))
            everDeferred.formUnion(model.tickets.values.filter { $0.deferral != nil }.map(\.number))
            if testRun?.failureCount ?? 0 > 0 { return }
        }
        let stats = "seed \(seed), \(mode.configValue): \(successes) of \(steps) actions done, \(log.calls) calls, \(exercised)"
        print(stats)
        XCTAssertGreaterThan(successes, steps / 3, stats)
        XCTAssertGreaterThan(log.calls, steps / 20, stats)
        for rule in ["transfer called", "green called", "window choice over service order"] + (mode == .drop ? [] : ["deferred called"]) {
            XCTAssertGreaterThan(exercised[rule] ?? 0, 0, "\(rule) never happened: \(stats)")
        }
    }

    static func apply(_ action: QueueMachine.Action, to store: HallStore, by: [Int: Attribution]) throws -> Ticket {
        switch action {
        case .issue(let s, let p): return try store.issueTicket(service: s, priority: p, by: .system("desk")).ticket
        case .call(let w): return try store.callNext(window: w, by: by[w]!)
        case .callNumber(let n, let w): return try store.callNumber(n, window: w, by: by[w]!)
        case .recall(let w):
            switch try store.recall(window: w, by: by[w]!) {
            case .recalled(let t, _): return t
            case .noShow(let t, _): return t
            }
        case .noShow(let w): return try store.markNoShow(window: w, by: by[w]!).0
        case .hold(let w): return try store.hold(window: w, by: by[w]!)
        case .callBack(let w): return try store.callBack(window: w, by: by[w]!)
        case .transfer(let w, let to, let p): return try store.transfer(window: w, to: to, position: p, note: nil, by: by[w]!)
        case .pause(let w), .resume(let w):
            let pausing = { if case .pause = action { return true } else { return false } }()
            try store.setPaused(pausing, window: w, by: by[w]!)
            let snap = try store.windowSnapshot(w)
            return snap.current ?? Ticket(id: "", number: "", serviceId: "", serviceDay: "", priority: .normal, status: .waiting,
                                          issuedAt: Date(), enqueuedAt: Date())
        case .walkUp(let s, let w): return try store.serveWalkUp(service: s, window: w, by: by[w]!)
        case .finish(let w): return try store.finish(window: w, by: by[w]!)
        }
    }

    /// The rules checked on their own, not through the model: green first, a deferred ticket not
    /// before its turn, a transferred ticket only where it was sent.
    static func checkCall(_ action: QueueMachine.Action, called: Ticket, before: QueueMachine, now: Date, context: String) {
        let w: Int
        switch action {
        case .call(let n): w = n
        case .callNumber(_, let n): w = n
        default: return
        }
        let window = before.slots[w]!.window
        guard let prior = before.tickets[called.number], prior.status == .waiting else { return }   // a held ticket called back by number
        if let target = prior.targetWindowNumber { XCTAssertEqual(target, w, "transferred to \(target), called by \(w): \(context)") }
        let others = before.waiting.filter { $0.ticket.number != called.number && CallRules.serves(window, $0.ticket) }
        if let d = prior.deferral {
            XCTAssertFalse(others.contains { $0.ticket.deferral == nil }, "deferred \(called.number) called before \(d.callsLeft) others: \(context)")
            XCTAssertLessThanOrEqual(d.notBefore, now, "deferred \(called.number) called before its time: \(context)")
        }
        // 等候最久优先: nobody of the same priority, waiting longer in any of its lines, is passed over.
        if case .call = action, window.choice == .longestWait, prior.targetWindowNumber == nil, prior.deferral == nil {
            let passed = others.filter { $0.ticket.deferral == nil && $0.ticket.targetWindowNumber == nil && $0.ticket.priority == prior.priority
                && $0.order < before.order[called.number]! }.map(\.ticket.number)
            XCTAssertEqual(passed, [], "window \(w) chose \(called.number) over longer waits: \(context)")
        }
        if case .call = action, called.priority != .greenChannel {
            let green = others.filter { $0.ticket.priority == .greenChannel && $0.ticket.deferral == nil }.map(\.ticket.number)
            XCTAssertEqual(green, [], "\(called.number) called before green \(green): \(context)")
        }
    }

    /// Every ticket's status as the event log tells it, read incrementally.
    struct EventLog {
        var seq: Int64 = 0
        var status: [String: TicketStatus] = [:]
        var finishedTwice: [String] = []
        var calls = 0
    }

    func compare(store: HallStore, model: QueueMachine, log: inout EventLog, context: String) throws {
        let (rows, windows, events) = try store.pool.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM ticket"),
             try Row.fetchAll(db, sql: "SELECT w.number, s.status, t.number AS current FROM window_state s JOIN hall_window w ON w.id = s.window_id LEFT JOIN ticket t ON t.id = s.current_ticket_id"),
             try Row.fetchAll(db, sql: "SELECT seq, kind, ticket_number, detail FROM queue_event WHERE seq > ? ORDER BY seq", arguments: [log.seq]))
        }
        for e in events {
            log.seq = e["seq"]
            guard let number: String = e["ticket_number"], let kind = QueueEventKind(rawValue: e["kind"]) else { continue }
            switch kind {
            case .issued, .transferred: log.status[number] = .waiting
            case .called, .calledBack, .walkUp:
                XCTAssertNotEqual(log.status[number], .serving, "\(number) served twice at once: \(context)")
                log.status[number] = .serving
                log.calls += 1
            case .noShow: log.status[number] = (e["detail"] as String?) == NoShowRequeue.drop.configValue ? .noShow : .waiting
            case .held: log.status[number] = .held
            case .finished:
                if log.status[number] == .finished { log.finishedTwice.append(number) }
                log.status[number] = .finished
            default: break
            }
        }
        XCTAssertEqual(log.finishedTwice, [], context)
        XCTAssertEqual(rows.count, model.tickets.count, "no ticket lost or invented: \(context)")
        for r in rows {
            let t = try Ticket(row: r)
            guard let m = model.tickets[t.number] else { XCTFail("\(t.number) not in the model: \(context)"); continue }
            XCTAssertEqual(log.status[t.number], t.status, "\(t.number): the event log says \(String(describing: log.status[t.number])): \(context)")
            let got = [t.status.rawValue, "\(t.windowNumber ?? 0)", "\(t.targetWindowNumber ?? 0)", t.serviceId, "\(t.recallCount)",
                       "\(t.deferral?.callsLeft ?? -1)", "\(t.deferral?.notBefore.timeIntervalSince1970 ?? 0)"]
            let want = [m.status.rawValue, "\(m.windowNumber ?? 0)", "\(m.targetWindowNumber ?? 0)", m.serviceId, "\(m.recallCount)",
                        "\(m.deferral?.callsLeft ?? -1)", "\(m.deferral?.notBefore.timeIntervalSince1970 ?? 0)"]
            XCTAssertEqual(got, want, "\(t.number) [status, window, target, service, recalls, deferral]: \(context)")
            if t.status == .waiting { XCTAssertEqual(r["queue_order"] as Double, model.order[t.number]!, "\(t.number) queue order: \(context)") }
        }
        var serving = Set<String>()
        for w in windows {
            let n: Int = w["number"]
            let slot = model.slots[n]!
            XCTAssertEqual(w["status"] as String, slot.status.rawValue, "window \(n): \(context)")
            XCTAssertEqual(w["current"] as String?, slot.current, "window \(n): \(context)")
            if let c: String = w["current"] { XCTAssertTrue(serving.insert(c).inserted, "\(c) at two windows: \(context)") }
        }
        XCTAssertEqual(serving, Set(try rows.map { try Ticket(row: $0) }.filter { $0.status == .serving }.map(\.number)), "every serving ticket at one window: \(context)")
    }
}
