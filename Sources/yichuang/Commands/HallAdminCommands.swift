import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore
import Printing

/// `yichuang service|windows|staff …`: hall administration (issue 13). Every change takes the
/// 工号 and PIN of a member of staff whose role may make it (docs/roles.md) and is audited with
/// its old and new value; running front ends see it through their change watcher.
struct AdminAction: ParsableArguments {
    @OptionGroup var store: StoreOptions

    /// Opens the store, authenticates for `permission`, runs the change, prints what it says.
    func run(_ permission: Permission, _ body: (HallStore, Attribution) throws -> String) throws {
        try runReportingErrors {
            let (s, config) = try store.open()
            let by = try StaffCredentials.attribution(s, config, for: permission)
            printSafe(try body(s, by))
        }
    }
}

/// "12:00" today in the hall's time zone.
func timeToday(_ text: String, _ store: HallStore) throws -> Date {
    guard let m = ClockTime.parse(text) else { throw StoreError.invalidInput("时间“\(text.prefix(10))”不对，应为 时:分，如 12:00") }
    let hall = try store.hall()
    return hall.calendar.startOfDay(store.currentTime()).addingTimeInterval(TimeInterval(m * 60))
}

func disposition(_ text: String) throws -> TicketDisposition {
    if text == "front" || text == "队首" { return .queueFront }
    if text.hasPrefix("window:"), let n = Int(text.dropFirst(7)) { return .window(n) }
    throw StoreError.invalidInput("去向“\(text.prefix(20))”不对：front（回到队首）或 window:N（转到 N 号窗口）")
}

