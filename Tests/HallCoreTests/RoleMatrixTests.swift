import Foundation
import HallCore
import XCTest

/// docs/roles.md and `RoleMatrix.table` are the same matrix: every cell of one is checked against
/// the other, so neither can change alone.
final class RoleMatrixTests: XCTestCase {
    static let columns: [HallRole] = [.clerk, .guide, .supervisor, .admin, .ratingPad, .station]

    func documentedMatrix() throws -> [Permission: [HallRole: Bool]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/roles.md"), encoding: .utf8)
        var out: [Permission: [HallRole: Bool]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // "", `permission`, 说明, 命令, six role cells, enforced in, ""
            XCTAssertEqual(cells.count, 12, "malformed row: \(line)")
            guard cells.count == 12 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let permission = try XCTUnwrap(Permission(rawValue: name), "docs/roles.md names an unknown permission \(name)")
            XCTAssertNil(out[permission], "\(name) appears twice")
            var row: [HallRole: Bool] = [:]
            for (i, role) in Self.columns.enumerated() {
                let cell = cells[4 + i]
                XCTAssertTrue(cell == "✓" || cell == "–", "\(name)/\(role): cell “\(cell)” is neither ✓ nor –")
                row[role] = cell == "✓"
            }
            out[permission] = row
        }
        return out
    }

    func testEveryCellOfTheDocumentMatchesTheCode() throws {
        let doc = try documentedMatrix()
        XCTAssertEqual(Set(doc.keys), Set(Permission.allCases), "every permission has exactly one row in docs/roles.md")
        for permission in Permission.allCases {
            for role in HallRole.allCases {
                XCTAssertEqual(doc[permission]?[role], RoleMatrix.allows(role, permission),
                               "\(permission.rawValue) × \(role.rawValue): docs/roles.md and RoleMatrix differ")
            }
        }
    }

    func testTheQuotedHolesAreClosedInTheMatrix() {
        // issue 13: anyone who can run the binary could change the rules or act at any window.
        for role in HallRole.allCases where role != .admin { XCTAssertFalse(RoleMatrix.allows(role, .changeRules), "\(role)") }
        XCTAssertFalse(RoleMatrix.allows(.station, .windowAction))
        XCTAssertFalse(RoleMatrix.allows(.ratingPad, .windowAction))
        XCTAssertFalse(RoleMatrix.allows(.guide, .signInAtWindow))
        XCTAssertEqual(RoleMatrix.whoMay(.liveControl), "大厅管理 或 系统管理员")
    }
}
