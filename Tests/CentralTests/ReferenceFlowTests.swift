import CentralServer
import Foundation
import HallCore
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Centre-owned data end to end: published at the centre (catalog, calendar, policy, online
/// bookings through the booking system's endpoint), pulled by the hall, and carried into the tables
/// the clerks work from.
final class ReferenceFlowTests: XCTestCase {
    static func shippedCatalog() throws -> CatalogFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Resources/data/catalog.json").standardizedFileURL
        return try CatalogImport.parse(try Data(contentsOf: url), format: CatalogFormat(fileName: "catalog.json"), source: "catalog.json")
    }

    func testCatalogCalendarAndPolicyReachTheHallOnce() async throws {
        try await CentralFixture.run { f in
            var catalog = try Self.shippedCatalog()
            let publisher = ReferencePublisher(f.central)
            let first = try await publisher.publishCatalog(catalog, replace: false)
            XCTAssertEqual(first.added, catalog.matters.count + catalog.bundles.count)
            try await publisher.publishCalendar(CalendarYear(year: 2028, days: [
                .init(date: "2028-01-01", isOffDay: true, name: "元旦"), .init(date: "2028-01-02", isOffDay: true, name: "元旦")]))
            var policy = try f.store.hall().policy
            policy.recallLimit = 4
            try await publisher.publishQueuePolicy(policy, hallId: try f.store.syncIdentity().hallId)

            let puller = PullClient(store: f.store, transport: f.transport, token: f.token, pageSize: 10)
            try await puller.pullAll()
            XCTAssertEqual(try f.store.matters().count, catalog.matters.count)
            XCTAssertEqual(try f.store.bundles().count, catalog.bundles.count)
            XCTAssertTrue(try f.store.workCalendar().publishedYears.contains(2028))
            XCTAssertEqual(try f.store.hall().policy.recallLimit, 4)

            // The same file again logs nothing; one changed matter travels alone and gets version 2.
            let again = try await publisher.publishCatalog(catalog, replace: false)
            XCTAssertEqual(again.unchanged, catalog.matters.count + catalog.bundles.count)
            catalog.matters[0].name += "（2027年版）"
            let third = try await publisher.publishCatalog(catalog, replace: false)
            XCTAssertEqual(third.changed, 1)
            let applied = try await puller.pull(.catalog)
            XCTAssertEqual(applied, 1)
            _ = try await puller.pullAll()
            let m = try XCTUnwrap(try f.store.matter(code: catalog.matters[0].code))
            XCTAssertEqual(m.name, catalog.matters[0].name)
            XCTAssertEqual(m.version, 2, "the hall keeps version 1 for cases already open")
            // A further round with nothing new changes nothing.
            let outboxBefore = try f.store.syncStatus().pending
            _ = try await puller.pullAll()
            XCTAssertEqual(try f.store.syncStatus().pending, outboxBefore)
        }
    }

    func testOnlineBookingIsRoutedPulledRescheduledAndCancelled() async throws {
        try await CentralFixture.run { f in
            let hallId = try f.store.syncIdentity().hallId
            let booking: HallRegistry.IssuedApiToken
            do { booking = try await f.central.registry.issueApiToken(role: .booking, label: "网上预约系统") } catch { XCTFail(String(reflecting: error)); return }
            // A weekday 10:00 China time: a booking must fall in the hall's working days and hours.
            let slot = try await BookingSlots.plainWorkingSlot(f).timeIntervalSince1970
            let request = BookingRequest(hallId: hallId, bookingId: "WB-20261121-0001", service: "A", name: "王小明",
                                         phone: "138 0013 8000", slotStart: slot, slotMinutes: 30)

            // Only the booking system's token may book; a station token may not.
            let (refused, _) = try await f.post(SyncPaths.booking, request)
            XCTAssertEqual(refused, 403, "a live token of the wrong kind is forbidden, not unknown")
            let (status, body) = try await f.post(SyncPaths.booking, request, token: booking.token)
            XCTAssertEqual(status, 200, String(decoding: body, as: UTF8.self))
            let answer = try JSONDecoder().decode(BookingResponse.self, from: body)
            XCTAssertEqual(answer.checkInCode.count, 8)
            // The booking system retries after a timeout: same booking, same code, nothing doubled.
            let (_, body2) = try await f.post(SyncPaths.booking, request, token: booking.token)
            XCTAssertEqual(try JSONDecoder().decode(BookingResponse.self, from: body2).checkInCode, answer.checkInCode)

            // Bad input gets a Chinese reason.
            var bad = request
            bad.bookingId = "WB-2"; bad.phone = "12"
            let (badStatus, badBody) = try await f.post(SyncPaths.booking, bad, token: booking.token)
            XCTAssertEqual(badStatus, 422)
            XCTAssertTrue(String(decoding: badBody, as: UTF8.self).contains("联系电话"))
            let (missing, missingBody) = try await f.transport.send(method: "POST", path: SyncPaths.booking, query: nil,
                body: Data(#"{"hallId":"h","bookingId":"b","service":"A","name":"钱七","slotStart":1}"#.utf8), token: booking.token)
            XCTAssertEqual(missing, 400)
            XCTAssertTrue(String(decoding: missingBody, as: UTF8.self).contains("缺少字段 phone"))
            // Once the hall has reported its services, a booking for one it lacks is refused at once.
            _ = try await f.client().pushAll()
            try await f.central.projectPending()
            bad = request
            bad.bookingId = "WB-3"; bad.service = "Z"
            let (noService, noServiceBody) = try await f.post(SyncPaths.booking, bad, token: booking.token)
            XCTAssertEqual(noService, 422)
            XCTAssertTrue(String(decoding: noServiceBody, as: UTF8.self).contains("该大厅没有业务“Z”，可选：A 社保医保"))
            bad = request
            bad.hallId = "no-such-hall"
            let (unknownHall, _) = try await f.post(SyncPaths.booking, bad, token: booking.token)
            XCTAssertEqual(unknownHall, 404)

            let puller = PullClient(store: f.store, transport: f.transport, token: f.token)
            try await puller.pullAll()
            try await puller.pullAll()
            let row = try XCTUnwrap(try f.store.appointment(code: answer.checkInCode))
            XCTAssertEqual(row.id, "online:WB-20261121-0001", "pulled twice, stored once")
            XCTAssertEqual(row.applicantName, "王小明")
            XCTAssertEqual(row.phone, "13800138000")
            XCTAssertEqual(row.status, .booked)

            // Rescheduled by an hour: the same appointment moves.
            var moved = request
            moved.slotStart = slot + 3600
            _ = try await f.post(SyncPaths.booking, moved, token: booking.token)
            try await puller.pullAll()
            XCTAssertEqual(try f.store.appointment(code: answer.checkInCode)?.slotStart.timeIntervalSince1970, slot + 3600)

            // Cancelled by the applicant online: the hall's copy is cancelled on the next pull.
            let (cancelStatus, _) = try await f.transport.send(method: "DELETE", path: SyncPaths.booking + "/\(hallId)/WB-20261121-0001",
                                                               query: nil, body: nil, token: booking.token)
            XCTAssertEqual(cancelStatus, 200)
            try await puller.pullAll()
            XCTAssertEqual(try f.store.appointment(code: answer.checkInCode)?.status, .cancelled)
            // Checking it in at the desk says it was cancelled (it said 已签到).
            XCTAssertThrowsError(try f.store.checkInAppointment(code: answer.checkInCode, by: .system("desk"))) {
                XCTAssertTrue($0.localizedDescription.contains("已取消"), $0.localizedDescription)
            }
            let (again, _) = try await f.post(SyncPaths.booking, request, token: booking.token)
            XCTAssertEqual(again, 409, "a cancelled booking is not revived by a late retry")
        }
    }

    func testCentreReviewOfAnAppealReachesTheTask() async throws {
        try await CentralFixture.run { f in
            let s = f.store
            _ = try s.issueTicket(service: "A", by: .system("desk"))
            let clerk = try s.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "w1")
            let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "w1")
            _ = try s.callNext(window: 1, by: by)
            _ = try s.finish(window: 1, by: by)
            let invitation = try XCTUnwrap(try s.pendingInvitation(window: 1))
            try s.rate(window: 1, eventId: invitation.id, level: .veryDissatisfied, reasons: ["服务态度"], by: .system("pad-1"))
            let supervisor = Clerk(id: "s", number: "8001", name: "赵主任", role: .supervisor)
            let task = try XCTUnwrap(try s.rectificationTasks(reader: supervisor).first)
            try s.rectify(taskId: task.id, .appeal(reason: "评价人误按"), by: supervisor, terminal: "dashboard")

            _ = try await ReferencePublisher(f.central).publishDecision(
                RectificationDecision(taskId: task.id, action: .review(upheld: true, reason: "监控显示评价人误按"), decidedBy: "市中心 9001"),
                hallId: try s.syncIdentity().hallId)
            try await PullClient(store: s, transport: f.transport, token: f.token).pullAll()
            let after = try XCTUnwrap(try s.rectificationTasks(reader: supervisor, includeClosed: true).first { $0.id == task.id })
            XCTAssertEqual(after.state.status, .annulled)
            XCTAssertEqual(after.history.count, 2)
        }
    }
}
