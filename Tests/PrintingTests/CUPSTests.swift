import XCTest
import HallCore
@testable import HallStore
@testable import Printing

/// Printing through a real cupsd (PrivateCUPS) to Debian's virtual PDF printer, as a window
/// would: decide → issue the numbered notice → record the job → `lp` → record the outcome.
final class CUPSTests: XCTestCase {
    nonisolated(unsafe) static var server: PrivateCUPS?

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    func cups() throws -> PrivateCUPS {
        if let s = Self.server { return s }
        let s = try PrivateCUPS()
        Self.server = s
        return s
    }

    func testOneTimeNoticeFromTheStoreComesOutOfCUPSWithEverything() throws {
        let cups = try cups()
        let hall = try StoreFixture()
        let (caseNumber, notice) = try hall.correctionNotice()
        let stored = try hall.store.issueDocument(noticeId: notice.id, by: hall.clerk)
        let spec = PrinterSpec(.cups(queue: cups.queue, server: cups.socket))
        let request = try hall.store.startPrintJob(documentId: stored.id, printer: spec.description, by: hall.clerk)

        let before = cups.pdfs().count
        let result = DocumentPrinter().print(request.document, to: spec,
                                             printer: CUPSPrinter(queue: cups.queue, server: cups.socket, confirmWithin: 30))
        XCTAssertEqual(result.outcome.status, .printed, result.message)
        XCTAssertNotNil(result.outcome.jobId)
        let job = try hall.store.recordPrintOutcome(jobId: request.job.id, status: PrintJobStatus(rawValue: result.outcome.status.rawValue)!,
                                                    reason: result.outcome.reason, cupsJobId: result.outcome.jobId, by: hall.clerk)
        XCTAssertEqual(job.status, .printed)
        XCTAssertEqual(job.cupsJobId, result.outcome.jobId)

        let pdfs = cups.waitForPDF(count: before + 1)
        let pdf = try XCTUnwrap(pdfs.last, "cups-pdf wrote no PDF into \(cups.output.path)")
        let text = try Fixtures.run("/usr/bin/pdftotext", [pdf.path, "-"]).filter { !$0.isWhitespace }
        for expected in ["一次性告知书", caseNumber, stored.number!, NoticeBuilder.correctionBasis, "《促进个体工商户发展条例》第八条",
                         "经营场所使用证明", "原件1份", "银行开户许可证", "复印件1份", "经营者居民身份证"] {
            XCTAssertTrue(text.contains(expected.filter { !$0.isWhitespace }), "\(expected) not in the PDF CUPS printed:\n\(text)")
        }
    }

    func testMissingPrinterFailsWithTheReason() throws {
        let cups = try cups()
        let outcome = CUPSPrinter(queue: "NOPE", server: cups.socket).send(Data("%PDF-1.5".utf8), format: .pdf, title: "t")
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertTrue(outcome.reason!.hasPrefix("没有名为 NOPE 的打印机"), outcome.reason!)
        XCTAssertTrue(outcome.reason!.contains("Invalid destination"), "CUPS's own words are kept: \(outcome.reason!)")
    }

    func testStoppedPrinterFailsWithCUPSReasonAndTheJobPrintsOnRetry() throws {
        let cups = try cups()
        let hall = try StoreFixture()
        let (_, notice) = try hall.correctionNotice()
        let stored = try hall.store.issueDocument(noticeId: notice.id, by: hall.clerk)
        let spec = PrinterSpec(.cups(queue: cups.queue, server: cups.socket))
        let printer = CUPSPrinter(queue: cups.queue, server: cups.socket, confirmWithin: 30)
        try cups.admin(["-r", "Out of paper", cups.queue], tool: "/usr/sbin/cupsdisable")
        defer { try? cups.admin([cups.queue], tool: "/usr/sbin/cupsenable") }

        let request = try hall.store.startPrintJob(documentId: stored.id, printer: spec.description, by: hall.clerk)
        let stopped = DocumentPrinter().print(request.document, to: spec, printer: printer)
        XCTAssertEqual(stopped.outcome.status, .failed)
        XCTAssertTrue(stopped.outcome.reason!.contains("打印机 \(cups.queue) 已停止"), stopped.outcome.reason!)
        XCTAssertTrue(stopped.outcome.reason!.contains("Out of paper"), stopped.outcome.reason!)
        try hall.store.recordPrintOutcome(jobId: request.job.id, status: .failed, reason: stopped.outcome.reason, by: hall.clerk)
        XCTAssertEqual(try hall.store.openPrintJobs().first?.reason, stopped.outcome.reason, "the failed job waits with its reason")

        try cups.admin([cups.queue], tool: "/usr/sbin/cupsenable")
        let retry = try hall.store.retryPrintJob(jobId: request.job.id, by: hall.clerk)
        let printed = DocumentPrinter().print(retry.document, to: spec, printer: printer)
        XCTAssertEqual(printed.outcome.status, .printed, printed.message)
        let job = try hall.store.recordPrintOutcome(jobId: request.job.id, status: .printed, cupsJobId: printed.outcome.jobId, by: hall.clerk)
        XCTAssertEqual(job.attempts, 2)
        XCTAssertFalse(job.isReprint)
    }
}
