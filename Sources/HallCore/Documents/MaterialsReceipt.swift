import Foundation

extension NoticeBuilder {
    /// 材料接收凭证: proof of what was handed over. It says plainly that it is not an acceptance,
    /// so nobody reads a receipt as a decision.
    public static func materialsReceipt(_ c: NoticeContext, received: [MaterialLine]) -> Document {
        var body: [DocumentBlock] = [
            .paragraph("今收到\(c.applicant.name)提交的\(c.matters.joined(separator: "、"))申请材料共\(received.count)项，清单如下："),
            .table(materialsTable(received, nameTitle: "材料名称")),
            .details([DocumentField("接收时间", ChineseDate.dayTime(c.issuedAt, c.calendar))]),
            .paragraph("本凭证仅证明本机关已收到上列材料，不代表已受理申请；是否受理以本机关出具的受理通知书或者不予受理通知书为准。"),
        ]
        var doc = document(.materialsReceipt, c, body: body, signatures: ["提交人签字", "接收人签字"])
        doc.salutation = nil
        return doc
    }
}
