import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "用 JSON 描述文件创建大厅（业务、窗口、工作人员）")
    @OptionGroup var options: StoreOptions
    @Option(help: "大厅描述文件（格式同 Resources/data/demo-hall.json，或 yichuang hall export 导出的文件：没有密码的工号得到一次性密码）") var setup: String
    func run() throws {
        try runReportingErrors {
            let config = try options.config()
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: setup)) } catch { throw StoreError.invalidInput("无法读取 \(setup)：\(error.localizedDescription)") }
            let spec: HallSetup
            // The decoder's own text is English and names Swift's coding keys: say it in Chinese, with the place.
            do { spec = try JSONDecoder().decode(HallSetup.self, from: data) } catch let error as DecodingError {
                throw StoreError.invalidInput("\(setup) 不是有效的大厅描述：\(HallConfigFile.describe(error))")
            }
            let store = try HallStore(path: config.storePath)
            let pins = try HallInstaller.install(spec, in: store, by: cliAttribution(config))
            print("已创建大厅“\(spec.name)”：\(config.storePath)")
            // A file without PINs (what `hall export` writes): each 工号's one-time PIN, shown this once.
            for c in spec.clerks { if let pin = pins[c.number] { printSafe("工号 \(c.number) \(c.name) 的一次性密码：\(pin)（只显示这一次，请当面告知；首次登录时须修改）") } }
            if !(spec.printers ?? [:]).isEmpty {
                print("注意：文件中的打印机设置没有保存：打印机在各终端 yichuang.toml 的 [printers] 中设置")
            }
        }
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "查看或修改大厅叫号规则和好差评设置（修改须系统管理员工号和密码：YICHUANG_STAFF、YICHUANG_PIN 或标准输入）",
        discussion: "键：recall_limit（重呼次数）、no_show（drop | back | after:N，N 为 1–50）、no_show_wait（过号顺延时无人可叫的等待分钟数，1–120）、green_age（绿色通道年龄）、keep_overnight（true/false）、pin_attempts、pin_lock_minutes；\n好差评：" + RatingPolicy.configKeys.map { "\($0.key)（\($0.about)）" }.joined(separator: "、"))
    @OptionGroup var options: StoreOptions
    @Argument(help: "要修改的键") var key: String?
    @Argument(help: "新值") var value: String?
    @Flag(help: "只显示读取哪些配置文件（按顺序）、数据目录和数据库在哪里") var paths = false
    func run() throws {
        try runReportingErrors {
            if paths { return printSafe(ConfigPaths.describe(try options.config())) }
            let (store, config) = try options.open()
            var p = try store.hall().policy
            var rating = try store.ratingPolicy()
            // A missing value is named before any PIN is asked for.
            if let key, value == nil {
                throw StoreError.invalidInput(RatingPolicy.isConfigKey(key) ? "请给出 \(key) 的新值" : "请给出 \(key) 的新值，如 yichuang config \(key) 2")
            }
            // Reading the rules is open; changing one takes an admin's 工号 and PIN (issue 13).
            let by = key == nil ? nil : try StaffCredentials.attribution(store, config, for: .changeRules)
            if let key, let by, RatingPolicy.isConfigKey(key) {
                guard let value else { throw StoreError.invalidInput("请给出 \(key) 的新值") }
                do { try rating.set(key, to: value) } catch { throw StoreError.invalidInput(error.localizedDescription) }
                try store.updateRatingPolicy(rating, by: by)
            } else if let key, let by {
                guard let value else { throw StoreError.invalidInput("请给出 \(key) 的新值，如 yichuang config \(key) 2") }
                func int(_ range: ClosedRange<Int>) throws -> Int {
                    guard let n = Int(value), range.contains(n) else { throw StoreError.invalidInput("\(key) 应为 \(range.lowerBound)–\(range.upperBound) 的整数") }
                    return n
                }
                switch key {
                case "recall_limit": p.recallLimit = try int(0...10)
                case "no_show":
                    guard let m = NoShowRequeue(configValue: value) else { throw StoreError.invalidInput("no_show 的值“\(value.prefix(30))”不对：" + NoShowRequeue.configHelp) }
                    p.noShowRequeue = m
                case "no_show_wait": p.noShowWaitMinutes = try int(QueuePolicy.noShowWaitRange)
                case "green_age": p.greenChannelAge = try int(50...120)
                case "keep_overnight":
                    guard let b = Bool(value) else { throw StoreError.invalidInput("keep_overnight 应为 true 或 false") }
                    p.keepQueueOvernight = b
                case "pin_attempts": p.pinMaxAttempts = try int(1...20)
                case "pin_lock_minutes": p.pinLockMinutes = try int(1...1440)
                default: throw StoreError.invalidInput("未知的键 \(key)；可用的键见 yichuang config --help")
                }
                try store.updatePolicy(p, by: by)
            }
            print("recall_limit = \(p.recallLimit)\nno_show = \(p.noShowRequeue.configValue)\nno_show_wait = \(p.noShowWaitMinutes)\ngreen_age = \(p.greenChannelAge)\nkeep_overnight = \(p.keepQueueOvernight)\npin_attempts = \(p.pinMaxAttempts)\npin_lock_minutes = \(p.pinLockMinutes)")
            // The rating rules, each with what it means (they differ by province).
            let about = Dictionary(uniqueKeysWithValues: RatingPolicy.configKeys.map { ($0.key, $0.about) })
            for (k, v) in rating.configValues { printSafe("\(k) = \(v)    # \(about[k] ?? "")") }
        }
    }
}

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "检查数据库完整性、审计日志哈希链、数据库结构，并由原始记录重算统计和状态后对照")
    @OptionGroup var options: StoreOptions
    func run() throws {
        try runReportingErrors {
            let (store, _) = try options.open(readOnly: true)
            let v = try store.verify()
            print("数据库完整性：\(v.integrity)")
            print("审计日志：\(v.audit.entries) 条，" + (v.audit.isIntact ? "哈希链完整" : "哈希链在第 \(v.audit.firstBrokenSeq!) 条断开：记录被改动过"))
            print("待同步操作：\(v.pendingOutbox) 条")
            // Derived figures and states recomputed from the facts, the schema against the expected one.
            let checks = try store.ledgerChecks()
            for c in checks {
                if let bad = c.firstBad {
                    printSafe("\(c.name)：不符（查了 \(c.checked) 条）。第一处：\(bad)")
                } else {
                    print("\(c.name)：一致（\(c.checked) 条）")
                }
            }
            if v.integrity != "ok" || !v.audit.isIntact || checks.contains(where: { !$0.passed }) { throw ExitCode(3) }
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "按日期范围导出排队统计：合计、按业务、窗口、工作人员、时段（CSV 或 JSON）")
    @OptionGroup var options: StoreOptions
    @Option(help: "起始日期，如 2026-11-01 或 2026-11-1（默认今天）") var from: String?
    @Option(help: "结束日期（含，默认同起始日期）") var to: String?
    @Option(help: ArgumentHelp(OutputFile.help)) var out: String?
    @Flag(help: ArgumentHelp("改革指标（按期间内开始受理的办件计算）：", discussion: ReformFigures.explanation.joined(separator: "\n")))
    var reform = false
    @Option(help: "只计某个窗口的办件（与 --reform 同用）") var window: Int?
    @Option(help: "改革指标分组：matter（事项）、window（窗口）、clerk（工作人员）、day（日）、month（月）（与 --reform 同用）")
    var by: String?
    @Flag(help: "输出 JSON（同样的数字：次数、秒、比例；与 --reform 同用时为改革指标）") var json = false
    func run() throws {
        try runReportingErrors {
            // Per-clerk figures are personal data: a supervisor's or admin's 工号 and PIN (issue 13).
            let (store, _) = try StaffCredentials.open(options, for: .readReports)
            let range = try ReportRange(from: from, to: to, store: store)
            if reform {
                let today = try store.hall().calendar.dayKey(store.currentTime())
                let f = try store.reformFigures(fromDay: range.fromDay, toDay: range.toDay, window: window, today: today)
                let groups = try by.map { name -> (ReformFigures.Dimension, [(key: String, figures: ReformFigures)]) in
                    guard let dimension = ReformFigures.Dimension(rawValue: name) else {
                        throw ValidationError("--by 只能是 " + ReformFigures.Dimension.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、") + "，现为“\(name)”")
                    }
                    return (dimension, try store.reformFigures(fromDay: range.fromDay, toDay: range.toDay, window: window, today: today, by: dimension))
                }
                // Matter and clerk names come from the store: no escape sequence may reach a terminal.
                print(sanitizedForTerminal(ReformReport.text(f, range: range, window: window, json: json, groups: groups)))
                return
            }
            if by != nil { throw ValidationError("--by 只用于改革指标：请同时给出 --reform") }
            let make = json ? QueueReportCSV.json : QueueReportCSV.make
            // Names come from the store: no escape sequence in one may reach a terminal or a file.
            let csv = sanitizedForTerminal(try make(store, range.fromDay, range.toDay))
            if let out {
                try OutputFile.write(csv, to: out)
                print("已导出 \(out)")
            } else {
                print(csv, terminator: "")   // sanitized above
            }
        }
    }
}
