import Foundation
import Hummingbird
import SyncProtocol

/// GET /v1/admin/overview and /v1/admin/overview/<hallId>: the all-halls dashboard, for admin
/// api tokens only (a station token acts for its own hall and must not see the others).
extension CentralRoutes {
    func addOverview(to router: Router<BasicRequestContext>) {
        let path = SyncPaths.adminOverview
        router.get(RouterPath(path)) { request, _ -> Response in
            await guardedApi(path, request, roles: [.admin]) { _, _ in
                try await central.overviewProjector.drain()   // never behind what pushes acknowledged
                return Self.json(try await queries.overview())
            }
        }
        router.get(RouterPath(path + "/:hallId")) { request, context -> Response in
            let hallId = context.parameters.get("hallId") ?? ""
            return await guardedApi(path + "/:hallId", request, roles: [.admin]) { _, _ in
                try await central.overviewProjector.drain()
                guard let detail = try await queries.hall(hallId) else {
                    return Self.error(.badRequest, "没有编号为 \(hallId) 的大厅", status: .notFound)
                }
                return Self.json(detail)
            }
        }
    }

    var queries: OverviewQueries { OverviewQueries(client: central.client, logger: central.logger) }
}
