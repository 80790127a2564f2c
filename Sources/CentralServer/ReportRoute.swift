import Foundation
import Hummingbird
import SyncProtocol

/// GET /v1/admin/report?from=&to=[&hall=]: the central report for a period (admin api tokens).
extension CentralRoutes {
    /// A year and a day: the longest period one request may group (a province's year report).
    static let longestReportDays = 366

    func addReport(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(SyncPaths.adminReport)) { request, _ -> Response in
            await guardedApi(SyncPaths.adminReport, request, roles: [.admin]) { _, _ in
                let q = request.uri.queryParameters
                let cal = OverviewProjection.calendar
                func day(_ name: String) -> (String, Date)? {
                    guard let text = q[name[...]].map(String.init), text.count == 10, let d = cal.date(fromDayKey: text) else { return nil }
                    return (text, d)
                }
                guard let (from, fromDate) = day("from"), let (to, toDate) = day("to") else {
                    return Self.error(.badRequest, "from 与 to 须为存在的日期，形如 2026-11-03", status: .badRequest)
                }
                let days = Int((toDate.timeIntervalSince(fromDate) / 86_400).rounded())
                guard days >= 0, days < Self.longestReportDays else {
                    return Self.error(.badRequest, "报表期间须从 from 到 to（含）、不超过 \(Self.longestReportDays) 天，收到 \(from) 至 \(to)",
                                      status: .badRequest)
                }
                try await central.overviewProjector.drain()   // never behind what pushes acknowledged
                let today = cal.dayKey(Date())
                let hall = q["hall"].map(String.init)
                let halls = try await ReformQueries(client: central.client, logger: central.logger)
                    .report(fromDay: from, toDay: to, today: today, hallId: hall)
                return Self.json(ReportResponse(from: from, to: to, today: today, halls: halls))
            }
        }
    }
}
