import ArgumentParser
import Foundation

struct ImportCatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "导入本省事项目录（CSV 或 JSON），逐行校验，全部无误才导入")
    @OptionGroup var options: StoreOptions
    @Argument(help: "文件") var file: String
    func run() throws {
        try runReportingErrors {
            throw ValidationError("尚未实现")
        }
    }
}
