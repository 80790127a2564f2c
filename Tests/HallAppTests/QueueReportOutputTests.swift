import Foundation
import HallCore
import HallStore
import XCTest
@testable import HallApp

/// Issue 12, must-deliver 7: the report as CSV (with BOM) and as JSON, with the new figures beside
/// the first report's columns, and rows for the total, windows and hours as well as services and clerks.
final class QueueReportOutputTests: XCTestCase {
    func testCSVAndJSONCarryTheSameFigures() throws {
        let f = try AppFixture()
        let c = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by = Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty1")
        try f.issue("A", 3, green: false)
        try f.issue("A", 1, green: true)
        f.clock.advance(seconds: 300)
        _ = try f.store.callNext(window: 1, by: by)          // the green A004, after 5.5 minutes
        f.clock.advance(seconds: 120)
        try f.store.finish(window: 1, by: by)
        _ = try f.store.callNext(window: 1, by: by)          // A001 after 9 minutes
        try f.store.markNoShow(window: 1, by: by)
        let day = f.calendar.dayKey(f.clock.now())

        let csv = try QueueReportCSV.make(store: f.store, fromDay: day, toDay: day)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}类别,编号,名称,叫号数,办结数,过号数,平均等候(秒),服务达标率(%),平均办理(秒),在岗时长(秒),利用率(%),取号数,绿色通道,"), csv)
        let lines = csv.components(separatedBy: "\r\n")
        let header = lines[0].dropFirst().components(separatedBy: ",")
        func row(_ prefix: String) -> [String: String] {
            guard let l = lines.first(where: { $0.hasPrefix(prefix) }) else { XCTFail("no row \(prefix) in\n\(csv)"); return [:] }
            return Dictionary(uniqueKeysWithValues: zip(header, l.components(separatedBy: ",")).map { ($0, $1) })
        }
        let total = row("合计,"), service = row("业务,A,"), window = row("窗口,1,"), clerk = row("工作人员,1001,")
        XCTAssertEqual([total["取号数"], total["绿色通道"], total["叫号数"], total["办结数"], total["过号数"], total["过号顺延"], total["仍在等候"], total["过号未再叫"]],
                       ["4", "1", "2", "1", "1", "1", "2", "1"], csv)
        XCTAssertEqual(service["最长等候(秒)"], "540", "A001 waited 9 minutes, the green A004 5.5: \(csv)")
        XCTAssertEqual(service["等候P90(秒)"], "540", csv)
        XCTAssertEqual(window["取号数"], "", "a window issues no tickets: \(csv)")
        XCTAssertEqual(clerk["办结数"], "1", csv)
        XCTAssertNotNil(lines.first { $0.hasPrefix("时段,") }, csv)

        let json = try QueueReportCSV.json(store: f.store, fromDay: day, toDay: day)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let groups = try XCTUnwrap(o["groups"] as? [[String: Any]])
        let t = try XCTUnwrap(groups.first { $0["kind"] as? String == "total" })
        XCTAssertEqual(t["issued"] as? Int, 4)
        XCTAssertEqual(t["waitMax"] as? Double, 540)
        XCTAssertEqual(t["noShowRate"] as? Double, 0.5)
        XCTAssertTrue(groups.first { $0["kind"] as? String == "window" }?["issued"] is NSNull, json)
        XCTAssertEqual(Set(groups.compactMap { $0["kind"] as? String }), ["total", "service", "window", "clerk", "hour"])
    }
}
