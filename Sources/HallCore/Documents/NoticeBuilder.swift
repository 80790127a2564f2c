import Foundation

/// Builds the four intake notices from plain values. The store numbers them afterwards (文号 and
/// QR payload are left empty here, because only the issuing transaction may allocate a number).
public enum NoticeBuilder {
    /// 行政许可法 §32 第一款: the items a licence's notices cite by default (DecisionBasis picks
    /// per matter type).
    public static let correctionBasis = DecisionBasis.Clause.incomplete.citation
    public static let acceptanceBasis = DecisionBasis.Clause.accept.citation
    public static let refusalBasis = DecisionBasis.Clause.outsidePowers.citation

    /// The header every notice of a case shares (申请人 … 申请日期), with personal data masked
    /// as DocumentPrivacy says.
    static func header(_ c: NoticeContext) -> [DocumentField] {
        var fields = [DocumentField("办件编号", c.caseNumber), DocumentField("申请人", c.applicant.name)]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty {
                fields.append(.init(label, value))
            } else if c.applicant.needsCorrection.contains(label) {
                fields.append(.init(label, invalidValueMark))
            }
        }
        add("身份证号码", DocumentPrivacy.residentId(c.applicant.residentId))
        add("统一社会信用代码", c.applicant.creditCode)
        add("法定代表人", c.applicant.legalRepresentative)
        add("代理人", c.applicant.agent)
        add("联系电话", DocumentPrivacy.phone(c.applicant.phone))
        fields.append(.init("申请事项", c.matters.joined(separator: "、")))
        fields.append(.init("申请日期", ChineseDate.day(c.appliedAt, c.calendar)))
        return fields
    }

    /// Printed in place of a value known to be invalid (the correction notice says what is wrong).
    public static let invalidValueMark = "（填写有误，须补正）"

    /// 经办窗口, 经办人, 咨询电话: who to come back to.
    static func office(_ c: NoticeContext) -> [DocumentField] {
        [("经办窗口", c.window), ("经办人", c.clerk), ("咨询电话", c.phone)].compactMap { label, value in
            value.flatMap { $0.isEmpty ? nil : DocumentField(label, $0) }
        }
    }

    static func basis(_ procedural: String, _ c: NoticeContext) -> [DocumentBlock] {
        // Only the licensing law is a procedure apart from the matter's own 设定依据.
        let label = procedural.contains("行政许可法") ? "程序依据" : "依据"
        var blocks: [DocumentBlock] = [.heading("法律依据"), .paragraph("\(label)：\(procedural)。")]
        // A matter outside the licensing law cites its 设定依据 as the procedure already.
        let bases = uniqued(c.matterLegalBases.filter { !$0.isEmpty && !procedural.contains($0) })
        if !bases.isEmpty { blocks.append(.paragraph("设定依据：\(bases.joined(separator: "；"))。")) }
        return blocks
    }

    static func materialsTable(_ lines: [MaterialLine], nameTitle: String) -> DocumentTable {
        DocumentTable(columns: [.init("序号", weight: 0.7), .init(nameTitle, weight: 3.4),
                                .init("形式及份数", weight: 1.9), .init("备注", weight: 2.0)],
                      rows: lines.enumerated().map { i, m in ["\(i + 1)", m.name, m.form, m.remark] })
    }

    /// "你（单位）于2026年3月2日提出的个体工商户设立登记申请"
    static func applicationPhrase(_ c: NoticeContext) -> String {
        "你（单位）于\(ChineseDate.day(c.appliedAt, c.calendar))提出的\(application(c))"
    }

    /// "个体工商户设立登记申请"; a matter already named "…申请" (最低生活保障申请) is not said twice.
    static func application(_ c: NoticeContext) -> String {
        let names = c.matters.joined(separator: "、")
        return names.hasSuffix("申请") ? names : names + "申请"
    }

    static func document(_ kind: DocumentKind, _ c: NoticeContext, body: [DocumentBlock], signatures: [String]) -> Document {
        Document(kind: kind, issuer: c.agency, title: kind.label,
                 fields: header(c), salutation: "\(c.applicant.name)：", body: body,
                 seal: SealArea(issuer: c.agency, date: ChineseDate.day(c.issuedAt, c.calendar)),
                 contacts: office(c), signatures: signatures, footer: ["本文书一式两份，申请人与\(c.agency)各执一份。"])
    }

    static let receiptSignatures = ["申请人（代理人）签收", "签收时间"]

    private static func uniqued(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
