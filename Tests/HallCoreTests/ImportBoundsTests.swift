import Foundation
import XCTest
@testable import HallCore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16 (big imports): a catalog or calendar file that is too large or nested too deep is
/// refused with a Chinese message before it is parsed, and nothing is imported.
final class ImportBoundsTests: XCTestCase {
    static let calendar = #"{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#

    func testACalendarFileOverItsLimitIsRefusedNotParsed() {
        // Valid JSON, padded past a megabyte: the old parser read and imported it.
        let padded = Data((Self.calendar + String(repeating: " ", count: ImportBounds.calendarFileBytes)).utf8)
        XCTAssertThrowsError(try HolidayCNFile.parse(padded)) { e in
            XCTAssertTrue(e.localizedDescription.contains("过大") && e.localizedDescription.contains("未导入"), e.localizedDescription)
        }
        XCTAssertNoThrow(try HolidayCNFile.parse(Data(Self.calendar.utf8)))
    }

    func testDeeplyNestedJSONIsRefusedByNameInBothImports() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let calendar = #"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true, "x": "# + deep + "}]}"
        XCTAssertThrowsError(try HolidayCNFile.parse(Data(calendar.utf8))) { e in
            XCTAssertTrue(e.localizedDescription.contains("JSON 嵌套过深"), e.localizedDescription)
        }
        XCTAssertThrowsError(try CatalogImport.parse(Data((#"{"matters": ["# + deep + "]}").utf8), format: .json, source: "x.json")) { e in
            let issues = (e as? CatalogIssues)?.issues.map(\.message) ?? []
            XCTAssertTrue(issues.contains { $0.contains("JSON 嵌套过深") }, "\(issues)")
        }
    }

    func testBracketsInsideStringsDoNotCount() throws {
        let text = #"{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"}"#
        XCTAssertNoThrow(try ImportBounds.checkJSONDepth(Data(text.utf8)))
        XCTAssertNoThrow(try ImportBounds.checkJSONDepth(Data((String(repeating: "[", count: 32) + String(repeating: "]", count: 32)).utf8)))
        XCTAssertThrowsError(try ImportBounds.checkJSONDepth(Data(String(repeating: "{", count: 33).utf8)))
    }

    func testReadRefusesFromTheFileSizeAFIFOAndAMissingFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sparse 8 GB file: refused from its size alone (reading it would take minutes).
        let big = dir.appendingPathComponent("big.csv").path
        FileManager.default.createFile(atPath: big, contents: nil)
        XCTAssertEqual(truncate(big, 8 << 30), 0)
        XCTAssertThrowsError(try ImportBounds.read(big, limit: 1 << 20)) { e in
            XCTAssertEqual(e as? ImportBounds.Refusal, .tooLarge("big.csv", bytes: 8 << 30, limit: 1 << 20))
            XCTAssertTrue(e.localizedDescription.contains("文件 big.csv 过大（8192.0 MB），上限 1.0 MB"), e.localizedDescription)
        }
        // A pipe with no writer: refused at once, not waited on.
        let fifo = dir.appendingPathComponent("fifo.json").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try ImportBounds.read(fifo, limit: 1 << 20)) { e in
            XCTAssertEqual(e as? ImportBounds.Refusal, .notRegularFile("fifo.json"))
        }
        XCTAssertThrowsError(try ImportBounds.read(dir.appendingPathComponent("none.json").path, limit: 1 << 20)) { e in
            XCTAssertEqual(e as? ImportBounds.Refusal, .unreadable("none.json"))
        }
        let ok = dir.appendingPathComponent("ok.json")
        try Data(Self.calendar.utf8).write(to: ok)
        XCTAssertEqual(try ImportBounds.read(ok.path, limit: 1 << 20), Data(Self.calendar.utf8))
    }
}
