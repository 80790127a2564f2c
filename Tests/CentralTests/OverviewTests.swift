import CentralServer
import Crypto
import Foundation
import HallCore
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// The all-halls dashboard against a real PostgreSQL: real operations from a hall store go
/// through the push ingest, and the overview's figures are read back over HTTP.
final class OverviewTests: XCTestCase {
    func testOverviewAndDrillDownFromPushedHallActivity() async throws {
        try await CentralFixture.run { f in
            // Three tickets; window 1 calls two of them, finishes one (rated badly), and serves the other.
            try f.issueTickets(3)
            let clerk = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "w1")
            let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "w1")
            _ = try f.store.callNext(window: 1, by: by)
            _ = try f.store.finish(window: 1, by: by)
            let invitation = try XCTUnwrap(try f.store.pendingInvitation(window: 1))
            try f.store.rate(window: 1, eventId: invitation.id, level: .dissatisfied, reasons: ["服务态度"], by: .system("pad-1"))
            _ = try f.store.callNext(window: 1, by: by)
            let summary = try await f.client().pushAll()
            XCTAssertEqual(summary.counts[.quarantined, default: 0], 0)

            // A case accepted long ago and never finished (overdue), and a payload of a known
            // kind in a shape the projection does not read: both are stored, neither fails.
            let hallId = try f.store.syncIdentity().hallId
            let serviceId = try XCTUnwrap(try f.store.services().first { $0.code == "A" }).id
            let odd = [Self.op(seq: 1, kind: .caseEvent, payload: #"{"id":"e1","caseId":"case-1","kind":"accepted","at":1577836800,"detail":"承诺5个工作日，2020-01-08前办结"}"#),
                       Self.op(seq: 2, kind: .queueEvent, payload: #"{"shape":"from a future version"}"#),
                       Self.op(seq: 3, kind: .rectification, payload: #"{"task":"nope","action":{"unknownStep":{}}}"#),
                       // A second bad rating's task taken through the whole loop: closed, so not open.
                       Self.op(seq: 4, kind: .rectification, payload: #"{"task":"t2","rating":"r2","action":"opened","due":"2020-01-20"}"#),
                       Self.op(seq: 5, kind: .rectification, payload: Self.step("t2", .callback(reached: true, note: ""))),
                       Self.op(seq: 6, kind: .rectification, payload: Self.step("t2", .resolve(.fixedNow(note: "已当面致歉")))),
                       Self.op(seq: 7, kind: .rectification, payload: Self.step("t2", .reportBack(note: ""))),
                       // The shape a hall reports its services in: names and targets replace the defaults.
                       Self.op(seq: 8, kind: .referenceChanged,
                               payload: #"{"services":[{"id":"\#(serviceId)","prefix":"A","name":"社保医保","targetWaitMinutes":20}]}"#)]
            let (status, body) = try await f.post(SyncPaths.push, PushRequest(deviceId: "other-device", operations: odd, hallId: f.hallId))
            XCTAssertEqual(status, 200)
            let pushed = try JSONDecoder().decode(PushResponse.self, from: body)
            XCTAssertEqual(pushed.results.map(\.status), Array(repeating: .applied, count: odd.count))
            try await f.central.projectPending()   // the dashboard's tables fill after the push answers
            XCTAssertEqual(try TestPostgres.shared.get().psql(f.database, "SELECT status FROM ov_rectification WHERE id = 't2'"), "closed")

            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "测试督查")
            let client = CentralOverviewClient(transport: f.transport, token: admin.token)
            let overview = try await client.overview()
            XCTAssertEqual(overview.halls.count, 1)
            let h = try XCTUnwrap(overview.halls.first)
            XCTAssertEqual(h.hallId, hallId)
            XCTAssertEqual(h.name, "测试大厅")
            XCTAssertEqual(h.waiting, 1)
            XCTAssertNotNil(h.longestWaitSeconds)
            XCTAssertEqual(h.callsToday, 2)
            XCTAssertEqual(h.callsWithinTarget, 2)      // called at once: within the 20-minute default
            XCTAssertEqual(h.serviceLevel, 1)
            XCTAssertEqual(h.finishedToday, 1)
            XCTAssertEqual(h.ratingsToday, 1)
            XCTAssertEqual(h.satisfiedToday, 0)
            XCTAssertEqual(h.satisfactionToday, 0)
            XCTAssertEqual(h.ratings30Days, 1)
            XCTAssertEqual(h.openRectifications, 1)
            XCTAssertEqual(h.overdueCases, 1)
            XCTAssertLessThan(try XCTUnwrap(h.lastContactAgeSeconds), 60)
            XCTAssertEqual(overview.staleAfterSeconds, 600)

            let detail = try await client.hall(hallId)
            XCTAssertEqual(detail.hall, h.with(longestWait: detail.hall.longestWaitSeconds, contact: detail.hall.lastContactAgeSeconds))
            XCTAssertEqual(detail.services.count, 1)
            XCTAssertEqual(detail.services.first?.name, "社保医保")
            XCTAssertEqual(detail.services.first?.waiting, 1)
            XCTAssertEqual(detail.services.first?.callsToday, 2)
            XCTAssertEqual(detail.services.first?.targetReported, true)
            XCTAssertEqual(detail.services.first?.targetWaitMinutes, 20)
            XCTAssertEqual(detail.windows.count, 1)
            let w = try XCTUnwrap(detail.windows.first)
            XCTAssertEqual(w.number, 1)
            XCTAssertEqual(w.status, .serving)
            XCTAssertEqual(w.currentTicket, "A002")
            XCTAssertEqual(w.callsToday, 2)
            XCTAssertEqual(w.finishedToday, 1)
            XCTAssertEqual(w.ratingsToday, 1)

            // Pushing the same operations again changes nothing (duplicates are not projected).
            _ = try await f.post(SyncPaths.push, PushRequest(deviceId: "other-device", operations: odd, hallId: f.hallId))
            let again = try await client.overview()
            XCTAssertEqual(again.halls.first?.overdueCases, 1)
            XCTAssertEqual(again.halls.first?.callsToday, 2)
        }
    }

    func testOnlyAdminTokensSeeTheOverview() async throws {
        try await CentralFixture.run { f in
            // A station token acts for its own hall only: refused here.
            do {
                _ = try await CentralOverviewClient(transport: f.transport, token: f.token).overview()
                XCTFail("a station token must not read the overview")
            } catch let e as CentralOverviewClient.Failure {
                guard case .unauthorized = e else { return XCTFail("\(e)") }
            }
            let booking = try await f.central.registry.issueApiToken(role: .booking, label: "预约系统")
            let (status, _) = try await f.transport.send(method: "GET", path: SyncPaths.adminOverview, query: nil, body: nil, token: booking.token)
            XCTAssertEqual(status, 403, "a live token of another kind is forbidden here, not unknown")
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "督查")
            let client = CentralOverviewClient(transport: f.transport, token: admin.token)
            let overview = try await client.overview()
            XCTAssertEqual(overview.halls.map(\.name), ["测试大厅"])
            XCTAssertNil(overview.halls[0].serviceLevel)      // nothing called yet: no ratio, not 0 %
            do {
                _ = try await client.hall("no-such-hall")
                XCTFail("an unknown hall is 404")
            } catch let e as CentralOverviewClient.Failure {
                XCTAssertEqual(e, .noSuchHall("没有编号为 no-such-hall 的大厅"))
            }
            try await f.central.registry.revokeApiToken(id: admin.tokenId)
            do {
                _ = try await client.overview()
                XCTFail("a revoked token is refused")
            } catch let e as CentralOverviewClient.Failure {
                guard case .unauthorized = e else { return XCTFail("\(e)") }
            }
        }
    }

    /// The overview reads the projection with a few grouped queries: 500 halls with a busy day
    /// each (60 tickets, 50 calls, 30 ratings) must still answer well within a refresh interval.
    func testOverviewStaysCheapAt500Halls() async throws {
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let today = HallCalendar().dayKey(Date())
            for sql in [
                "INSERT INTO hall (hall_id, id, name) SELECT 'h' || g, 'h' || g, '第' || g || '便民服务中心' FROM generate_series(1, 500) g",
                "INSERT INTO device_cursor (hall_id, id) SELECT 'h' || g, 'd' || g FROM generate_series(1, 500) g",
                """
                INSERT INTO ov_ticket (hall_id, id, number, service_id, service_day, status, enqueued_at, hlc)
                SELECT 'h' || h, 't' || t, 'A' || t, 's1', '\(today)', CASE WHEN t <= 10 THEN 'waiting' ELSE 'finished' END,
                       extract(epoch FROM now()) - t * 60, '0' FROM generate_series(1, 500) h, generate_series(1, 60) t
                """,
                """
                INSERT INTO ov_wait (hall_id, id, service_id, service_day, window_number, wait_seconds)
                SELECT 'h' || h, 't' || t || '#0', 's1', '\(today)', t % 5, t * 30 FROM generate_series(1, 500) h, generate_series(11, 60) t
                """,
                "INSERT INTO ov_service (hall_id, id, prefix) SELECT 'h' || g, 's1', 'A' FROM generate_series(1, 500) g",
                """
                INSERT INTO ov_rating (hall_id, id, level, anonymous, window_number, service_day)
                SELECT 'h' || h, 'r' || r, 1 + r % 5, true, r % 5, '\(today)' FROM generate_series(1, 500) h, generate_series(1, 30) r
                """,
                "ANALYZE",
            ] { _ = try pg.psql(f.database, sql) }
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "督查")
            let client = CentralOverviewClient(transport: f.transport, token: admin.token)
            _ = try await client.overview()   // warm the connection pool
            let started = Date()
            let overview = try await client.overview()
            let took = Date().timeIntervalSince(started)
            print("overview of \(overview.halls.count) halls: \(Int(took * 1000)) ms")
            XCTAssertEqual(overview.halls.count, 501)
            let h = try XCTUnwrap(overview.halls.first { $0.hallId == "h7" })
            XCTAssertEqual(h.waiting, 10)
            XCTAssertEqual(h.callsToday, 50)
            XCTAssertEqual(h.callsWithinTarget, 30)      // waits of 5.5 … 20 minutes against the 20-minute default
            XCTAssertEqual(h.ratingsToday, 30)
            XCTAssertEqual(h.satisfiedToday, 18)
            XCTAssertLessThan(took, 2.0)
        }
    }

