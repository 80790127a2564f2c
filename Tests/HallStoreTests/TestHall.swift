import Foundation
import HallCore
import XCTest
@_spi(StoreInternals) @testable import HallStore

/// A small hall in a temporary folder, on a manual clock starting 2026-03-02 09:00 Beijing time.
struct TestHall {
    let dir: URL
    let store: HallStore
    let clock: ManualClock
    static let start = Date(timeIntervalSince1970: 1_772_413_200) // 2026-03-02 09:00 +08:00

    static let setup = HallSetup(
        name: "测试大厅", kind: "hall", timeZone: "Asia/Shanghai", openingHour: 9,
        services: [
            .init(code: "A", prefix: "A", name: "社保医保", targetWaitMinutes: 20, maxQueue: 50, warnQueue: 5),
            .init(code: "B", prefix: "B", name: "户籍证件", targetWaitMinutes: 15, maxQueue: 3, warnQueue: 2),
            .init(code: "C", prefix: "C", name: "商事登记", targetWaitMinutes: 30, maxQueue: 50, warnQueue: 10),
        ],
        windows: [
            .init(number: 1, name: "1号窗口", services: ["A", "B"]),
            .init(number: 2, name: "2号窗口", services: ["B", "A"]),
            .init(number: 3, name: "3号窗口", services: ["C"]),
        ],
        clerks: [
            .init(number: "1001", name: "李敏", role: .clerk, pin: "1234"),
            .init(number: "1002", name: "王芳", role: .clerk, pin: "1234"),
            .init(number: "1003", name: "张伟", role: .clerk, pin: "1234"),
            .init(number: "8001", name: "孙建国", role: .supervisor, pin: "8888"),
            .init(number: "2001", name: "周丽", role: .guide, pin: "2222"),
            .init(number: "9001", name: "系统管理员", role: .admin, pin: "9999"),
        ],
        appointments: [
            .init(service: "C", name: "吴晓燕", phone: "13800138001", slotStartMinutesFromOpening: 60, slotLengthMinutes: 30, code: "100001"),
        ], pinRounds: 1000)

    init(setup: HallSetup = Self.setup, policy: ((inout QueuePolicy) -> Void)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        clock = ManualClock(Self.start)
        store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path, clock: clock)
        try store.setUp(setup, by: .system("test"), pinRounds: 1000)
        if let policy {
            var p = QueuePolicy()
            policy(&p)
            try store.updatePolicy(p, by: try staff("9001", pin: "9999"))
        }
    }

    /// A member of staff signed in with no window (dashboard, admin), acting as themselves.
    func staff(_ number: String, pin: String) throws -> Attribution {
        let c = try store.signIn(clerkNumber: number, pin: pin, window: nil, terminal: "staff\(number)")
        return Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "staff\(number)")
    }

    var admin: Attribution { get throws { try staff("9001", pin: "9999") } }
    var supervisor: Attribution { get throws { try staff("8001", pin: "8888") } }

    func signIn(_ window: Int, clerk: String? = nil) throws -> Attribution {
        let number = clerk ?? "100\(window)"
        let c = try store.signIn(clerkNumber: number, pin: "1234", window: window, terminal: "tty\(window)")
        return Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty\(window)")
    }

    var desk: Attribution { .system("desk") }

    func count(_ sql: String) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// A ticket issued, called and finished after two minutes at `window`: the rating invitation
    /// the finish opened.
    func finishedService(window: Int = 1) throws -> RatingInvitation {
        _ = try store.issueTicket(service: "A", priority: .normal, by: desk)
        let by = try signIn(window)
        _ = try store.callNext(window: window, by: by)
        clock.advance(seconds: 120)
        _ = try store.finish(window: window, by: by)
        return try XCTUnwrap(store.pendingInvitation(window: window))
    }
}
