import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

/// `yichuang hall export|apply`: the hall's setup as one JSON file, both ways (issue 13). Both
/// take a system administrator's 工号 and PIN: the file names every member of staff.
struct HallConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hall", abstract: "大厅配置文件：导出、检查差异并整体应用（系统管理员）",
        subcommands: [Export.self, Apply.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "把业务、窗口、工作人员（不含密码）、规则和打印机输出为一个 JSON 文件（键与 init --setup 相同）")
        @OptionGroup var options: StoreOptions
        @Option(help: ArgumentHelp(OutputFile.help)) var out: String?
        func run() throws {
            try runReportingErrors {
                let (store, config) = try options.open()
                _ = try StaffCredentials.attribution(store, config, for: .manageStaff)
                var file = try store.exportConfiguration()
                file.printers = config.printers.isEmpty ? nil : config.printers
                let text = try HallConfigFile.encode(file)
                if let out { try OutputFile.write(text, to: out); print("已导出 \(out)") } else { print(text, terminator: "") }
            }
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "检查整个文件，列出与本大厅的差异，并在一个事务中全部应用（有任何错误则什么都不改）")
        @OptionGroup var options: StoreOptions
        @Argument(help: "大厅配置文件（yichuang hall export 的格式）") var file: String
        @Flag(name: .customLong("dry-run"), help: "只检查并列出差异，不修改") var dryRun = false
        func run() throws {
            try runReportingErrors {
                let wanted = try HallConfigFile.read(file)
                let (store, config) = try options.open()
                let by = try StaffCredentials.attribution(store, config, for: .changeRules)
                let changes = dryRun ? try store.configurationChanges(wanted) : try store.applyConfiguration(wanted, by: by).changes
                for c in changes { printSafe("  · " + c.text) }
                if let printers = wanted.printers, printers != config.printers {
                    printSafe("注意：打印机设置保存在各终端的 yichuang.toml 的 [printers] 中，hall apply 不修改；文件中的设置未应用")
                }
                if changes.isEmpty { return print("与本大厅一致，没有需要修改的") }
                if dryRun { return print("试运行：共 \(changes.count) 项差异，没有做任何修改（去掉 --dry-run 即应用）") }
                print("已应用 \(changes.count) 项修改（已记入审计日志并待同步到中心）")
            }
        }
    }
}

/// Reading and writing the file; a file that does not decode is told in Chinese with the place.
enum HallConfigFile {
    static func encode(_ c: HallConfiguration) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try e.encode(c), as: UTF8.self) + "\n"
    }

    static func read(_ path: String) throws -> HallConfiguration {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw HallConfigError.unreadable(file: path, reason: "文件不存在或无权读取")
        }
        do { return try JSONDecoder().decode(HallConfiguration.self, from: data) } catch let error as DecodingError {
            throw HallConfigError.unreadable(file: path, reason: describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            let p = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "文件" : String(p.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "\(place(ctx.codingPath + [key])) 缺少"
        case .typeMismatch(_, let ctx): return "\(place(ctx.codingPath)) 的类型不对"
        case .valueNotFound(_, let ctx): return "\(place(ctx.codingPath)) 没有值"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "不是有效的 JSON" : "\(place(ctx.codingPath)) 的值无效（如角色应为 clerk、guide、supervisor 或 admin）"
        @unknown default: return "格式不对"
        }
    }
}
