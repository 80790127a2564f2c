import Foundation
import HallCore
import HallStore

/// The notice a decision produced, as lines for the screen (the printed forms come from Printing).
enum NoticePreview {
    static func lines(_ n: NoticeRecord, calendar: HallCalendar) -> [String] {
        var out = ["办件编号：\(n.caseNumber)", "申请人：\(n.applicantName.isEmpty ? "（未填）" : n.applicantName)",
                   "申请事项：" + n.matters.joined(separator: "、"), "日期：\(calendar.dayKey(n.createdAt))"]
        switch n.kind {
        case .oneTimeCorrection:
            out.append("请一次性补齐以下\(n.lines.count)项材料：")
            out += n.lines.enumerated().map { "  \($0.offset + 1). \($0.element)" }
            out.append("依据：\(n.legalBasis)")
        case .acceptance:
            out.append(n.dueDate.map { "已受理，承诺于 \($0) 前办结" } ?? "即办件，已当场办结")
            out.append("已收材料：")
            out += n.lines.map { "  · \($0)" }
        case .refusal:
            out.append("不予受理，理由：")
            out += n.lines.map { "  \($0)" }
        case .materialsReceipt:
            out += n.lines.map { "  · \($0)" }
        }
        return out
    }
}