// MARK: service

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "service", abstract: "业务类别管理（系统管理员；暂停/恢复为大厅管理）",
        subcommands: [List.self, Add.self, Set.self, Hours.self, Suspend.self, Resume.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出业务类别")
        @OptionGroup var options: StoreOptions
        func run() throws {
            try runReportingErrors {
                let (store, _) = try options.open(readOnly: true)
                for s in try store.serviceSetups() {
                    let hours = "\(s.openMinute.map(ClockTime.format) ?? "不限")–\(s.cutoffMinute.map(ClockTime.format) ?? "不限")"
                    printSafe("\(s.service.code) 前缀\(s.service.prefix) \(s.service.name)：目标等候\(s.service.targetWaitMinutes)分钟，最多\(s.service.maxQueue)人，预警\(s.service.warnQueue)人，取号\(hours)\(s.suspendedToday ? "，今日暂停" : "")")
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新增业务类别")
        @OptionGroup var action: AdminAction
        @Option(help: "业务代码") var code: String
        @Option(help: "号票前缀（一个字母）") var prefix: String
        @Option(help: "名称") var name: String
        @Option(help: "目标等候（分钟）") var targetWait = 20
        @Option(help: "最大排队人数") var maxQueue = 100
        @Option(help: "预警人数") var warn = 15
        func run() throws {
            try action.run(.manageServices) { store, by in
                let s = try store.addService(code: code, prefix: prefix, name: name, targetWaitMinutes: targetWait, maxQueue: maxQueue, warnQueue: warn, by: by)
                return "已新增业务 \(s.prefix) \(s.name)"
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "修改业务：名称、前缀、目标等候、最大排队、预警人数")
        @OptionGroup var action: AdminAction
        @Argument(help: "业务代码、前缀或名称") var service: String
        @Argument(help: "name | prefix | target-wait | max-queue | warn") var key: String
        @Argument(help: "新值") var value: String
        func run() throws {
            try action.run(.manageServices) { store, by in
                func int() throws -> Int {
                    guard let n = Int(value) else { throw StoreError.invalidInput("\(key) 应为整数") }
                    return n
                }
                let edit: ServiceEdit
                switch key {
                case "name": edit = .name(value)
                case "prefix": edit = .prefix(value)
                case "target-wait": edit = .targetWait(minutes: try int())
                case "max-queue": edit = .maxQueue(try int())
                case "warn": edit = .warnQueue(try int())
                default: throw StoreError.invalidInput("未知的项 \(key)：可用 name、prefix、target-wait、max-queue、warn")
                }
                try store.editService(service, edit, by: by)
                return "已修改业务 \(service) 的 \(key)"
            }
        }
    }

    struct Hours: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设置取号开始和截止时间（超过截止时间取号台拒绝并说明）")
        @OptionGroup var action: AdminAction
        @Argument(help: "业务代码、前缀或名称") var service: String
        @Option(help: "开始取号，如 08:30；none 为不限") var open: String = "none"
        @Option(help: "取号截止，如 16:30；none 为不限") var cutoff: String = "none"
        func run() throws {
            try action.run(.manageServices) { store, by in
                func minute(_ t: String) throws -> Int? {
                    if t == "none" { return nil }
                    guard let m = ClockTime.parse(t) else { throw StoreError.invalidInput("时间“\(t.prefix(10))”不对，应为 时:分，如 16:30") }
                    return m
                }
                try store.editService(service, .hours(open: try minute(open), cutoff: try minute(cutoff)), by: by)
                return "已设置 \(service) 取号时间 \(open)–\(cutoff)"
            }
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "今日暂停办理该业务（次日自动恢复）")
        @OptionGroup var action: AdminAction
        @Argument(help: "业务代码、前缀或名称") var service: String
        func run() throws {
            try action.run(.liveControl) { store, by in
                try store.suspendServiceToday(service, true, by: by)
                return "已暂停 \(service) 今日取号"
            }
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "恢复今日暂停的业务")
        @OptionGroup var action: AdminAction
        @Argument(help: "业务代码、前缀或名称") var service: String
        func run() throws {
            try action.run(.liveControl) { store, by in
                try store.suspendServiceToday(service, false, by: by)
                return "已恢复 \(service) 取号"
            }
        }
    }
}

// MARK: windows

/// `windows`, not `window`: `yichuang window` is the window console itself.
struct WindowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "windows", abstract: "窗口管理与现场调度（新增、改名、业务为系统管理员；其余为大厅管理）",
        subcommands: [List.self, Add.self, Rename.self, Services.self, Open.self, Close.self, Temporary.self, SignOut.self, Recover.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出窗口")
        @OptionGroup var options: StoreOptions
        func run() throws {
            try runReportingErrors {
                let (store, _) = try options.open(readOnly: true)
                let cal = try store.hall().calendar
                for w in try store.windowSetups() {
                    let temp = w.isTemporary ? "，临时窗口" + (w.temporaryUntil.map { "至" + cal.timeOfDay($0) } ?? "") : ""
                    printSafe("\(w.number) \(w.name)：\(w.isOpen ? "开放" : "关闭")\(temp)，业务 \(w.serviceCodes.joined(separator: ","))")
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新增窗口")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        @Option(help: "名称") var name: String?
        @Option(help: "办理的业务，按叫号顺序，逗号分隔，如 A,B") var services: String
        func run() throws {
            try action.run(.manageWindows) { store, by in
                try store.addWindow(number: number, name: name ?? "\(number)号窗口", services: services.split(separator: ",").map(String.init), by: by)
                return "已新增 \(number) 号窗口"
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "窗口改名")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        @Option(help: "新名称") var name: String
        func run() throws {
            try action.run(.manageWindows) { store, by in
                try store.renameWindow(number, to: name, by: by)
                return "\(number) 号窗口已改名为 \(name)"
            }
        }
    }

    struct Services: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设置窗口办理的业务及叫号顺序")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        @Option(help: "业务，按叫号顺序，逗号分隔，如 B,A") var services: String
        func run() throws {
            try action.run(.manageWindows) { store, by in
                try store.setWindowServices(number, services: services.split(separator: ",").map(String.init), by: by)
                return "\(number) 号窗口办理业务：\(services)"
            }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开放窗口")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        func run() throws {
            try action.run(.liveControl) { store, by in
                try store.setWindowOpen(number, true, by: by)
                return "\(number) 号窗口已开放"
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "关闭窗口（须先退出）")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        func run() throws {
            try action.run(.liveControl) { store, by in
                try store.setWindowOpen(number, false, by: by)
                return "\(number) 号窗口已关闭"
            }
        }
    }

    struct Temporary: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "临时增加窗口：为选定业务开设，到指定时间或关闭为止")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号（新的号）") var number: Int
        @Option(help: "业务，逗号分隔，如 A") var services: String
        @Option(help: "开放到今天几点，如 12:00（不给则到关闭为止）") var until: String?
        func run() throws {
            try action.run(.liveControl) { store, by in
                let end = try until.map { try timeToday($0, store) }
                try store.openTemporaryWindow(number: number, services: services.split(separator: ",").map(String.init), until: end, by: by)
                return "已开设 \(number) 号临时窗口（\(services)）" + (until.map { "，至 \($0)" } ?? "，至关闭")
            }
        }
    }

    struct SignOut: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign-out", abstract: "强制退出窗口（终端失灵时），并安排其在办和挂起的号")
        @OptionGroup var action: AdminAction
        @Option(help: "窗口号") var number: Int
        @Option(help: "在办的号：front（回到队首）或 window:N") var serving = "front"
        @Option(help: "挂起的号：front（回到队首）或 window:N") var held = "front"
        func run() throws {
            try action.run(.liveControl) { store, by in
                let r = try store.forceSignOut(window: number, serving: try disposition(serving), held: try disposition(held), by: by)
                let moved = r.moved.isEmpty ? "" : "；\(r.moved.map(\.number).joined(separator: "、")) 已重新排队"
                return "\(number) 号窗口已强制退出（原登录：\(r.clerkName)）\(moved)"
            }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "回收挂起的号：回到队首或转到其他窗口")
        @OptionGroup var action: AdminAction
        @Option(help: "挂起的号码，如 A005") var ticket: String
        @Option(help: "front（回到队首）或 window:N") var to = "front"
        func run() throws {
            try action.run(.liveControl) { store, by in
                let t = try store.recoverHeld(ticket, to: try disposition(to), by: by)
                return "\(t.number) 已\(try disposition(to).label)"
            }
        }
    }
}

// MARK: staff

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "工作人员管理（系统管理员；调岗为大厅管理；改密码为本人）",
        subcommands: [List.self, Add.self, Disable.self, Enable.self, Role.self, Windows.self, ResetPIN.self, Unlock.self, ChangePIN.self, Move.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出工作人员（不含密码）")
        @OptionGroup var action: AdminAction
        func run() throws {
            try action.run(.manageStaff) { store, _ in
                try store.staffSetups().map { s in
                    let flags = [s.active ? nil : "已停用", s.mustChangePIN ? "须改密码" : nil,
                                 (s.lockedUntil.map { $0 > store.currentTime() } ?? false) ? "已锁定" : nil].compactMap { $0 }
                    let windows = s.windows.isEmpty ? "任意窗口" : s.windows.map(String.init).joined(separator: ",") + "号窗口"
                    return "\(s.clerk.number) \(s.clerk.name) \(s.clerk.role.label) \(windows)" + (flags.isEmpty ? "" : "（\(flags.joined(separator: "，"))）")
                }.joined(separator: "\n")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新增工作人员（打印一次性密码，首次登录前须修改）")
        @OptionGroup var action: AdminAction
        @Option(help: "工号") var number: String
        @Option(help: "姓名") var name: String
        @Option(help: "角色：clerk、guide、supervisor、admin") var role: String = "clerk"
        func run() throws {
            try action.run(.manageStaff) { store, by in
                guard let r = ClerkRole(rawValue: role) else { throw StoreError.invalidInput("角色“\(role.prefix(20))”不对：clerk、guide、supervisor 或 admin") }
                var pin: String
                repeat { pin = String(format: "%06d", Int.random(in: 0...999_999)) } while Swift.Set(pin).count == 1
                let c = try store.addStaff(number: number, name: name, role: r, pin: pin, by: by)
                return "已新增 \(c.number) \(c.name)（\(r.label)），一次性密码：\(pin)（首次登录前须修改）"
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用工号（不删除，记录保留工号）")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        func run() throws {
            try action.run(.manageStaff) { store, by in try store.setStaffActive(number, false, by: by); return "工号 \(number) 已停用" }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新启用工号")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        func run() throws {
            try action.run(.manageStaff) { store, by in try store.setStaffActive(number, true, by: by); return "工号 \(number) 已启用" }
        }
    }

    struct Role: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "修改角色")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        @Argument(help: "clerk、guide、supervisor 或 admin") var role: String
        func run() throws {
            try action.run(.manageStaff) { store, by in
                guard let r = ClerkRole(rawValue: role) else { throw StoreError.invalidInput("角色“\(role.prefix(20))”不对：clerk、guide、supervisor 或 admin") }
                try store.setStaffRole(number, r, by: by)
                return "工号 \(number) 的角色已改为\(r.label)"
            }
        }
    }

    struct Windows: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设置可登录的窗口（any 为任意窗口）")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        @Argument(help: "窗口号，逗号分隔，如 1,2；any 为任意窗口") var windows: String
        func run() throws {
            try action.run(.manageStaff) { store, by in
                let list = windows == "any" ? [] : try windows.split(separator: ",").map { s -> Int in
                    guard let n = Int(s) else { throw StoreError.invalidInput("窗口号“\(s.prefix(10))”不对") }
                    return n
                }
                try store.setStaffWindows(number, list, by: by)
                return "工号 \(number) 可登录：\(list.isEmpty ? "任意窗口" : windows + "号窗口")"
            }
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-pin", abstract: "重置密码为一次性密码（下次登录前须修改），同时解除锁定")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        func run() throws {
            try action.run(.manageStaff) { store, by in
                let pin = try store.resetPIN(number, by: by)
                return "工号 \(number) 的一次性密码：\(pin)（登录前须修改：yichuang staff change-pin）"
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "解除密码错误锁定")
        @OptionGroup var action: AdminAction
        @Argument(help: "工号") var number: String
        func run() throws {
            try action.run(.manageStaff) { store, by in try store.unlockStaff(number, by: by); return "工号 \(number) 已解除锁定" }
        }
    }

    struct ChangePIN: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "change-pin",
            abstract: "修改本人密码：YICHUANG_STAFF、YICHUANG_PIN（当前密码）、YICHUANG_NEW_PIN，或标准输入依次输入工号、当前密码、新密码")
        @OptionGroup var options: StoreOptions
        func run() throws {
            try runReportingErrors {
                let (store, config) = try options.open()
                let (staff, current) = try StaffCredentials.read()
                guard let new = ProcessInfo.processInfo.environment["YICHUANG_NEW_PIN"] ?? StaffCredentials.nextStdinLine(), !new.isEmpty else {
                    throw StoreError.invalidInput("没有读到新密码：请设置 YICHUANG_NEW_PIN，或在标准输入第三行输入")
                }
                try store.changeOwnPIN(staff: staff, current: current, new: new, terminal: "cli:" + config.terminal)
                print("工号 \(staff) 的密码已修改")
            }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "调岗：把在一个窗口登录的工作人员调到另一窗口（连同挂起的号）")
        @OptionGroup var action: AdminAction
        @Option(help: "原窗口号") var from: Int
        @Option(help: "目标窗口号") var to: Int
        func run() throws {
            try action.run(.liveControl) { store, by in try store.moveClerk(from: from, to: to, by: by); return "已从 \(from) 号窗口调到 \(to) 号窗口" }
        }
    }
}

