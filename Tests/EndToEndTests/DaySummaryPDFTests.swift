import Foundation
import HallStore
import XCTest

/// Issue 13, close of day: the day's summary on A4, written as a PDF or sent to the printer the
/// notices use (here the spool folder), read back with pdftotext and drawn with pdftoppm.
final class DaySummaryPDFTests: XCTestCase {
    func testCloseDayWritesAndPrintsTheSummaryAsAnA4PDF() throws {
        let hall = try MultiProcessHall(windows: 1)
        _ = try hall.issueTickets(3)
        let pdf = hall.dir.appendingPathComponent("日结.pdf").path
        let c = try hall.runner.spawn(["close-day", "--store", hall.storePath, "--pdf", pdf, "--print"], env: MultiProcessHall.admin)
        hall.runner.wait(c)
        XCTAssertEqual(c.process.terminationStatus, 0, c.stderr())
        XCTAssertTrue(c.stdout().contains("已写出日结汇总表 \(pdf)"), c.stdout())
        XCTAssertTrue(c.stdout().contains("日结汇总表：") && c.stdout().contains(".pdf"), "spooled: \(c.stdout())")

        let text = try Self.run("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        for expected in ["多进程测试大厅", "日结汇总表", "营业日", "手工日结（工号 9001）", "未叫号按放弃关闭", "3 张", "A 社保医保", "工作人员1"] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }
        let info = try Self.run("/usr/bin/pdfinfo", [pdf])
        XCTAssertTrue(info.contains("595.") && info.contains("841."), "A4: \(info)")
        let png = hall.dir.appendingPathComponent("page").path
        _ = try Self.run("/usr/bin/pdftoppm", ["-r", "30", "-png", "-singlefile", pdf, png])
        XCTAssertGreaterThan(try Data(contentsOf: URL(fileURLWithPath: png + ".png")).count, 1000, "the page draws")

        // The summary of a closed day is printable again later, by a supervisor or an admin only.
        let again = hall.dir.appendingPathComponent("again.pdf").path
        let day = try XCTUnwrap(try hall.openStore().hall().calendar.dayKey(Date()) as String?)
        let byClerk = try hall.runner.spawn(["close-day", "--store", hall.storePath, "--day", day, "--pdf", again], env: MultiProcessHall.clerk(1))
        hall.runner.wait(byClerk)
        XCTAssertTrue(byClerk.stderr().contains("窗口人员无权"), byClerk.stderr())
        try hall.runner.run(["close-day", "--store", hall.storePath, "--day", day, "--pdf", again], env: MultiProcessHall.admin)
        XCTAssertTrue(try Self.run("/usr/bin/pdftotext", [again, "-"]).contains("日结汇总表"))
    }

    static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
