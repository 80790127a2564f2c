import Foundation
import HallCore

extension DaySummary {
    /// The close-of-day summary as an A4 document (日结汇总表), printed like the other notices
    /// through Printing: the same figures as the CSV export, in tables a supervisor files.
    public func document(hallName: String, calendar: HallCalendar) -> Document {
        func minutes(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f", $0 / 60) } ?? "—" }
        func hours(_ seconds: Double) -> String { String(format: "%.1f", seconds / 3600) }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        let closed = calendar.dayKey(closedAt) + " " + calendar.timeOfDay(closedAt)
        var body: [DocumentBlock] = [
            .heading("一、日结处理"),
            .details([DocumentField("未叫号按放弃关闭", "\(abandoned) 张"), DocumentField("挂起未回呼关闭", "\(heldClosed) 张"),
                      DocumentField("办理中关闭", "\(servingClosed) 张"), DocumentField("强制退出的窗口", "\(windowsSignedOut) 个")]),
            .heading("二、按业务"),
            .table(DocumentTable(columns: [.init("业务", weight: 3), .init("取号", weight: 1), .init("叫号", weight: 1), .init("办结", weight: 1),
                                           .init("过号", weight: 1), .init("未叫号", weight: 1.2), .init("平均等候(分)", weight: 1.6),
                                           .init("达标率", weight: 1.4)],
                                 rows: services.map { ["\($0.code) \($0.name)", "\($0.issued)", "\($0.calls)", "\($0.finished)", "\($0.noShows)",
                                                       "\($0.abandoned)", minutes($0.averageWaitSeconds), percent($0.serviceLevel)] })),
        ]
        for (title, lines) in [("三、按窗口", windows), ("四、按工作人员", clerks)] where !lines.isEmpty {
            body.append(.heading(title))
            body.append(.table(DocumentTable(columns: [.init("编号", weight: 1), .init("名称", weight: 3), .init("办结", weight: 1),
                                                       .init("过号", weight: 1), .init("办理时长(时)", weight: 1.6), .init("在岗时长(时)", weight: 1.6)],
                                             rows: lines.map { [$0.key, $0.name, "\($0.finished)", "\($0.noShows)", hours($0.servingSeconds), hours($0.loggedInSeconds)] })))
        }
        return Document(kind: .daySummary, issuer: hallName, title: "日结汇总表",
                        fields: [DocumentField("营业日", day), DocumentField("日结时间", closed),
                                 DocumentField("日结方式", automatic ? "次日首次操作时自动日结" : "手工日结（工号 \(closedBy ?? "—")）")]
                                 // The audit chain's head at closing, on paper: an anchor no edit of the store reaches.
                                 + (auditHead.map { [DocumentField("审计日志末条", "第 \($0.seq) 条，哈希 \($0.hash)")] } ?? []),
                        body: body,
                        footer: ["本表由一窗系统在日结时生成，数字与 yichuang close-day --day \(day) 导出的 CSV 相同。"])
    }
}
