import Foundation
import HallCore
@testable import Printing

/// Documents built the way the store builds them, at a fixed time, so renderings are stable.
enum Fixtures {
    static let calendar = HallCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    static let applied = Date(timeIntervalSince1970: 1_772_413_200)        // 2026-03-02 09:00 +08:00
    static let issued = applied.addingTimeInterval(25 * 60)                 // 09:25

    static func context(name: String = "张三丰", matters: [String] = ["个体工商户设立登记", "税务信息确认"]) -> NoticeContext {
        NoticeContext(agency: "示范区政务服务中心", caseNumber: "YC202603020001",
                      applicant: NoticeApplicant(name: name, residentId: "11010519491231002X", phone: "13800138000"),
                      matters: matters,
                      matterLegalBases: ["《促进个体工商户发展条例》第八条", "《中华人民共和国税收征收管理法》第十五条"],
                      appliedAt: applied, issuedAt: issued, window: "4号综合窗口", clerk: "张伟（工号1003）",
                      phone: "0000-12345678", calendar: calendar)
    }

    static let missing = [
        MaterialLine(name: "经营场所使用证明", originals: 1, copies: 0, matter: "个体工商户设立登记"),
        MaterialLine(name: "银行开户许可证", originals: 0, copies: 1, matter: "税务信息确认"),
        MaterialLine(name: "经营者居民身份证", originals: 0, copies: 1, matter: "个体工商户设立登记", note: "已收原件1份、复印件0份"),
    ]

    static func correction(name: String = "张三丰") -> Document {
        var doc = NoticeBuilder.oneTimeCorrection(context(name: name), missing: missing)
        doc.number = DocumentNumber.format(abbreviation: "示范区政务", year: 2026, sequence: 12)
        doc.qrPayload = DocumentQR.notice(number: doc.number!, caseNumber: "YC202603020001", documentId: "0f6c2d1e-0000-4000-8000-000000000001")
        return doc
    }

    static let received = [
        MaterialLine(name: "经营者居民身份证", originals: 1, copies: 1),
        MaterialLine(name: "经营场所使用证明", originals: 0, copies: 0, note: "容缺受理，已签署承诺"),
        MaterialLine(name: "营业执照", originals: 0, copies: 0, note: "免提交（营业执照电子证照）"),
    ]

    static func receipt() -> Document {
        var doc = NoticeBuilder.materialsReceipt(context(matters: ["个体工商户设立登记"]), received: received)
        doc.number = "示范区政务〔2026〕13号"
        return doc
    }

    static func ticket(priority: TicketPriority = .normal, residentId: String? = nil) -> Document {
        NoticeBuilder.queueTicket(TicketFacts(hallName: "示范区政务服务中心", ticketId: "7a1f0c52-0000-4000-8000-000000000005",
                                              number: "A005", serviceName: "社保医保", priority: priority, peopleAhead: 4,
                                              issuedAt: applied.addingTimeInterval(5 * 60), residentId: residentId, calendar: calendar))
    }

    /// A scratch folder removed by the caller.
    static func tempDir(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-print-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a command and returns its standard output (pdftotext, pdftoppm, …).
    @discardableResult
    static func run(_ path: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
