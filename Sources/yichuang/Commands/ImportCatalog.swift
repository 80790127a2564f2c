import ArgumentParser
import Foundation
import HallCore
import HallStore

/// `yichuang import catalog FILE`: the whole file is checked first; any problem is printed with its
/// line and field (all of them, so the clerk fixes the file once) and nothing is imported.
struct ImportCatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "导入本省事项目录（CSV 或 JSON），逐行校验，全部无误才导入",
        discussion: "CSV：首行为列名，每个事项的每项材料一行，列说明见 Sources/HallCore/Intake/CatalogImport/CatalogImport.swift（容缺材料可填“补交期限”，空则为5个工作日）；"
            + "用 Excel 编辑时请另存为“CSV UTF-8（逗号分隔）”。JSON：与内置目录 catalog.json 格式相同。"
            + "重新导入时，内容有变化的事项生成新版本，旧版本保留供在办件使用。"
            + "导入时新目录先分批写在现用目录旁（大厅照常叫号），全部写完后一次切换；中途中断则现用目录不变。")
    @OptionGroup var options: StoreOptions
    @Argument(help: "目录文件（.csv 或 .json）") var file: String
    @Flag(name: .long, help: "只校验，不导入") var check = false
    @Flag(name: .long, help: "以 JSON 输出导入结果") var json = false

    func run() throws {
        try runReportingErrors {
            let data = try ImportBounds.read(file, limit: CatalogImport.maxFileBytes)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let catalog: CatalogFile
            do {
                catalog = try CatalogImport.parse(data, format: CatalogFormat(fileName: file), source: name)
            } catch let failure as CatalogIssues {
                var out = "\(name) 有\(failure.issues.count)处问题，未导入任何内容：\n"
                for issue in failure.issues { out += "  \(issue.description)\n" }
                FileHandle.standardError.write(Data(out.utf8))
                throw ExitCode(1)
            }
            if check {
                print("\(name) 校验通过：\(catalog.matters.count)个事项，\(catalog.bundles.count)个一件事（未导入）")
                return
            }
            let (store, by) = try StaffCredentials.open(options, for: .importReference)
            let summary = try store.importCatalog(catalog.matters, bundles: catalog.bundles, source: name, by: by,
                                                  progress: ImportProgressLine(file: name).show)
            if json { printJSON(summary) } else { print("已导入 \(name)：\(summary.text)") }
        }
    }
}

/// Progress of a long import on standard error, a line per tenth (readable in a log as on a
/// terminal); a catalog that fits in one staging transaction prints none.
final class ImportProgressLine: @unchecked Sendable {
    let file: String
    private var shownTenth = -1

    init(file: String) { self.file = file }

    func show(_ p: CatalogImportProgress) {
        guard p.total > HallStore.stagingBatch else { return }
        switch p.phase {
        case .staging:
            let tenth = p.staged * 10 / max(p.total, 1)
            guard tenth != shownTenth else { return }
            shownTenth = tenth
            FileHandle.standardError.write(Data("\(file)：已暂存 \(p.staged)/\(p.total) 个事项（\(tenth * 10)%），现用目录照常使用\n".utf8))
        case .switching:
            FileHandle.standardError.write(Data("\(file)：全部校验并暂存完毕，正在切换到新目录…\n".utf8))
        }
    }
}
