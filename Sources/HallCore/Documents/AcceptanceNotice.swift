import Foundation

/// How the applicant gets the result (DOMAIN: window pickup or mail; issue 14: or electronic).
public enum ResultDelivery: String, Codable, Sendable, CaseIterable {
    case windowPickup, mail, electronic
    public var label: String {
        switch self {
        case .windowPickup: return "窗口领取"
        case .mail: return "邮寄送达"
        case .electronic: return "电子送达"
        }
    }
    /// The notice's line: a mailed result names where it goes.
    public func line(address: String?) -> String {
        guard self == .mail, let address, !address.isEmpty else { return label }
        return "\(label)（\(address)）"
    }
}

extension NoticeBuilder {
    /// 受理通知书: the materials received, the time of acceptance and the promised completion date.
    /// `dueDayKey` is the store's due date ("2026-03-05"); nil for 即办件, done on the spot.
    public static func acceptance(_ c: NoticeContext, received: [MaterialLine], dueDayKey: String?, promisedWorkingDays: Int?,
                                  delivery: ResultDelivery = .windowPickup, deliveryAddress: String? = nil,
                                  basis procedural: String = acceptanceBasis) -> Document {
        var timing = [DocumentField("受理时间", ChineseDate.dayTime(c.issuedAt, c.calendar))]
        if let due = dueDayKey, let days = promisedWorkingDays {
            timing.append(.init("承诺办结时限", "\(days)个工作日"))
            timing.append(.init("承诺办结日期", "\(ChineseDate.dayFromKey(due))前"))
        } else {
            timing.append(.init("办结方式", "即办件，当场办结"))
        }
        timing.append(.init("结果送达方式", delivery.line(address: deliveryAddress)))
        var body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，申请材料齐全、符合法定形式。根据\(procedural)的规定，本机关决定予以受理。"),
            .heading("已接收的材料（共\(received.count)项）"),
            .table(materialsTable(received, nameTitle: "材料名称")),
            .details(timing),
        ]
        if dueDayKey != nil {
            body.append(.paragraph("办理期限自受理之日的次日起按工作日计算，法定节假日不计算在内。请凭本通知书和办件编号查询办理进度、领取办理结果。"))
        }
        body += basis(procedural, c)
        return document(.acceptance, c, body: body, signatures: receiptSignatures)
    }
}
