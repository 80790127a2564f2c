import Foundation
import GRDB
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 16 (big imports) through the real binary: an oversized or too deeply nested calendar
/// file is refused in Chinese and the store's calendar is exactly what it was.
final class ImportBoundsCLITests: XCTestCase {
    func testOversizedAndDeepCalendarFilesImportNothing() throws {
        let hall = try MultiProcessHall(windows: 1)
        let calendar = #"{"year": 2031, "papers": [], "days": [{"name": "元旦", "date": "2031-01-01", "isOffDay": true}]}"#
        let files: [(String, String, String)] = [
            ("padded.json", calendar + String(repeating: " ", count: 2 << 20), "过大"),
            ("deep.json", calendar.replacingOccurrences(of: "\"isOffDay\": true", with: "\"isOffDay\": true, \"x\": " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)), "嵌套过深"),
        ]
        for (name, text, said) in files {
            let file = hall.dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let c = try hall.runner.spawn(["import", "calendar", "--store", hall.storePath, file.path], env: MultiProcessHall.admin)
            XCTAssertTrue(hall.runner.wait(c, limit: 120))
            XCTAssertEqual(c.process.terminationStatus, 1, "\(name): \(c.stdout())")
            XCTAssertTrue(c.stderr().contains(said) && c.stderr().contains("未导入"), "\(name): \(c.stderr())")
            let years = try hall.openStore().pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendar_year WHERE year = 2031") }
            XCTAssertEqual(years, 0, name)
        }
        // The same notice without the padding imports: the bound, not the content, refused it.
        let plain = hall.dir.appendingPathComponent("plain.json")
        try Data(calendar.utf8).write(to: plain)
        try hall.runner.run(["import", "calendar", "--store", hall.storePath, plain.path], env: MultiProcessHall.admin)
    }
}
