import Foundation

extension NoticeBuilder {
    /// 办结通知书 of a 即办件: accepted and done on the spot, so the applicant gets the record of the
    /// result, not a 受理通知书 promising a date to come back for.
    public static func completion(_ c: NoticeContext, received: [MaterialLine], delivery: ResultDelivery = .windowPickup,
                                  deliveryAddress: String? = nil, basis procedural: String = acceptanceBasis) -> Document {
        let body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，申请材料齐全、符合法定形式。根据\(procedural)的规定，本机关已予受理，并当场办结。"),
            .heading("已接收的材料（共\(received.count)项）"),
            .table(materialsTable(received, nameTitle: "材料名称")),
            .details([DocumentField("办结时间", ChineseDate.dayTime(c.issuedAt, c.calendar)),
                      DocumentField("办件类型", "即办件"),
                      DocumentField("结果送达方式", delivery.line(address: deliveryAddress))]),
        ] + basis(procedural, c)
        return document(.completion, c, body: body, signatures: receiptSignatures)
    }
}
