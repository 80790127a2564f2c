import CentralServer
import Foundation
import HallCore
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, must-deliver 2 (ratings): the centre exports every hall's synced ratings in the
/// national field set (GB/T 39046-2020 table 9), coded with each hall's own rating policy. The old
/// centre kept ratings without time, reasons, case number or the hall's codes: no such export.
final class ExchangeRatingsTests: XCTestCase {
    /// A hall with an administrator (to set its rating policy) beside the fixture's.
    struct RatedHall {
        let dir: URL
        let store: HallStore
        var by: Attribution!
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-exchange-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path)
            var setup = CentralFixture.setup
            setup.clerks.append(.init(number: "9001", name: "系统管理员", role: .admin, pin: "9999"))
            try store.setUp(setup, by: .system("test"), pinRounds: 1000)
            by = try ExchangeRatingsTests.clerk(store)
        }
        func remove() { try? FileManager.default.removeItem(at: dir) }

        /// A 即办件 done at window 1 (its acceptance invites the rating, named by the case), then
        /// the pad's rating of it.
        func serveAndRate(_ level: RatingLevel, reasons: [String] = []) throws {
            try ExchangeRatingsTests.serveAndRate(store, by: by, level, reasons: reasons)
        }
    }

    /// Clerk 1001 signed in at window 1 (once per store).
    static func clerk(_ store: HallStore) throws -> Attribution {
        let c = try store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        return Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty1")
    }

    static func serveAndRate(_ store: HallStore, by: Attribution, _ level: RatingLevel, reasons: [String] = []) throws {
        let matter = [CaseMatter(code: "M2", version: 1, name: "社会保障卡申领", promisedWorkingDays: nil)]
        let opened = try store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: matter, checks: [], by: by)
        _ = try store.decide(caseId: opened.id, .accept, dueDate: { _, _ in "2999-01-01" }, by: by)
        let inv = try XCTUnwrap(try store.pendingInvitation(window: 1))
        XCTAssertNotNil(inv.caseNumber)
        _ = try store.rate(window: 1, eventId: inv.id, level: level, reasons: reasons, by: .system("pad-1"))
    }

    func testRatingsLeaveTheCentreAsTheHallWouldExportThemWithItsOwnCodes() async throws {
        try await CentralFixture.run { f in
            let hall = try RatedHall()
            defer { hall.remove() }
            var policy = RatingPolicy()
            policy.divisionCode = "330102"
            policy.levelCodeReversed = true
            policy.channelCodes = ["hallPad": "PAD"]
            let admin = try hall.store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "admin")
            try hall.store.updateRatingPolicy(policy, by: Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "admin"))
            try hall.serveAndRate(.verySatisfied)
            try hall.serveAndRate(.dissatisfied, reasons: ["办事效率", "等候时间"])
            let hallId = try hall.store.syncIdentity().hallId
            let token = try await f.central.registry.register(hallId: hallId, name: "西湖区政务服务中心").token
            _ = try await SyncClient(store: hall.store, transport: f.transport, token: token).pushAll()

            // A queue service rated without a case: no 办件编号, left out and named.
            let by = hall.by!
            let ticket = try hall.store.issueTicket(service: "A", by: .system("desk"))
            _ = try hall.store.callNext(window: 1, by: by)
            _ = try hall.store.finish(window: 1, by: by)
            _ = try hall.store.rate(window: 1, eventId: try XCTUnwrap(try hall.store.pendingInvitation(window: 1)).id, level: .satisfied, by: .system("pad-1"))
            _ = try await SyncClient(store: hall.store, transport: f.transport, token: token).pushAll()

            // The fixture's hall rated too, but never set its 行政区划代码: left out, and said so.
            try Self.serveAndRate(f.store, by: try Self.clerk(f.store), .satisfied)
            _ = try await f.client().pushAll()
            try await f.central.projectPending()

            let today = try hall.store.hall().calendar.dayKey(hall.store.clock.now())
            let export = try await ExchangeRatings(f.central).export(fromDay: today, toDay: today)
            let expected = RatingExport.rows(try hall.store.ratings(fromDay: today, toDay: today, reader: admin),
                                             policy: try hall.store.ratingPolicy(), timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            XCTAssertEqual(expected.count, 3)
            let withCase = expected.filter { !$0[0].isEmpty }
            XCTAssertEqual(withCase.count, 2)
            XCTAssertEqual(export.rows.sorted { $0[0] < $1[0] }, withCase.sorted { $0[0] < $1[0] },
                           "the centre's rows are the hall's own export (anonymous pad ratings, reasons only)")
            XCTAssertTrue(export.rows.allSatisfy { $0[8] == "330102" && $0[1] == "PAD" })
            XCTAssertEqual(Set(export.rows.map { $0[6] }), ["5", "2"], "levels coded in the hall's reversed order")
            XCTAssertEqual(export.problems.count, 2, "\(export.problems)")
            XCTAssertTrue(export.problems[0].contains(f.hallId) && export.problems[0].contains("1 条评价未导出"), export.problems[0])
            XCTAssertTrue(export.problems[0].contains("行政区划代码"), export.problems[0])
            XCTAssertTrue(export.problems[1].contains("票号 \(ticket.ticket.number)") && export.problems[1].contains("无办件编号"), export.problems[1])

            // One hall only, and a period without ratings.
            let one = try await ExchangeRatings(f.central).export(fromDay: today, toDay: today, hallId: hallId)
            XCTAssertEqual(one.rows.count, 2)
            XCTAssertEqual(one.problems.count, 1)
            let none = try await ExchangeRatings(f.central).export(fromDay: "2000-01-01", toDay: "2000-01-02")
            XCTAssertTrue(none.rows.isEmpty && none.problems.isEmpty)
        }
    }

    func testDivisionCodeMustBeSixOrTwelveDigits() {
        XCTAssertNil(ExchangeRatings.divisionCodeProblem("330102"))
        XCTAssertNil(ExchangeRatings.divisionCodeProblem("330102001001"))
        for bad in ["", "33010", "3301021", "33O102", "３３０１０２"] {
            XCTAssertNotNil(ExchangeRatings.divisionCodeProblem(bad), bad)
        }
    }
}
