import ArgumentParser
import CentralServer
import Foundation
import HallCore
import HallStore

/// `yichuang central-publish`: run on the centre's machine by its administrator. Files are checked
/// completely with the same parsers a hall uses for `import` (a bad file publishes nothing), then
/// only what changed is logged for halls to pull.
struct CentralPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central-publish",
        abstract: "在中心发布参考数据（事项目录、节假日安排、大厅规则），各大厅下次同步时取得",
        subcommands: [PublishCatalog.self, PublishCalendar.self, PublishPolicy.self, PublishReview.self])

    struct PublishCatalog: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "catalog", abstract: "发布本省事项目录（CSV 或 JSON，格式同 import catalog）")
        @Argument(help: "目录文件") var file: String
        @Flag(help: "文件未列出的事项从目录撤下（默认保留）") var replace = false
        func run() throws {
            try runReportingErrors {
                let data = try readFile(file)
                let catalog: CatalogFile
                do {
                    catalog = try CatalogImport.parse(data, format: CatalogFormat(fileName: file), source: file)
                } catch let failure as CatalogIssues {
                    let lines = failure.issues.map { "  \($0.description)" }.joined(separator: "\n")
                    throw StoreError.invalidInput("目录文件有\(failure.issues.count)处问题，未发布任何内容：\n\(lines)")
                }
                let replace = self.replace
                try withCentral { central in
                    let s = try await ReferencePublisher(central).publishCatalog(catalog, replace: replace)
                    print("已发布事项目录：\(s.text)")
                }
            }
        }
    }

    struct PublishCalendar: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "calendar", abstract: "发布一年的法定节假日安排（holiday-cn JSON）")
        @Argument(help: "文件") var file: String
        func run() throws {
            try runReportingErrors {
                let parsed = try HolidayCNFile.parse(try readFile(file))
                let year = CalendarYear(year: parsed.year, days: parsed.days)
                try withCentral { central in
                    let s = try await ReferencePublisher(central).publishCalendar(year)
                    print(s.unchanged > 0 ? "\(year.year)年节假日安排与已发布的相同，未改动" : "已发布\(year.year)年节假日安排：\(year.days.count)天")
                }
            }
        }
    }

    struct PublishPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "policy", abstract: "为一个大厅发布叫号规则（queue）或评价规则（rating），JSON 文件")
        @Option(help: "大厅编号") var hall: String
        @Option(help: "queue 或 rating") var kind: String
        @Argument(help: "JSON 文件（QueuePolicy 或 RatingPolicy 的字段）") var file: String
        func run() throws {
            try runReportingErrors {
                let data = try readFile(file)
                let (hall, kind) = (self.hall, self.kind)
                switch kind {
                case "queue":
                    let p = try decodePolicy(QueuePolicy.self, data)
                    try withCentral { central in print("已发布叫号规则：\(try await ReferencePublisher(central).publishQueuePolicy(p, hallId: hall).text)") }
                case "rating":
                    let p = try decodePolicy(RatingPolicy.self, data)
                    try withCentral { central in print("已发布评价规则：\(try await ReferencePublisher(central).publishRatingPolicy(p, hallId: hall).text)") }
                default: throw StoreError.invalidInput("--kind 只能是 queue 或 rating")
                }
            }
        }

        func decodePolicy<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
            do { return try JSONDecoder().decode(type, from: data) } catch {
                throw StoreError.invalidInput("规则文件不是有效的规则 JSON：\(error.localizedDescription)")
            }
        }
    }
}

private func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else { throw StoreError.invalidInput("无法读取文件 \(path)") }
    return data
}

extension CentralPublishCommand {
    /// `central-publish review`: the centre's verdict on a hall's appeal against a bad rating.
    struct PublishReview: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "中心对大厅差评申诉的复核结论，下发到该大厅的整改任务")
        @Option(help: "大厅编号") var hall: String
        @Option(help: "整改任务编号") var task: String
        @Flag(help: "申诉成立（默认：申诉不成立，维持原评价）") var upheld = false
        @Option(help: "复核理由") var reason: String
        @Option(help: "复核人，如“市政务服务中心 9001”") var by: String = "中心"
        func run() throws {
            try runReportingErrors {
                let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty, reason.count <= 500 else { throw StoreError.invalidInput("复核理由应为1到500个字") }
                let decision = RectificationDecision(taskId: task, action: .review(upheld: upheld, reason: reason), decidedBy: by)
                let hall = self.hall
                try withCentral { central in
                    _ = try await ReferencePublisher(central).publishDecision(decision, hallId: hall)
                    print("已下发复核结论到大厅 \(hall)，大厅下次同步时生效")
                }
            }
        }
    }
}
