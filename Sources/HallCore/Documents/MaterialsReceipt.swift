import Foundation

extension NoticeBuilder {
    /// 材料接收凭证: proof of what was handed over. Before a decision it says plainly that it is not
    /// an acceptance, so nobody reads a receipt as one; after acceptance (`acceptedAt`, with the
    /// acceptance notice's 文号 when issued) it says the application was accepted then.
    public static func materialsReceipt(_ c: NoticeContext, received: [MaterialLine], acceptedAt: Date? = nil,
                                        acceptanceNumber: String? = nil) -> Document {
        let standing: String
        if let acceptedAt {
            let notice = acceptanceNumber.map { "（\($0)）" } ?? ""
            standing = "本凭证证明本机关已收到上列材料。该申请已于\(ChineseDate.dayTime(acceptedAt, c.calendar))受理\(notice)，办理进度以受理通知书和办件编号查询为准。"
        } else {
            standing = "本凭证仅证明本机关已收到上列材料，不代表已受理申请；是否受理以本机关出具的受理通知书或者不予受理通知书为准。"
        }
        var body: [DocumentBlock] = [
            .paragraph("今收到\(c.applicant.name)提交的\(application(c))材料共\(received.count)项，清单如下："),
            .table(materialsTable(received, nameTitle: "材料名称")),
            .details([DocumentField("接收时间", ChineseDate.dayTime(c.issuedAt, c.calendar))]),
            .paragraph(standing),
        ]
        var doc = document(.materialsReceipt, c, body: body, signatures: ["提交人签字", "接收人签字"])
        doc.salutation = nil
        return doc
    }
}