    func testUnreachableCentreIsAnErrorNotACrash() async throws {
        let client = CentralOverviewClient(transport: HTTPSyncTransport(baseURL: "http://127.0.0.1:9", timeout: .seconds(2)), token: "x")
        do {
            _ = try await client.overview()
            XCTFail("nothing listens on port 9")
        } catch let e as CentralOverviewClient.Failure {
            guard case .unreachable = e else { return XCTFail("\(e)") }
            XCTAssertTrue(e.localizedDescription.hasPrefix("中心不可达"))
        }
    }

    /// A rectification step as the hall writes it (HallStore.rectify's payload).
    static func step(_ task: String, _ action: RectificationAction) -> String {
        struct Payload: Encodable { let task: String; let event: String; let action: RectificationAction }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try! e.encode(Payload(task: task, event: UUID().uuidString, action: action)), as: UTF8.self)
    }

    static func op(seq: Int64, kind: OperationKind, payload: String) -> WireOperation {
        let sha = SHA256.hash(data: Data(payload.utf8)).map { String(format: "%02x", $0) }.joined()
        return WireOperation(opId: "odd-\(seq)", deviceId: "other-device", seq: seq, hlc: String(format: "%016lld-%04d", seq, 0),
                             wallTime: Date().timeIntervalSince1970, schemaVersion: 1, kind: kind.rawValue, entityId: nil,
                             payload: payload, sha256: sha)
    }
}

private extension HallOverview {
    /// The same figures with the time-dependent ones replaced, to compare two reads a moment apart.
    func with(longestWait: Double?, contact: Double?) -> HallOverview {
        var c = self
        c.longestWaitSeconds = longestWait
        c.lastContactAgeSeconds = contact
        return c
    }
}
