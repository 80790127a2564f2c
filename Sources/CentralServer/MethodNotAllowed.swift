import Foundation
import Hummingbird

/// A known path asked with a method it does not have is answered 405 with `Allow`, not 404: a
/// client author who sent PUT instead of POST learns the path is right. The methods come from the
/// OpenAPI document, which the tests hold equal to the route table.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Path patterns split into segments ("{x}" matches any one segment) and their methods.
    let routes: [(segments: [Substring], methods: [String])]

    init(document: String = OpenAPIDocument.json) {
        let doc = (try? JSONSerialization.jsonObject(with: Data(document.utf8))) as? [String: Any]
        let paths = doc?["paths"] as? [String: [String: Any]] ?? [:]
        let verbs = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]
        routes = paths.map { path, item in
            (path.split(separator: "/"), verbs.filter { item[$0.lowercased()] != nil })
        }
    }

    func allowed(_ path: String) -> [String] {
        let parts = path.split(separator: "/")
        return routes.filter { route in
            route.segments.count == parts.count
                && zip(route.segments, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.flatMap(\.methods)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = allowed(request.uri.path)
            guard !methods.isEmpty else {
                return CentralRoutes.error(.notFound, "中心没有接口 \(String(request.uri.path.prefix(80)))，接口清单见 /openapi.json",
                                           status: .notFound)
            }
            var response = CentralRoutes.error(.methodNotAllowed, "接口 \(request.uri.path) 不接受 \(request.method.rawValue) 方法，只接受 \(methods.joined(separator: "、"))",
                                               status: .methodNotAllowed)
            response.headers[.allow] = methods.joined(separator: ", ")
            return response
        }
    }
}
