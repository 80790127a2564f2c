import ArgumentParser
import CentralServer
import Foundation
import HallCore
import SyncProtocol

/// `yichuang central-report`: run on the centre's machine, the report a province reads: per hall
/// and per matter, the reform figures of the cases opened in the period beside waits, service
/// level and satisfaction (the same as GET /v1/admin/report).
struct CentralReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central-report",
        abstract: "中心报表：各大厅、各事项的改革指标（一次办结率、跑动次数、即办件占比、超期）与等候、服务水平、满意度",
        discussion: "期间按办件编号所载的服务日（北京时间）计；超期按今天判定。数据库连接取 PGHOST 等环境变量，与 yichuang central 相同。")

    @Option(help: "起始日期（含），如 2026-11-01；缺省为今天") var from: String?
    @Option(help: "截止日期（含）；缺省同起始日期") var to: String?
    @Option(help: "只看这个大厅") var hall: String?
    @Flag(help: "输出 JSON（与 GET /v1/admin/report 相同）") var json = false

    func run() throws {
        try runReportingErrors {
            let calendar = HallCalendar()
            let today = calendar.dayKey(Date())
            let fromDay = try from.map { try ReportRange.day($0, option: "--from", calendar: calendar) } ?? today
            let toDay = try to.map { try ReportRange.day($0, option: "--to", calendar: calendar) } ?? fromDay
            guard fromDay <= toDay else { throw ValidationError("起始日期 \(fromDay) 晚于结束日期 \(toDay)") }
            let (hall, json) = (self.hall, self.json)
            try withCentral { central in
                _ = try await central.projectPending()
                let halls = try await ReformQueries(central).report(fromDay: fromDay, toDay: toDay, today: today, hallId: hall)
                let response = ReportResponse(from: fromDay, to: toDay, today: today, halls: halls)
                if json {
                    let e = JSONEncoder()
                    e.outputFormatting = [.sortedKeys]
                    print(String(decoding: try e.encode(response), as: UTF8.self))
                } else {
                    print(Self.text(response))
                }
            }
        }
    }

    static func text(_ r: ReportResponse) -> String {
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func reform(_ c: ReformCounts) -> String {
            "办件 \(c.cases) 件，已受理 \(c.accepted) 件，跑动次数 \(c.visitsPerCase.map { String(format: "%.2f", $0) } ?? "—") 次/件，"
                + "一次办结率 \(percent(c.oneVisitShare))，即办件占比 \(percent(c.immediateShare))，超期 \(c.overdue) 件"
        }
        var lines = ["中心报表 \(r.from) 至 \(r.to)（超期按 \(r.today) 判定）"]
        if r.halls.isEmpty { lines.append("没有这个大厅") }
        for h in r.halls {
            lines.append("")
            lines.append("\(sanitizedForTerminal(h.name))（\(h.hallId)）")
            let wait = h.averageWaitSeconds.map { String(format: "%.1f 分钟", $0 / 60) } ?? "—"
            lines.append("  等候：叫号 \(h.calls) 次，平均等候 \(wait)，服务水平 \(percent(h.serviceLevel))；满意度 \(percent(h.satisfaction))（评价 \(h.ratings) 条）")
            lines.append("  改革指标：" + reform(h.reform))
            for m in h.matters { lines.append("    \(sanitizedForTerminal(m.matters.isEmpty ? "（事项不详）" : m.matters))：" + reform(m.figures)) }
        }
        lines.append("")
        lines.append("计算方法：")
        lines += ReformFigures.explanation.prefix(3).map { "  " + $0 }
        lines.append("  超期：已受理、承诺日期已过仍未办结的办件数")
        return lines.joined(separator: "\n")
    }
}
