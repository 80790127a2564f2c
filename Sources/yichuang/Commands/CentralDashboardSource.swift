import Foundation
import HallApp
import HallStore
import SyncClient
import SyncProtocol

/// Feeds the centre dashboard screen (HallApp) from the centre's overview endpoints (SyncClient),
/// so HallApp never depends on the network code: this file is the only place the two meet.
struct CentralOverviewSource: CentralDashboardSource {
    let client: CentralOverviewClient

    /// The source for `yichuang dashboard --central URL`, with the admin token from
    /// YICHUANG_ADMIN_TOKEN (never a command-line option: it would show in `ps` and shell history).
    static func connect(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CentralOverviewSource {
        guard let token = environment["YICHUANG_ADMIN_TOKEN"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw StoreError.invalidInput("缺少中心管理令牌：请设置环境变量 YICHUANG_ADMIN_TOKEN（在中心服务器上运行 yichuang central-token --role admin 签发）")
        }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw StoreError.invalidInput("中心地址“\(url)”无效，应形如 http://10.0.0.5:8080")
        }
        // A short timeout: the screen keeps its last figures and says the centre is unreachable.
        return CentralOverviewSource(client: CentralOverviewClient(transport: HTTPSyncTransport(baseURL: url, timeout: .seconds(10)), token: token))
    }

    func overview() async throws -> CentralOverviewData {
        let r = try await client.overview()
        return CentralOverviewData(today: r.today, staleAfterSeconds: r.staleAfterSeconds, halls: r.halls.map(Self.row))
    }

    func hall(_ hallId: String) async throws -> CentralHallData {
        let r = try await client.hall(hallId)
        return CentralHallData(
            today: r.today, staleAfterSeconds: r.staleAfterSeconds, hall: Self.row(r.hall),
            services: r.services.map {
                CentralServiceRow(name: $0.name, waiting: $0.waiting, longestWaitSeconds: $0.longestWaitSeconds, callsToday: $0.callsToday,
                                  serviceLevel: $0.serviceLevel, finishedToday: $0.finishedToday,
                                  targetWaitMinutes: $0.targetWaitMinutes, targetReported: $0.targetReported)
            },
            windows: r.windows.map {
                CentralWindowRow(number: $0.number, status: CentralWindowRow.Status(rawValue: $0.status.rawValue) ?? .idle,
                                 currentTicket: $0.currentTicket, callsToday: $0.callsToday, finishedToday: $0.finishedToday,
                                 ratingsToday: $0.ratingsToday,
                                 satisfactionToday: $0.ratingsToday == 0 ? nil : Double($0.satisfiedToday) / Double($0.ratingsToday),
                                 lastEventAgeSeconds: $0.lastEventAgeSeconds)
            })
    }

    static func row(_ h: HallOverview) -> CentralHallRow {
        var row = CentralHallRow(hallId: h.hallId, name: h.name, waiting: h.waiting, longestWaitSeconds: h.longestWaitSeconds,
                       callsToday: h.callsToday, serviceLevel: h.serviceLevel, finishedToday: h.finishedToday,
                       ratingsToday: h.ratingsToday, satisfactionToday: h.satisfactionToday, ratings30Days: h.ratings30Days,
                       satisfaction30Days: h.satisfaction30Days, overdueCases: h.overdueCases, casesDueToday: h.casesDueToday,
                       openRectifications: h.openRectifications, overdueRectifications: h.overdueRectifications,
                       lastContactAgeSeconds: h.lastContactAgeSeconds)
        row.reform30Days = h.reform30Days.map {
            CentralReformFigures(cases: $0.cases, accepted: $0.accepted, visits: $0.visits, oneVisit: $0.oneVisit,
                                 immediate: $0.immediate, overdue: $0.overdue)
        }
        row.auditAlerts = h.auditAlerts ?? 0
        return row
    }
}
