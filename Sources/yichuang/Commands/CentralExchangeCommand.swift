import ArgumentParser
import CentralServer
import Foundation
import HallCore
import HallStore

/// `yichuang central-exchange ratings`: run on the centre's machine, the national 好差评 exchange
/// file (GB/T 39046-2020 table 9, the fields `yichuang ratings export` writes at a hall) for every
/// hall's synced ratings of a period, coded with each hall's own rating policy. Ratings the
/// exchange would reject are left out and named on stderr; the exit status is then 3.
struct CentralExchangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central-exchange",
        abstract: "向省级好差评平台交换数据：各大厅已同步的评价，按 GB/T 39046-2020 表9 字段导出",
        subcommands: [Ratings.self])

    struct Ratings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ratings",
            abstract: "导出期间内各大厅的评价（评价等级代码、渠道代码与行政区划代码取各大厅同步来的评价规则）",
            discussion: "不合交换要求的评价（大厅未设行政区划代码、缺办件编号等）不写入文件，逐条列在标准错误输出，退出码为 3。")
        @Option(help: "起始日期（含），如 2026-11-01；缺省为今天") var from: String?
        @Option(help: "截止日期（含）；缺省同起始日期") var to: String?
        @Option(help: "只导出这个大厅") var hall: String?
        @Flag(help: "输出 JSON（默认 CSV）") var json = false
        @Option(help: ArgumentHelp(OutputFile.help)) var out: String?

        func run() throws {
            let calendar = HallCalendar()
            var problems = 0
            try runReportingErrors {
                let today = calendar.dayKey(Date())
                let fromDay = try from.map { try ReportRange.day($0, option: "--from", calendar: calendar) } ?? today
                let toDay = try to.map { try ReportRange.day($0, option: "--to", calendar: calendar) } ?? fromDay
                guard fromDay <= toDay else { throw ValidationError("起始日期 \(fromDay) 晚于结束日期 \(toDay)") }
                let hall = self.hall
                let box = ExportBox()
                try withCentral { central in
                    _ = try await central.projectPending()
                    box.export = try await ExchangeRatings(central).export(fromDay: fromDay, toDay: toDay, hallId: hall)
                }
                guard let export = box.export else { return }
                let text = json ? RatingExport.json(export.rows) : RatingExport.csv(export.rows)
                if let out { try OutputFile.write(text, to: out) } else { print(text, terminator: "") }
                for p in export.problems { FileHandle.standardError.write(Data("未导出：\(sanitizedForTerminal(p))\n".utf8)) }
                FileHandle.standardError.write(Data("已导出 \(export.rows.count) 条评价（\(fromDay) 至 \(toDay)）\(export.problems.isEmpty ? "" : "，\(export.problems.count) 项未导出，见上")\n".utf8))
                problems = export.problems.count
            }
            if problems > 0 { throw ExitCode(3) }
        }
    }
}

/// Carries the export out of the async body of `withCentral`.
final class ExportBox: @unchecked Sendable { var export: ExchangeRatings.Export? }
