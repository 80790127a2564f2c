import XCTest
import HallCore
@testable import Printing

final class PrinterTests: XCTestCase {
    func testSpecsReadAndWriteTheConfigurationText() throws {
        let cases: [(String, PrinterSpec)] = [
            ("spool:/var/lib/yichuang/spool", PrinterSpec(.spool(directory: "/var/lib/yichuang/spool"))),
            ("cups:HP_A4", PrinterSpec(.cups(queue: "HP_A4", server: nil))),
            ("cups:Thermal?paper=80mm", PrinterSpec(.cups(queue: "Thermal", server: nil), paper: .thermal80)),
            ("device:/dev/usb/lp0", PrinterSpec(.device(path: "/dev/usb/lp0"))),
            ("device:/dev/usb/lp0?paper=58mm", PrinterSpec(.device(path: "/dev/usb/lp0"), paper: .thermal58)),
            ("cups:PDF?server=/tmp/c/cups.sock", PrinterSpec(.cups(queue: "PDF", server: "/tmp/c/cups.sock"))),
        ]
        for (text, spec) in cases {
            XCTAssertEqual(try PrinterSpec(parsing: text), spec, text)
            XCTAssertEqual(spec.description, text)
        }
        XCTAssertEqual(PrinterSpec(.device(path: "/dev/usb/lp0")).paper, .thermal80, "a device is a thermal printer unless told")
        for bad in ["lp0", "fax:123", "cups:", "device:/dev/x?paper=A5"] {
            XCTAssertThrowsError(try PrinterSpec(parsing: bad), bad) { XCTAssertTrue($0.localizedDescription.hasPrefix("打印机配置有误")) }
        }
    }

    func testSpoolFolderKeepsEveryDocumentAndNeverOverwrites() throws {
        let dir = try Fixtures.tempDir("spool")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = PrinterSpec(.spool(directory: dir.appendingPathComponent("out").path))
        let doc = Fixtures.correction()
        let first = DocumentPrinter().print(doc, to: spec)
        XCTAssertEqual(first.outcome.status, .printed)
        XCTAssertTrue(first.outcome.file!.hasSuffix("/示范区政务〔2026〕12号-一次性告知书.pdf"), first.outcome.file!)
        var copy = doc
        copy.copyMark = "补打"
        let second = DocumentPrinter().print(copy, to: spec)
        XCTAssertTrue(second.outcome.file!.hasSuffix("/示范区政务〔2026〕12号-一次性告知书-补打.pdf"))
        let third = DocumentPrinter().print(copy, to: spec)
        XCTAssertTrue(third.outcome.file!.hasSuffix("-补打-2.pdf"), "a name already taken gets a counter")
        let ticket = DocumentPrinter().print(Fixtures.ticket(), to: PrinterSpec(.spool(directory: dir.path), paper: .thermal58))
        XCTAssertTrue(ticket.outcome.file!.hasSuffix("/A005-排队号票.bin"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ticket.outcome.file!)).prefix(2), Data([0x1B, 0x40]))
        let readable = try String(contentsOfFile: dir.appendingPathComponent("A005-排队号票.txt").path, encoding: .utf8)
        XCTAssertTrue(readable.contains("您前面还有 4 人等候"), "a spooled ticket has a readable copy beside it")
        XCTAssertTrue(first.message.hasPrefix("已打印："))
    }

    func testDeviceFileGetsTheBytesAndAMissingDeviceFailsWithAReason() throws {
        let dir = try Fixtures.tempDir("device")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lp0").path
        FileManager.default.createFile(atPath: path, contents: nil)   // stands in for /dev/usb/lp0
        let result = DocumentPrinter().print(Fixtures.ticket(), to: PrinterSpec(.device(path: path), paper: .thermal58))
        XCTAssertEqual(result.outcome.status, .printed)
        let expected = try ESCPOSRenderer(paper: .thermal58).render(Fixtures.ticket()).bytes
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), expected)

        let missing = DocumentPrinter().print(Fixtures.ticket(), to: PrinterSpec(.device(path: "\(dir.path)/usb/lp9")))
        XCTAssertEqual(missing.outcome.status, .failed)
        XCTAssertTrue(missing.outcome.reason!.hasPrefix("找不到打印机设备"), missing.outcome.reason!)
    }

    func testUnprintableCharactersAreReportedWithTheOutcome() throws {
        var doc = Fixtures.ticket()
        doc.issuer = "😀大厅"
        let dir = try Fixtures.tempDir("warn")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = DocumentPrinter().print(doc, to: PrinterSpec(.spool(directory: dir.path), paper: .thermal80))
        XCTAssertEqual(result.outcome.status, .printed)
        XCTAssertEqual(result.warnings, ["有1个字符热敏打印机无法打印，已用□代替：😀（U+1F600）"])
        XCTAssertTrue(result.message.contains("已用□代替"))
    }

    func testRoutesSendEachKindToItsPrinter() throws {
        let routes = try PrinterRoutes(spoolDirectory: "/srv/spool", settings: [
            "notice": "cups:Office_A4", "refusal": "cups:Legal", "ticket": "device:/dev/usb/lp0?paper=58mm"])
        XCTAssertEqual(routes.spec(for: .oneTimeCorrection).description, "cups:Office_A4")
        XCTAssertEqual(routes.spec(for: .refusal).description, "cups:Legal")
        XCTAssertEqual(routes.spec(for: .queueTicket).description, "device:/dev/usb/lp0?paper=58mm")
        let demo = try PrinterRoutes(spoolDirectory: "/srv/spool")
        XCTAssertEqual(demo.spec(for: .acceptance).description, "spool:/srv/spool")
        XCTAssertEqual(demo.spec(for: .queueTicket).description, "spool:/srv/spool?paper=80mm")
        XCTAssertThrowsError(try PrinterRoutes(spoolDirectory: "/srv", settings: ["receipt": "cups:X"]))
    }

    func testNoCUPSServerIsAFailureWithAReason() {
        let printer = CUPSPrinter(queue: "PDF", server: "/nonexistent/cups.sock", confirmWithin: 0)
        let outcome = printer.send(Data("%PDF".utf8), format: .pdf, title: "t")
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertNotNil(outcome.reason)
        XCTAssertEqual(CUPSPrinter.requestId("request id is PDF-12 (1 file(s))\n"), "PDF-12")
        XCTAssertTrue(CUPSPrinter.describeLPError("lp: Error - The printer or class does not exist.", queue: "X").hasPrefix("没有名为 X 的打印机"))
    }
}
