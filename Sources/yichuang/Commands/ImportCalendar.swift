import ArgumentParser
import Foundation

struct ImportCalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "导入新发布年份的法定节假日安排（holiday-cn JSON 格式）")
    @OptionGroup var options: StoreOptions
    @Argument(help: "文件") var file: String
    func run() throws {
        try runReportingErrors {
            throw ValidationError("尚未实现")
        }
    }
}
