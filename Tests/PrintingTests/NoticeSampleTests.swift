import XCTest
import HallCore
@testable import Printing

/// Issue 14: "render every notice kind to PNG with pdftoppm, look at it, keep one sample per kind
/// in docs/". Every kind renders to one page and to a PNG here; with YICHUANG_NOTICE_SAMPLES set
/// to a folder, the PNGs of the papers printed on A4 are kept there as <kind>.png
/// (scripts/notice-samples.sh → docs/notices/).
final class NoticeSampleTests: XCTestCase {
    /// One document per kind, built the way the store builds them; the switch makes a new kind
    /// without a sample a compile error.
    static func sample(_ kind: DocumentKind) -> Document {
        let c = Fixtures.context()
        var doc: Document
        switch kind {
        case .oneTimeCorrection:
            return Fixtures.correction()
        case .queueTicket:
            return Fixtures.ticket()
        case .materialsReceipt:
            var receipt = Fixtures.receipt()
            receipt.number = "YC202603020001-凭1"   // numbered by its case, outside the 文号 series
            return receipt
        case .acceptance:
            doc = NoticeBuilder.acceptance(c, received: Fixtures.received, dueDayKey: "2026-03-05", promisedWorkingDays: 3)
        case .refusal:
            doc = NoticeBuilder.refusal(c, reasons: ["申请事项不属于本机关职权范围"], rightAgency: "区市场监督管理局")
        case .completion:
            // 个体工商户设立登记 is a 即办件 in the sample catalog: done on the spot, 办结通知书.
            var one = Fixtures.context(matters: ["个体工商户设立登记"])
            one.matterLegalBases = ["《促进个体工商户发展条例》第八条"]
            doc = NoticeBuilder.completion(one, received: Fixtures.received)
        case .daySummary:
            // Built by HallStore's DaySummary.document; the same blocks, unnumbered (not a 文书).
            return Document(kind: .daySummary, issuer: "示范区政务服务中心", title: "日结汇总表",
                            fields: [DocumentField("营业日", "2026-03-02"), DocumentField("日结时间", "2026-03-02 17:45"),
                                     DocumentField("日结方式", "手工日结（工号 8001）")],
                            body: [.heading("一、日结处理"),
                                   .details([DocumentField("未叫号按放弃关闭", "3 张"), DocumentField("挂起未回呼关闭", "1 张")]),
                                   .heading("二、按业务"),
                                   .table(DocumentTable(columns: [.init("业务", weight: 3), .init("取号", weight: 1), .init("办结", weight: 1)],
                                                        rows: [["A 综合受理", "42", "38"], ["B 社保医保", "17", "16"]]))],
                            footer: ["本表由一窗系统在日结时生成。"])
        case .commitment:
            doc = NoticeBuilder.commitment(c, items: [
                CommitmentItem(materialName: "经营场所使用证明", originals: 1, copies: 0, due: "2026-03-09"),
                CommitmentItem(materialName: "从业人员名单", originals: 0, copies: 1, due: "2026-03-09"),
            ])
        }
        doc.number = DocumentNumber.format(abbreviation: "示范区政务", year: 2026, sequence: 12)
        doc.qrPayload = DocumentQR.notice(number: doc.number!, caseNumber: "YC202603020001", documentId: "0f6c2d1e-0000-4000-8000-000000000001")
        return doc
    }

    func testEveryNoticeKindRendersToOnePageAndAPNG() throws {
        let dir = try Fixtures.tempDir("samples")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keep = ProcessInfo.processInfo.environment["YICHUANG_NOTICE_SAMPLES"]
        for kind in DocumentKind.allCases {
            let doc = Self.sample(kind)
            XCTAssertEqual(doc.kind, kind)
            let out = try PDFRenderer().render(doc)
            XCTAssertEqual(out.unknownGlyphs, 0, "\(kind): the CJK font must be installed (fonts-noto-cjk)")
            XCTAssertEqual(out.pages, 1, "\(doc.title) fits one page")
            let pdf = dir.appendingPathComponent("\(kind.rawValue).pdf")
            try out.data.write(to: pdf)
            let text = try Fixtures.run("/usr/bin/pdftotext", [pdf.path, "-"]).filter { !$0.isWhitespace }
            // A ticket shows its number in large type instead of a title.
            let heading = kind == .queueTicket ? "A005" : doc.title
            XCTAssertTrue(text.contains(heading), "\(heading) missing from its own paper:\n\(text)")
            let prefix = dir.appendingPathComponent(kind.rawValue).path
            try Fixtures.run("/usr/bin/pdftoppm", ["-png", "-r", "80", "-singlefile", pdf.path, prefix])
            let png = try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))
            XCTAssertTrue(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(kind) PNG")
            // A queue ticket prints on an 80 mm thermal printer (ESC/POS), not as this A4 PDF: no
            // sample of it is kept beside the notices.
            if let keep, kind != .queueTicket {
                let target = URL(fileURLWithPath: keep).appendingPathComponent("\(kind.rawValue).png").path
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: prefix + ".png", toPath: target)
            }
        }
    }
}