// MARK: close-day

struct CloseDayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close-day",
        abstract: "日结：未叫号的号按放弃关闭、挂起的号关闭、所有窗口退出，保存当日统计（大厅管理；可由 cron 运行）")
    @OptionGroup var options: StoreOptions
    @Option(help: "只导出已日结的某天的统计，如 2026-11-27（不日结）") var day: String?
    @Option(help: ArgumentHelp(OutputFile.help)) var out: String?
    @Flag(help: "输出 JSON") var json = false
    @Option(help: "把日结汇总表写成 A4 PDF 文件") var pdf: String?
    @Flag(help: "把日结汇总表送到打印机（yichuang.toml [printers] 的 daySummary、notice 或 default；未设置时写入 spool 目录）")
    var print = false
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let summary: DaySummary
            if let day {
                _ = try StaffCredentials.attribution(store, config, for: .readReports)
                guard let s = try store.daySummary(day) else { throw StoreError.invalidInput("\(day.prefix(20)) 没有日结记录") }
                summary = s
            } else {
                summary = try store.closeDay(by: try StaffCredentials.attribution(store, config, for: .closeDay))
            }
            if json { printJSON(summary) } else if out == nil {
                printSafe("\(summary.day) 已日结：未叫号关闭 \(summary.abandoned) 张，挂起关闭 \(summary.heldClosed) 张，办理中关闭 \(summary.servingClosed) 张，\(summary.windowsSignedOut) 个窗口已退出")
                for s in summary.services {
                    printSafe("\(s.code) \(s.name)：取号 \(s.issued)，叫号 \(s.calls)，办结 \(s.finished)，过号 \(s.noShows)，未叫号 \(s.abandoned)")
                }
                if let h = summary.auditHead { Swift.print("审计日志末条：第 \(h.seq) 条，哈希 \(h.hash)") }
            }
            if let out {
                let (header, rows) = summary.csvRows
                try OutputFile.write(sanitizedForTerminal(CSVWriter.document(header: header, rows: rows)), to: out)
                Swift.print("已导出 \(out)")
            }
            if pdf != nil || print {
                let hall = try store.hall()
                let document = summary.document(hallName: hall.name, calendar: hall.calendar)
                if let pdf {
                    let rendered = try DocumentPrinter().render(document, for: .a4)
                    try OutputFile.write(bytes: Array(rendered.data), to: pdf)
                    for w in rendered.warnings { FileHandle.standardError.write(Data("警告：\(w)\n".utf8)) }
                    Swift.print("已写出日结汇总表 \(pdf)")
                }
                if print {
                    let routes = try PrinterRoutes(spoolDirectory: config.home.appendingPathComponent("spool").path, settings: config.printers)
                    let result = DocumentPrinter().print(document, to: routes.spec(for: .daySummary))
                    printSafe("日结汇总表：\(result.message)")
                    if result.outcome.status == .failed { throw ExitCode(4) }
                }
            }
        }
    }
}
