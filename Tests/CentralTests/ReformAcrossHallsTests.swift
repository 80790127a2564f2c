import CentralServer
import Foundation
import HallCore
@_spi(StoreInternals) import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, must-deliver 3: the reform figures across halls. Each hall measures them from its
/// own cases (HallStore.reformFigures); the centre, from the synced case events, must show the
/// same per hall, and per matter beside waits, service level and satisfaction.
final class ReformAcrossHallsTests: XCTestCase {
    static let residence = [CaseMatter(code: "M1", version: 1, name: "居住证申领", promisedWorkingDays: 3)]
    static let card = [CaseMatter(code: "M2", version: 1, name: "社会保障卡申领", promisedWorkingDays: nil)]
    static let required = MaterialCheck(matterCode: "M1", materialName: "居住地住址证明", requiredOriginals: 1, requiredCopies: 0,
                                        isRequired: true, isTolerable: false, electronicLicence: nil)

    /// Hall 1: told once and back (two visits), a 即办件, a refusal. Hall 2: accepted at once
    /// with a promised date already past (overdue).
    static func fillCases(_ hall1: HallStore, _ hall2: HallStore) throws {
        let future: (String, Int) throws -> String = { _, _ in "2999-01-01" }
        let past: (String, Int) throws -> String = { _, _ in "2000-01-03" }
        let c1 = try hall1.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by1 = Attribution(clerkId: c1.id, clerkNumber: c1.number, terminal: "tty1")
        let twice = try hall1.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: residence, checks: [required], by: by1)
        try hall1.setMaterial(caseId: twice.id, index: 0, state: .missing, by: by1)
        _ = try hall1.decide(caseId: twice.id, .requestCorrection, dueDate: future, by: by1)
        _ = try hall1.resumeCase(caseId: twice.id, by: by1)
        try hall1.setMaterial(caseId: twice.id, index: 0, state: .received(originals: 1, copies: 0), by: by1)
        _ = try hall1.decide(caseId: twice.id, .accept, dueDate: future, by: by1)
        let once = try hall1.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: card, checks: [], by: by1)
        _ = try hall1.decide(caseId: once.id, .accept, dueDate: future, by: by1)
        let refused = try hall1.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: card, checks: [], by: by1)
        _ = try hall1.decide(caseId: refused.id, .refuse(reason: "不属于本机关职权范围", rightAgency: "区医保局"), dueDate: future, by: by1)

        let c2 = try hall2.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by2 = Attribution(clerkId: c2.id, clerkNumber: c2.number, terminal: "tty1")
        let late = try hall2.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: residence, checks: [required], by: by2)
        try hall2.setMaterial(caseId: late.id, index: 0, state: .received(originals: 1, copies: 0), by: by2)
        _ = try hall2.decide(caseId: late.id, .accept, dueDate: past, by: by2)
    }

    static func assertSame(_ c: ReformCounts, _ f: ReformFigures, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(c.cases, f.cases, "\(label): cases", file: file, line: line)
        XCTAssertEqual(c.accepted, f.accepted, "\(label): accepted", file: file, line: line)
        XCTAssertEqual(c.visitsPerCase, f.visitsPerCase, "\(label): visits per case", file: file, line: line)
        XCTAssertEqual(c.oneVisitShare, f.oneVisitShare, "\(label): one-visit share", file: file, line: line)
        XCTAssertEqual(c.immediateShare, f.immediateShare, "\(label): 即办件 share", file: file, line: line)
        XCTAssertEqual(c.overdue, f.overdueCases, "\(label): overdue", file: file, line: line)
    }

    func testCentreShowsEachHallsReformFiguresPerHallAndPerMatter() async throws {
        try await CentralFixture.run { f in
            let hall2 = try SecondHall()
            defer { hall2.remove() }
            try Self.fillCases(f.store, hall2.store)
            let hall2Id = try hall2.store.syncIdentity().hallId
            let token2 = try await f.central.registry.register(hallId: hall2Id, name: "第二大厅").token
            _ = try await f.client().pushAll()
            _ = try await SyncClient(store: hall2.store, transport: f.transport, token: token2).pushAll()
            try await f.central.projectPending()

            let today = try f.store.hall().calendar.dayKey(f.store.clock.now())
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "督查")
            let client = CentralOverviewClient(transport: f.transport, token: admin.token)
            let report = try await client.report(from: today, to: today)
            XCTAssertEqual(report.halls.map(\.hallId).sorted(), [f.hallId, hall2Id].sorted())
            let mine = try XCTUnwrap(report.halls.first { $0.hallId == f.hallId })
            let other = try XCTUnwrap(report.halls.first { $0.hallId == hall2Id })
            Self.assertSame(mine.reform, try f.store.reformFigures(fromDay: today, toDay: today, today: today), "hall 1")
            Self.assertSame(other.reform, try hall2.store.reformFigures(fromDay: today, toDay: today, today: today), "hall 2")
            XCTAssertEqual(mine.reform, ReformCounts(cases: 3, accepted: 2, visits: 3, oneVisit: 1, immediate: 1, overdue: 0))
            XCTAssertEqual(other.reform.overdue, 1)

            // Per matter: the two visits belong to 居住证申领, the 即办件 and the refusal to 社会保障卡申领.
            let byMatter = Dictionary(uniqueKeysWithValues: mine.matters.map { ($0.matters, $0.figures) })
            XCTAssertEqual(byMatter["居住证申领"], ReformCounts(cases: 1, accepted: 1, visits: 2, oneVisit: 0, immediate: 0, overdue: 0))
            XCTAssertEqual(byMatter["社会保障卡申领"], ReformCounts(cases: 2, accepted: 1, visits: 1, oneVisit: 1, immediate: 1, overdue: 0))

            // The dashboard carries the same beside its queue and satisfaction figures.
            let overview = try await client.overview()
            XCTAssertEqual(overview.halls.first { $0.hallId == f.hallId }?.reform30Days, mine.reform)
            XCTAssertEqual(overview.halls.first { $0.hallId == hall2Id }?.reform30Days, other.reform)
            let detail = try await client.hall(f.hallId)
            XCTAssertEqual(detail.matters30Days?.count, 2)

            // Projected again (as central-misfiled does after a repair): nothing counts twice.
            _ = try TestPostgres.shared.get().psql(f.database, "UPDATE operation SET projected = false")
            try await f.central.projectPending()
            let again = try await client.report(from: today, to: today, hall: f.hallId)
            XCTAssertEqual(again.halls.map(\.reform), [mine.reform])
            XCTAssertEqual(again.halls.first?.matters.count, 2)

            // Another period has no cases: no made-up shares.
            let empty = try await client.report(from: "2000-01-01", to: "2000-01-31", hall: f.hallId)
            XCTAssertEqual(empty.halls.first?.reform.cases, 0)
            XCTAssertNil(empty.halls.first?.reform.oneVisitShare)
        }
    }

    func testReportRefusesABadPeriodAndAStationToken() async throws {
        try await CentralFixture.run { f in
            let admin = try await f.central.registry.issueApiToken(role: .admin, label: "督查")
            for query in ["from=2026-02-30&to=2026-03-01", "from=banana&to=2026-03-01", "from=2026-03-02&to=2026-03-01",
                          "from=2024-01-01&to=2026-01-01", "to=2026-03-01"] {
                let (status, data) = try await f.transport.send(method: "GET", path: SyncPaths.adminReport, query: query, body: nil, token: admin.token)
                XCTAssertEqual(status, 400, query)
                XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: data).code, .badRequest, query)
            }
            let (status, _) = try await f.transport.send(method: "GET", path: SyncPaths.adminReport, query: "from=2026-03-01&to=2026-03-01",
                                                         body: nil, token: f.token)
            XCTAssertEqual(status, 403, "a station token sees its own hall only")
        }
    }
}
