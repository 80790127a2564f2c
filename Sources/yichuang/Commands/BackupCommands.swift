import ArgumentParser
import Foundation
import HallCore
import HallStore

/// `yichuang backup`: a consistent copy while the hall runs, checked like `doctor` before it
/// counts; with `--dir`, named by time and rotated (yichuang-backup.timer runs it nightly).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "在线备份数据库（大厅营业中也可运行），写完后检查备份",
        discussion: "--out 写到指定文件（不覆盖已有文件）；--dir 在目录中写 hall-<日期>-<时间>.sqlite，检查通过后只保留最新 --keep 份。"
            + "检查：SQLite 完整性、审计日志哈希链、数据库结构、由原始记录重算的统计和状态（同 yichuang doctor）。")
    @OptionGroup var options: StoreOptions
    @Option(help: "备份文件") var out: String?
    @Option(help: "备份目录（如第二块硬盘或 U 盘）") var dir: String?
    @Option(help: "与 --dir 同用：保留最新几份（1–1000，默认 14）") var keep: Int = 14

    /// `hall-yyyyMMdd-HHmmss.sqlite`: the only names rotation may delete.
    static func isRotatedName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard u.count == 27, name.hasPrefix("hall-"), name.hasSuffix(".sqlite"), u[13] == UInt8(ascii: "-") else { return false }
        return (u[5..<13] + u[14..<20]).allSatisfy { (48...57).contains($0) }
    }

    func run() throws {
        try runReportingErrors {
            guard (out == nil) != (dir == nil) else { throw StoreError.invalidInput("请给出 --out 备份文件 或 --dir 备份目录（二选一）") }
            guard (1...1000).contains(keep) else { throw StoreError.invalidInput("--keep 应为 1–1000 的整数") }
            let (store, _) = try options.open(readOnly: true)
            let target = out ?? (dir! as NSString).appendingPathComponent("hall-\(StoreBackup.stamp(Date())).sqlite")
            try store.backup(to: target)
            let report = try StoreBackup.check(target)
            guard report.passed else {
                // A copy that fails its checks must not take the place of a good one in the rotation.
                let bad = target + ".未通过检查"
                _ = rename(target, bad)
                throw StoreError.invalidInput("备份已写出但检查未通过，已改名为 \(bad)，旧备份未删除："
                    + report.problems.joined(separator: "；") + "。请运行 yichuang doctor 检查数据库")
            }
            printSafe("已备份到 \(target)（\(report.summary)）：完整性、审计哈希链、结构和账目检查均通过")
            if let dir { try rotate(dir) }
        }
    }

    /// Deletes the oldest rotated copies beyond `keep`; other files in the folder are not ours.
    private func rotate(_ dir: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter(Self.isRotatedName).sorted()
        for old in names.dropLast(keep) {
            let path = (dir as NSString).appendingPathComponent(old)
            if unlink(path) == 0 { print("已删除旧备份 \(path)") } else {
                FileHandle.standardError.write(Data("警告：无法删除旧备份 \(path)：\(String(cString: strerror(errno)))\n".utf8))
            }
        }
    }
}

/// `yichuang restore FILE`: the store replaced by a checked backup, with an account of what that
/// takes away.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "用备份恢复数据库（先检查备份，并先另存当前数据库）",
        discussion: "恢复会丢掉备份之后本节点上的操作（号票、受理、评价……）；已同步到中心的仍在中心。恢复后 yichuang sync 从中心已确认的位置继续，不会重复上传。")
    @OptionGroup var options: StoreOptions
    @Argument(help: "备份文件（yichuang backup 写出的）") var file: String

    func run() throws {
        try runReportingErrors {
            let config = try options.config()
            // Restoring replaces the whole hall: an admin of the hall being replaced says so. With no
            // store left to ask (the disk lost it), only the file permissions guard the folder. A
            // backup that fails its check is refused by `restore` below before the store is even
            // opened (opening it would checkpoint its WAL), so the PIN is asked only for a good one.
            if FileManager.default.fileExists(atPath: config.storePath), try StoreBackup.check(file).passed {
                // In a function of its own so the store is closed again before its file is replaced.
                func authorise() throws { _ = try StaffCredentials.attribution(try HallStore(path: config.storePath), config, for: .restoreStore) }
                try authorise()
            }
            let outcome = try StoreBackup.restore(from: file, to: config.storePath)
            printSafe("已用备份 \(file) 恢复数据库 \(config.storePath)")
            printSafe("备份内容：\(outcome.backup.summary)")
            if let saved = outcome.savedCurrent {
                printSafe("恢复前的数据库已另存为 \(saved)")
                print(outcome.lostAuditEntries == 0
                      ? "恢复前的数据库中没有晚于备份的操作，未丢失记录"
                      : "恢复前的数据库中有 \(outcome.lostAuditEntries) 条审计记录晚于备份：这些操作在本节点上已不存在（已同步到中心的仍在中心；另存的文件中仍可查到）")
            }
            if outcome.restored.passed {
                print("恢复后的数据库检查通过（完整性、审计哈希链、结构和账目）")
            } else {
                printSafe("警告：恢复后的数据库检查未通过：" + outcome.restored.problems.joined(separator: "；"))
                throw ExitCode(3)
            }
            print("如本节点与中心同步：运行 yichuang sync，未确认的操作会接着上传，中心已有的不会重复")
        }
    }
}
