import Foundation
import HallCore
import HallStore
import TerminalUI

/// The 办件指标 page (G): the reform figures of today's cases as `yichuang report --reform`
/// measures them (ReformFigures), the hall's overdue cases, and the 容缺 cases whose promised
/// material is past its deadline, each with its matter, the applicant masked and the days late.
extension Dashboard {
    /// How each figure on the page is computed: the report's own explanation, plus the page's lines.
    static var figuresHelp: [String] {
        ["", "办件指标页（G）：上半部分为今日开始受理的办件（与 yichuang report --reform 当日所得相同）："]
            + ReformFigures.explanation.filter { !$0.hasPrefix("分组") }.map { "  " + $0 }
            + ["  全部在办：超期 = 已受理、承诺日期已过仍未办结的办件；今日到期 = 承诺日期为今日的已受理办件（不限受理日期）。",
               "  容缺承诺逾期未补：有容缺材料过了补交期限仍未补交的办件，逾期最久的在前；逾期天数按自然日计（今日 − 补交期限）；"
                   + "申请人只显示姓氏；材料补交后即从清单中去掉。"]
    }

    static func renderFigures(_ state: State, _ data: Data, into buffer: inout ScreenBuffer, area: Rect) {
        let x = area.x + 1, width = area.width - 2
        var y = area.y
        func line(_ text: String, _ style: TextStyle = .plain) {
            buffer.put(text, x: x, y: y, maxWidth: width, style: style)
            y += 1
        }
        /// Two figures side by side, the second from the middle of the screen.
        func pair(_ a: String, _ b: String) {
            buffer.put(a, x: x, y: y, maxWidth: width / 2 - 1)
            buffer.put(b, x: x + width / 2, y: y, maxWidth: width - width / 2)
            y += 1
        }
        guard let figures = state.figures else { return line("正在读取办件指标…", .muted) }
        let f = figures.today
        line("今日（\(data.today)）开始受理的办件 \(f.cases) 件，已受理 \(f.accepted) 件", .bold)
        pair("跑动次数：\(number(f.visitsPerCase)) 次/件", "一次办结率（最多跑一次）：\(percent(f.oneVisitShare))")
        pair("即办件占比：\(percent(f.immediateShare))", "免提交率（电子证照）：\(percent(f.exemptShare))")
        line("承诺时限：平均 \(number(f.promisedDaysMean)) 个工作日，法定 \(number(f.statutoryDaysMean)) 个工作日，压缩 \(percent(f.timeLimitCut))")
        line("容缺受理：\(f.toleratedCases) 件（已补齐 \(f.toleratedSettled) 件，逾期未补 \(f.toleratedOverdue) 件）")
        y += 1
        let d = data.deadlines, c = data.commitments
        line("全部在办：超期 \(d.overdue) 件，今日到期 \(d.dueToday) 件", d.overdue > 0 ? .warning : .plain)
        line("容缺承诺：逾期未补 \(c.overdue) 件，今日到期 \(c.dueToday) 件", c.overdue > 0 ? .warning : .plain)
        y += 1
        let list = figures.overdueCommitments
        guard !list.isEmpty else { return line("没有逾期未补的容缺承诺", .muted) }
        let rows = list.map { o -> [String] in
            let late = CommitmentRules.daysOverdue(due: o.due, today: data.today).map { "\($0)天" } ?? "—"
            return [o.caseNumber, o.matters.joined(separator: "、"), maskName(o.applicantName), late, o.materials.joined(separator: "、")]
        }
        let shown = max(0, area.maxY - y - 2)   // the title line and the table's header
        line("容缺承诺逾期未补（逾期最久的在前" + (c.overdue > min(shown, rows.count) ? "，列出 \(min(shown, rows.count)) 件，共 \(c.overdue) 件" : "") + "）",
             .bold)
        let flexible = max(20, width - 14 - 8 - 6 - 4)
        Table.render(columns: [TableColumn("办件编号", width: 14), TableColumn("事项", width: flexible / 2), TableColumn("申请人", width: 8),
                               TableColumn("逾期", width: 6, align: .right), TableColumn("未交材料", width: flexible - flexible / 2)],
                     rows: rows, selected: nil, in: Rect(x: x, y: y, width: width, height: area.maxY - y), into: &buffer)
    }

    /// As the reform report writes them, so the page and `yichuang report --reform` agree.
    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
    static func number(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "—" }
}
