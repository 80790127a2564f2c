import ArgumentParser

/// `yichuang import calendar FILE`, `yichuang import catalog FILE`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "导入数据：工作日历、事项目录",
                                                    subcommands: [ImportCalendarCommand.self, ImportCatalogCommand.self])
}
