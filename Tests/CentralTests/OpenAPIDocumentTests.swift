@testable import CentralServer
import Foundation
import SyncProtocol
import XCTest

/// Issue 15, must-deliver 4: the OpenAPI document describes exactly the routes the centre answers,
/// and the running centre serves it.
final class OpenAPIDocumentTests: XCTestCase {
    /// "METHOD /path/{param}" for every operation of the document.
    static func documentedRoutes() throws -> Set<String> {
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        XCTAssertEqual((doc["openapi"] as? String)?.hasPrefix("3."), true, "an OpenAPI 3 document")
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
    }

    /// The same shape from the router the centre really runs (Hummingbird writes captures as `{name}`).
    static func serverRoutes() -> Set<String> {
        let central = Central(settings: CentralSettings(database: CentralDatabaseConfig()))
        return Set(central.router().routes.map { "\($0.method.rawValue) \($0.path)" })
    }

    func testDocumentAndServerHaveTheSameRoutes() throws {
        let documented = try Self.documentedRoutes(), served = Self.serverRoutes()
        XCTAssertFalse(served.isEmpty)
        XCTAssertEqual(served.subtracting(documented).sorted(), [], "routes the server answers that the document lacks")
        XCTAssertEqual(documented.subtracting(served).sorted(), [], "documented routes the server lacks")
    }

    /// Every `$ref` in the document resolves, so a generator does not stop on a dangling name.
    func testEveryReferenceResolves() throws {
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        var refs: [String] = []
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let ref = object["$ref"] as? String { refs.append(ref) }
                object.values.forEach(walk)
            } else if let array = node as? [Any] { array.forEach(walk) }
        }
        walk(doc)
        XCTAssertFalse(refs.isEmpty)
        for ref in Set(refs) {
            XCTAssertTrue(ref.hasPrefix("#/"), ref)
            var node: Any? = doc
            for key in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
            XCTAssertNotNil(node, "dangling reference \(ref)")
        }
    }

    func testTheRunningCentreServesTheDocumentWithoutAToken() async throws {
        try await CentralFixture.run { f in
            let (status, body) = try await f.transport.send(method: "GET", path: SyncPaths.openAPI, query: nil, body: nil, token: "")
            XCTAssertEqual(status, 200)
            XCTAssertEqual(String(decoding: body, as: UTF8.self), OpenAPIDocument.json)
        }
    }
}
