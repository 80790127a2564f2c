import Foundation

extension NoticeBuilder {
    /// 不予受理通知书: the reasons, the right agency when the matter is outside this one's powers
    /// (行政许可法 §32(1)(2)), and the remedies (行政复议 within 60 days, 行政诉讼 within 6 months).
    public static func refusal(_ c: NoticeContext, reasons: [String], rightAgency: String?,
                               basis procedural: String = refusalBasis) -> Document {
        var body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，经审查，根据\(procedural)的规定，本机关决定不予受理。"),
            .heading("不予受理的理由"),
        ]
        let listed = reasons.count > 1
        for (i, reason) in reasons.enumerated() { body.append(.paragraph(listed ? "\(i + 1). \(reason)" : reason)) }
        if let agency = rightAgency, !agency.isEmpty {
            body.append(.paragraph("该申请事项不属于本机关职权范围，请向\(agency)提出申请。"))
        }
        body += [.heading("救济途径"), .paragraph(refusalRemedies)]
        body += basis(procedural, c)
        return document(.refusal, c, body: body, signatures: receiptSignatures)
    }
}
