import XCTest
import HallCore
@testable import Printing

final class PDFTests: XCTestCase {
    func write(_ doc: Document, _ dir: URL, _ name: String) throws -> (URL, PDFRenderer.Output) {
        let out = try PDFRenderer().render(doc)
        let url = dir.appendingPathComponent(name)
        try out.data.write(to: url)
        return (url, out)
    }

    func testOneTimeNoticeNamesEveryMissingMaterialTheCaseAndTheLaw() throws {
        let dir = try Fixtures.tempDir("pdf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (url, out) = try write(Fixtures.correction(), dir, "notice.pdf")
        XCTAssertEqual(out.unknownGlyphs, 0, "the CJK font must be installed (fonts-noto-cjk)")
        let text = try Fixtures.run("/usr/bin/pdftotext", ["-layout", url.path, "-"])
        let flat = text.filter { !$0.isWhitespace }
        for m in Fixtures.missing { XCTAssertTrue(flat.contains(m.name), m.name) }
        for expected in ["一次性告知书", "（补正材料通知书）", "示范区政务〔2026〕12号", "YC202603020001", "原件1份", "复印件1份",
                         "《中华人民共和国行政许可法》第三十二条第一款第（四）项", "《促进个体工商户发展条例》第八条",
                         "110105********002X", "138****8000", "4号综合窗口", "申请人（代理人）签收", "2026年3月2日"] {
            XCTAssertTrue(flat.contains(expected.filter { !$0.isWhitespace }), "missing \(expected) in\n\(text)")
        }
        XCTAssertFalse(flat.contains("11010519491231002X"), "the ID number is printed masked")
        // Every font is embedded, and the Chinese one is Noto Serif CJK.
        let fonts = try Fixtures.run("/usr/bin/pdffonts", [url.path])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(fonts.contains("NotoSerifCJK"), fonts)
        for row in rows { XCTAssertTrue(row.contains(" yes yes "), "font not embedded: \(row)") }
    }

    func testFiveHundredCharacterNameWrapsInsideThePage() throws {
        let dir = try Fixtures.tempDir("long")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Hanzi, and a 120-letter run with no space to break at.
        let name = String(repeating: "欧阳龙飞有限责任公司", count: 38) + String(repeating: "ABCDEFGHIJ", count: 12)
        XCTAssertEqual(name.count, 500)
        var doc = Fixtures.correction(name: name)
        doc.body.insert(.table(DocumentTable(columns: [.init("序号", weight: 0.7), .init("材料名称", weight: 3.4)],
                                             rows: [["1", name]])), at: 2)
        let (url, out) = try write(doc, dir, "long.pdf")
        XCTAssertGreaterThan(out.pages, 1)
        let style = PDFStyle()
        let xml = try Fixtures.run("/usr/bin/pdftotext", ["-bbox", url.path, "-"])
        let words = Self.boxes(xml)
        XCTAssertGreaterThan(words.count, 100)
        let right = style.marginLeft + style.textWidth + 1, left = style.marginLeft - 1
        for w in words {
            XCTAssertGreaterThanOrEqual(w.xMin, left, "word \(w.text) starts left of the text area")
            XCTAssertLessThanOrEqual(w.xMax, right, "word \(w.text) runs past the right margin")
            XCTAssertLessThanOrEqual(w.yMax, style.pageHeight, "word \(w.text) below the page")
        }
        // The whole name is there, only broken into lines.
        let flat = try Fixtures.run("/usr/bin/pdftotext", [url.path, "-"]).filter { !$0.isWhitespace }
        XCTAssertTrue(flat.contains(name), "the name is printed whole")
    }

    func testTicketAndRefusalRenderAndAreQuick() throws {
        let refusal = NoticeBuilder.refusal(Fixtures.context(), reasons: ["申请事项不属于本机关职权范围"], rightAgency: "区市场监督管理局")
        let acceptance = NoticeBuilder.acceptance(Fixtures.context(), received: Fixtures.received, dueDayKey: "2026-03-05",
                                                  promisedWorkingDays: 3)
        for (i, doc) in [Fixtures.correction(), Fixtures.ticket(), refusal, Fixtures.receipt(), acceptance].enumerated() {
            let start = Date()
            let out = try PDFRenderer().render(doc)
            if i == 0 { print("first notice → PDF in this process (fonts loaded): \(Int(Date().timeIntervalSince(start) * 1000)) ms") }
            XCTAssertTrue(out.data.starts(with: Array("%PDF".utf8)))
            XCTAssertEqual(out.pages, 1, "\(doc.title) fits one A4 sheet")
            if let dir = ProcessInfo.processInfo.environment["YICHUANG_SAMPLE_DIR"] {
                try out.data.write(to: URL(fileURLWithPath: "\(dir)/\(doc.kind.rawValue).pdf"))
            }
        }
        PDFRenderer.warmUp()
        let doc = Fixtures.correction()
        var times: [Double] = []
        for _ in 0..<5 {
            let start = Date()
            _ = try PDFRenderer().render(doc)
            times.append(Date().timeIntervalSince(start) * 1000)
        }
        let median = times.sorted()[2]
        print("notice → PDF median \(String(format: "%.1f", median)) ms (debug build)")
        XCTAssertLessThan(median, 1000, "notice → PDF should be well under a second even in a debug build")
    }

    /// One notice as PNG (pdftoppm -r 80). docs/notice-sample.png is made with
    /// YICHUANG_SAMPLE_PNG=$PWD/docs/notice-sample.png swift test --filter PDFTests/testNoticeTurnsIntoPNG
    func testNoticeTurnsIntoPNG() throws {
        let dir = try Fixtures.tempDir("png")
        defer { try? FileManager.default.removeItem(at: dir) }
        var doc = Fixtures.correction()
        doc.copyMark = nil
        let (url, _) = try write(doc, dir, "sample.pdf")
        let prefix = dir.appendingPathComponent("sample").path
        try Fixtures.run("/usr/bin/pdftoppm", ["-png", "-r", "80", "-singlefile", url.path, prefix])
        let png = try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))
        XCTAssertTrue(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        if let keep = ProcessInfo.processInfo.environment["YICHUANG_SAMPLE_PNG"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: prefix + ".png", toPath: keep)
        }
    }

    struct Box { var text: String; var xMin, yMin, xMax, yMax: Double }

    /// Word boxes from `pdftotext -bbox` (XHTML: <word xMin=".." yMin=".." xMax=".." yMax="..">text</word>).
    static func boxes(_ xml: String) -> [Box] {
        xml.components(separatedBy: "<word ").dropFirst().compactMap { chunk in
            func value(_ key: String) -> Double? {
                guard let r = chunk.range(of: "\(key)=\"") else { return nil }
                return Double(chunk[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x0 = value("xMin"), let y0 = value("yMin"), let x1 = value("xMax"), let y1 = value("yMax"),
                  let gt = chunk.firstIndex(of: ">"), let end = chunk.range(of: "</word>") else { return nil }
            return Box(text: String(chunk[chunk.index(after: gt)..<end.lowerBound]), xMin: x0, yMin: y0, xMax: x1, yMax: y1)
        }
    }
}
