import XCTest
import HallCore
@testable import Printing

/// Golden ESC/POS streams in Golden/*.escpos.txt (hex + meaning per line; see ESCPOSListing).
/// Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then read the diff.
final class ESCPOSTests: XCTestCase {
    func golden(_ name: String, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden/\(name).escpos.txt")
        let listing = ESCPOSListing.list(bytes)
        XCTAssertEqual(ESCPOSListing.bytes(listing), bytes, "the listing reads back to the same bytes", file: file, line: line)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try listing.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(url.path); run with UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        XCTAssertEqual(ESCPOSListing.bytes(expected), bytes, "ESC/POS bytes differ from \(url.lastPathComponent):\n\(listing)",
                       file: file, line: line)
    }

    func testTicketOn58mmMatchesGoldenAndDecodes() throws {
        let out = try ESCPOSRenderer(paper: .thermal58).render(Fixtures.ticket())
        try golden("ticket-58mm", out.bytes)
        XCTAssertTrue(out.report.isClean)
        XCTAssertEqual(Array(out.bytes.prefix(4)), [0x1B, 0x40, 0x1C, 0x26], "initialise, then Chinese mode")
        XCTAssertEqual(Array(out.bytes.suffix(4)), [0x1D, 0x56, 0x42, 0x00], "ends with the cut")
        let text = ESCPOSListing.text(out.bytes)
        for expected in ["示范区政务服务中心", "A005", "社保医保", "您前面还有 4 人等候", "取号时间 2026-03-02 09:05"] {
            XCTAssertTrue(text.contains(expected), "\(expected) not in \(text)")
        }
        let listing = ESCPOSListing.list(out.bytes)
        XCTAssertTrue(listing.contains("二维码数据 YC1:T:2026-03-02:A005:7a1f0c52-0000-4000-8000-000000000005"), listing)
        XCTAssertTrue(listing.contains("GS ! 22"), "the number prints at triple size")
        assertFits(out.bytes, columns: 32)
    }

    func testReceiptOn80mmMatchesGoldenAndDecodes() throws {
        let out = try ESCPOSRenderer(paper: .thermal80).render(Fixtures.receipt())
        try golden("receipt-80mm", out.bytes)
        XCTAssertTrue(out.report.isClean)
        let joined = ESCPOSListing.text(out.bytes).joined()
        for expected in ["材料接收凭证", "示范区政务〔2026〕13号", "YC202603020001", "经营者居民身份证", "原件1份、复印件1份",
                         "容缺受理，已签署承诺", "免提交（营业执照电子证照）", "110105********002X", "提交人签字："] {
            XCTAssertTrue(joined.contains(expected), "\(expected) not in \(joined)")
        }
        XCTAssertFalse(joined.contains("11010519491231002X"))
        assertFits(out.bytes, columns: 48)
    }

    func testGreenChannelTicketShowsOnlyTheMaskedID() throws {
        let out = try ESCPOSRenderer(paper: .thermal80).render(Fixtures.ticket(priority: .greenChannel, residentId: "11010519491231002x"))
        let joined = ESCPOSListing.text(out.bytes).joined()
        XCTAssertTrue(joined.contains("社保医保（绿色通道）"))
        XCTAssertTrue(joined.contains("身份证 110105********002X"))
        XCTAssertFalse(joined.contains("19491231"))
    }

    func testCharactersThePrinterCannotPrintAreReplacedVisiblyAndReported() throws {
        var doc = Fixtures.ticket()
        doc.issuer = "吉𠮷大厅😀\u{1D}V\u{E000}"
        let out = try ESCPOSRenderer(paper: .thermal58).render(doc)
        let first = ESCPOSListing.text(out.bytes).first
        XCTAssertEqual(first, "吉□大厅□□V□", "each unprintable character becomes one visible □")
        XCTAssertEqual(out.report.replaced.map(\.codePoints), ["U+20BB7", "U+1F600", "U+001D", "U+E000"])
        let summary = try XCTUnwrap(out.report.summary)
        XCTAssertTrue(summary.contains("有4个字符热敏打印机无法打印，已用□代替"), summary)
        XCTAssertTrue(summary.contains("𠮷（U+20BB7）"))
        // The control character never reaches the printer as a command (GS V would cut the paper).
        XCTAssertFalse(zip(out.bytes, out.bytes.dropFirst()).dropLast(4).contains { $0 == 0x1D && $1 == 0x56 })
        // Extension A (four-byte GB18030 codes in the BMP) is printable.
        var report = EncodingReport()
        let bytes = try GB18030Encoder().encode("刘㐀", report: &report)
        XCTAssertTrue(report.isClean)
        XCTAssertEqual(bytes, [0xC1, 0xF5, 0x81, 0x39, 0xEE, 0x39])
        XCTAssertEqual(GB18030Encoder.decode(bytes), "刘㐀")
    }

    func testFiveHundredCharacterNameWrapsOnTheRoll() throws {
        let name = String(repeating: "欧阳龙飞有限责任公司", count: 38) + String(repeating: "ABCDEFGHIJ", count: 12)
        for paper in [Paper.thermal58, .thermal80] {
            let out = try ESCPOSRenderer(paper: paper).render(Fixtures.correction(name: name))
            assertFits(out.bytes, columns: paper.columns!)
            XCTAssertTrue(ESCPOSListing.text(out.bytes).joined().contains(name), "the whole name is printed on \(paper.label)")
        }
    }

    func testPreviewAndRollShareTheLayout() throws {
        let roll = ColumnLayout(width: 32, measure: TextWidth.thermal).items(for: Fixtures.correction())
        XCTAssertTrue(roll.contains(.line(ColumnLine("1. 经营场所使用证明"))), "\(roll)")
        XCTAssertTrue(roll.contains(.line(ColumnLine("   形式及份数：原件1份"))))
    }

    /// No printed line is wider than the roll (large text counts three columns a column).
    func assertFits(_ bytes: [UInt8], columns: Int, file: StaticString = #filePath, line: UInt = #line) {
        var scale = 1
        var i = 0
        var run: [UInt8] = []
        func check() {
            guard !run.isEmpty, let text = GB18030Encoder.decode(run) else { return }
            let width = TextWidth.columns(text, TextWidth.thermal) * scale
            XCTAssertLessThanOrEqual(width, columns, "line too wide: \(text)", file: file, line: line)
            run = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1D, bytes[i + 1] == 0x21 { check(); scale = Int(bytes[i + 2] >> 4) + 1; i += 3; continue }
            if b == 0x1D, bytes[i + 1] == 0x28 { check(); i += 5 + (Int(bytes[i + 3]) | Int(bytes[i + 4]) << 8); continue }
            if b == 0x1B || b == 0x1C { check(); i += bytes[i + 1] == 0x40 || bytes[i + 1] == 0x26 ? 2 : 3; continue }
            if b == 0x1D { check(); i += 4; continue }
            if b == 0x0A { check(); i += 1; continue }
            run.append(b); i += 1
        }
        check()
    }
}
