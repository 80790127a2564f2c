import ArgumentParser
import Foundation
import HallCore
import HallStore

/// `yichuang import calendar 2027.json`: when the State Council publishes next year's notice, an
/// administrator imports it in holiday-cn format. The file is checked completely first (every
/// error listed with its entry and field) and nothing is imported unless it is clean.
struct ImportCalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "导入新发布年份的法定节假日安排（holiday-cn JSON 格式）")
    @OptionGroup var options: StoreOptions
    @Argument(help: "文件") var file: String
    func run() throws {
        try runReportingErrors {
            let data = try ImportBounds.read(file, limit: ImportBounds.calendarFileBytes)
            // Check the file before touching the store, so a bad file never needs a store at all.
            let parsed = try HolidayCNFile.parse(data)
            let (store, by) = try StaffCredentials.open(options, for: .importReference)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let result = try store.importCalendar(parsed.days, years: [parsed.year], source: "文件 \(name)", by: by)
            print("已导入 " + parsed.summaryLines().joined(separator: "\n"))
            print("共\(parsed.days.count)天：新增\(result.added)天，更新\(result.replaced)天，其余与已有数据相同")
        }
    }
}
