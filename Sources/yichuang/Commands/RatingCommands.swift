import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

/// 好差评 from the command line: satisfaction reports and the GB/T 39046 table 9 export.
struct RatingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ratings", abstract: "好差评：满意度统计、按国家标准字段导出、超期默认评价",
                                                    subcommands: [RatingsReportCommand.self, RatingsExportCommand.self, RatingsApplyDefaultsCommand.self])
}

struct RatingsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "满意度（按窗口、工号、业务、事项、日期）、差评原因、整改任务")
    @OptionGroup var options: StoreOptions
    @Option(help: "起始日期，如 2026-11-01 或 2026-11-1（默认今天）") var from: String?
    @Option(help: "结束日期（含，默认同起始日期）") var to: String?
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, _) = try StaffCredentials.open(options, for: .readReports)
            let range = try ReportRange(from: from, to: to, store: store)
            let (fromDay, toDay) = (range.fromDay, range.toDay)
            let summary = try store.ratingSummary(fromDay: fromDay, toDay: toDay)
            var groups: [String: [[String: String]]] = [:]
            for d in RatingDimension.allCases {
                groups[d.rawValue] = try store.satisfaction(by: d, fromDay: fromDay, toDay: toDay).map {
                    ["key": $0.key, "total": String($0.tally.total), "satisfied": String($0.tally.satisfied), "rate": $0.tally.rateText]
                }
            }
            let reasons = try store.badRatingsByReason(fromDay: fromDay, toDay: toDay)
            if json {
                struct Out: Encodable { let from, to: String; let total, satisfied, defaults, defaultsSatisfied: Int; let openTasks, overdueTasks, realNameBad, calledBack: Int
                    let groups: [String: [[String: String]]]; let badReasons: [String: Int] }
                let out = Out(from: fromDay, to: toDay, total: summary.tally.total, satisfied: summary.tally.satisfied,
                              defaults: summary.defaults.total, defaultsSatisfied: summary.defaults.satisfied, openTasks: summary.openTasks,
                              overdueTasks: summary.overdueTasks, realNameBad: summary.realNameBad, calledBack: summary.calledBack, groups: groups,
                              badReasons: Dictionary(uniqueKeysWithValues: reasons.map { ($0.reason, $0.count) }))
                let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try enc.encode(out), as: UTF8.self))
                return
            }
            printSafe("\(fromDay) 至 \(toDay)：评价 \(summary.tally.total) 条，满意率 \(summary.tally.rateText)")
            // Province defaults count in the rate (the province rule) and are shown apart.
            if summary.defaults.total > 0 {
                printSafe("其中超期默认评价 \(summary.defaults.total) 条（已计入上述满意率及各分组）；群众主动评价 \(summary.given.total) 条，满意率 \(summary.given.rateText)")
            }
            printSafe("整改任务：未办结 \(summary.openTasks) 件，超期 \(summary.overdueTasks) 件；实名差评回访 \(summary.calledBack)/\(summary.realNameBad)（目标 100%）")
            for d in RatingDimension.allCases {
                printSafe("按\(d.label)：" + (groups[d.rawValue] ?? []).map { "\($0["key"]!) \($0["rate"]!)（\($0["total"]!)条）" }.joined(separator: "；"))
            }
            printSafe("差评原因：" + (reasons.isEmpty ? "无" : reasons.map { "\($0.reason) \($0.count)" }.joined(separator: "；")))
        }
    }
}

struct RatingsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "按 GB/T 39046-2020 表9 字段导出评价（CSV 或 JSON）；评价人姓名不导出")
    @OptionGroup var options: StoreOptions
    @Option(help: "起始日期，如 2026-11-01 或 2026-11-1（默认今天）") var from: String?
    @Option(help: "结束日期（含）") var to: String?
    @Option(help: "格式：csv 或 json") var format = "csv"
    @Option(help: ArgumentHelp(OutputFile.help)) var out: String?
    func run() throws {
        try runReportingErrors {
            guard format == "csv" || format == "json" else { throw StoreError.invalidInput("--format 只能是 csv 或 json") }
            let (store, _) = try StaffCredentials.open(options, for: .readReports)
            let hall = try store.hall()
            let range = try ReportRange(from: from, to: to, store: store)
            // The command line is not signed in, so it reads as a role that never sees raters.
            let reader = Clerk(id: "cli", number: "cli", name: "命令行", role: .clerk)
            let rows = RatingExport.rows(try store.ratings(fromDay: range.fromDay, toDay: range.toDay, reader: reader),
                                         policy: try store.ratingPolicy(), timeZone: hall.calendar.timeZone)
            let text = sanitizedForTerminal(format == "csv" ? RatingExport.csv(rows) : RatingExport.json(rows))
            if let out {
                try OutputFile.write(text, to: out)
                print("已导出 \(rows.count) 条评价：\(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}

/// For cron: the province default (no rating within N days) also runs from every console and
/// pad; this is for halls where none is up every day.
struct RatingsApplyDefaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply-defaults",
        abstract: "超过规定天数未评价的服务，按省级规定记默认评价（可放入 cron，重复运行不会重复记录）")
    @OptionGroup var options: StoreOptions
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let policy = try store.ratingPolicy()
            let n = try store.applyDefaultRatings(by: cliAttribution(config))
            if json {
                print(#"{"recorded":\#(n),"defaultLevel":\#(policy.defaultLevel.map { "\"\($0.label)\"" } ?? "null"),"afterDays":\#(policy.defaultAfterDays)}"#)
            } else if let level = policy.defaultLevel {
                print("已记默认评价 \(n) 条（超过\(policy.defaultAfterDays)天未评价记“\(level.label)”）")
            } else {
                print("本大厅未设置默认评价（yichuang config rating_default_level 基本满意），未记录")
            }
        }
    }
}
