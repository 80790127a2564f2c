import Foundation
import GRDB
import HallApp
import HallCore
@_spi(StoreInternals) import HallStore

/// Hall stores for the benchmarks, created through HallStore's own API (then bulk-filled by SQL
/// where only the volume matters).
enum BenchHall {
    static func fresh(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-writers"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `windows` windows all serving service "A", one clerk each (1001…), every window signed in.
    static func contention(path: String, windows: Int) throws -> HallStore {
        fresh(path)
        let object: [String: Any] = [
            "name": "压测大厅", "kind": "hall", "timeZone": "Asia/Shanghai", "openingHour": 9, "pinRounds": 1000,
            "services": [["code": "A", "prefix": "A", "name": "社保医保", "targetWaitMinutes": 20, "maxQueue": 100_000, "warnQueue": 15]],
            "windows": (1...windows).map { ["number": $0, "name": "\($0)号窗口", "services": ["A"]] },
            "clerks": (1...windows).map { ["number": String(1000 + $0), "name": "工作人员\($0)", "role": "clerk", "pin": "1234"] }
                + [["number": "9001", "name": "系统管理员", "role": "admin", "pin": "9999"]],
        ]
        let setup = try JSONDecoder().decode(HallSetup.self, from: try JSONSerialization.data(withJSONObject: object))
        let store = try HallStore(path: path)
        try store.setUp(setup, by: .system("bench"))
        var policy = QueuePolicy()
        policy.keepQueueOvernight = true     // a run across Beijing midnight still sees its queue
        let admin = try store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "bench-admin")   // rules are the admin's
        try store.updatePolicy(policy, by: Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "bench-admin"))
        for w in 1...windows {
            _ = try store.signIn(clerkNumber: String(1000 + w), pin: "1234", window: w, terminal: "bench-\(w)")
        }
        return store
    }

    /// Waiting tickets for service A, inserted in one transaction (callNext only needs the rows).
    static func addWaitingTickets(_ store: HallStore, count: Int) throws {
        let hall = try store.hall()
        let service = try store.services().first { $0.code == "A" }!
        let now = Date().timeIntervalSince1970
        try store.pool.write { db in
            try db.execute(sql: """
                WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
                INSERT INTO ticket (id, hall_id, number, service_id, service_day, priority, status, issued_at, enqueued_at, queue_order)
                SELECT lower(hex(randomblob(16))), ?, 'A' || printf('%06d', i), ?, ?, 'normal', 'waiting', ?, ?, ? + i * 0.000001 FROM c
                """, arguments: [count, hall.hallId, service.id, hall.calendar.dayKey(Date()), now, now, now])
        }
    }

    /// The demo hall (five services, Chinese names) with window 2 signed in by clerk 1001, a
    /// morning of history at that window, a held ticket and a ticket being served.
    /// `history` runs between set-up and today's activity, so past rows get lower seq numbers than
    /// today's, as in a hall that has been running for months.
    static func console(path: String, extraWaiting: Int = 0, history: (HallStore) throws -> Void = { _ in }) throws -> (HallStore, Clerk) {
        fresh(path)
        let store = try HallStore(path: path)
        try store.setUp(try DemoHall.setup(), by: .system("bench"), pinRounds: 1000)
        try history(store)
        let clerk = try store.signIn(clerkNumber: "1001", pin: "1234", window: 2, terminal: "bench")
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "bench")
        let desk = Attribution.system("bench-desk")
        let plan = ["A", "B", "E", "A", "B", "A", "E", "C", "D"]
        for i in 0..<(60 + extraWaiting) {
            _ = try store.issueTicket(service: plan[i % plan.count], priority: i % 17 == 5 ? .greenChannel : .normal,
                                      note: i % 7 == 0 ? "携带材料：身份证、户口簿" : nil, by: desk)
        }
        for i in 0..<30 {
            _ = try store.callNext(window: 2, by: by)
            if i % 5 == 1 { _ = try store.recall(window: 2, by: by) }
            if i == 12 { _ = try store.hold(window: 2, by: by); continue }
            try store.finish(window: 2, by: by)
        }
        _ = try store.callNext(window: 2, by: by)
        return (store, clerk)
    }
}
