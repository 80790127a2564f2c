import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

/// What `--json` prints for a ticket: ids for machines, numbers and names for people.
struct TicketJSON: Encodable {
    let id: String; let number: String; let service: String; let priority: String; let status: String
    let issuedAt: Date; let window: Int?; let peopleAhead: Int?
    /// Whole seconds; absent when no open window serves the ticket or the day has no service time yet.
    let estimatedWaitSeconds: Int?
    init(_ t: Ticket, serviceName: String, peopleAhead: Int? = nil, estimatedWaitSeconds: Double? = nil) {
        id = t.id; number = t.number; service = serviceName; priority = t.priority.rawValue; status = t.status.rawValue
        issuedAt = t.issuedAt; window = t.windowNumber; self.peopleAhead = peopleAhead
        self.estimatedWaitSeconds = estimatedWaitSeconds.map { Int($0.rounded(.up)) }
    }
}

/// What the ticket and check-in commands print: the number, the service, the people ahead, the estimated wait.
func printIssued(_ issued: IssuedTicket, json: Bool) {
    if json {
        printJSON(TicketJSON(issued.ticket, serviceName: issued.serviceName, peopleAhead: issued.peopleAhead,
                             estimatedWaitSeconds: issued.estimatedWaitSeconds))
        return
    }
    let priority = issued.ticket.priority == .normal ? "" : "（\(issued.ticket.priority.label)）"
    let wait = issued.estimatedWaitSeconds.map { "，" + NoticeBuilder.waitText($0) } ?? ""
    printSafe("\(issued.ticket.number) \(issued.serviceName)\(priority)，前面还有 \(issued.peopleAhead) 人\(wait)")
}

func serviceName(_ store: HallStore, _ id: String) -> String {
    ((try? store.services()) ?? []).first { $0.id == id }?.name ?? id
}

struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ticket", abstract: "取号（自助机、脚本）")
    @OptionGroup var options: StoreOptions
    @Option(help: "业务代码、前缀或名称，如 A") var service: String
    @Flag(help: "绿色通道") var green = false
    // Refused: argv is visible to every local user through ps and /proc.
    @Option(help: ArgumentHelp("已停用，请改用 --read-id", visibility: .hidden)) var idNumber: String?
    @Flag(help: "读取身份证号（环境变量 YICHUANG_ID_NUMBER，否则标准输入的第一行）：年满设定年龄（默认70岁）自动走绿色通道；号码不保存，也不出现在命令行")
    var readId = false
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            guard idNumber == nil else {
                throw StoreError.invalidInput("--id-number 已停用：命令行里的身份证号会被本机其他用户用 ps 看到。"
                    + "请改用 --read-id，并从标准输入或环境变量 YICHUANG_ID_NUMBER 传入号码")
            }
            let (store, config) = try options.open()
            var priority: TicketPriority = green ? .greenChannel : .normal
            if readId {
                let idNumber = (ProcessInfo.processInfo.environment["YICHUANG_ID_NUMBER"] ?? readLine(strippingNewline: true) ?? "")
                    .trimmingCharacters(in: .whitespaces)
                guard !idNumber.isEmpty else { throw StoreError.invalidInput("--read-id：没有读到身份证号（标准输入为空，也没有设置 YICHUANG_ID_NUMBER）") }
                let hall = try store.hall()
                let id = try ResidentIDValidator.validate(idNumber, today: store.currentTime(), calendar: hall.calendar).get()
                if suggestsGreenChannel(id, policy: hall.policy, on: store.currentTime(), calendar: hall.calendar) { priority = .greenChannel }
            }
            let issued = try store.issueTicket(service: service, priority: priority, by: cliAttribution(config))
            printIssued(issued, json: json)
        }
    }
}

struct CheckInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkin", abstract: "预约签到取号")
    @OptionGroup var options: StoreOptions
    @Option(help: "预约码") var code: String
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let issued = try store.checkInAppointment(code: code, by: cliAttribution(config))
            printIssued(issued, json: json)
        }
    }
}

struct AppointmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "appointment", abstract: "登记电话预约")
    @OptionGroup var options: StoreOptions
    @Option(help: "业务") var service: String
    @Option(help: "预约人姓名") var name: String
    @Option(help: "联系电话") var phone: String
    @Option(help: "时段开始，如 \"2026-11-23 09:30\"") var at: String
    @Option(help: "时段长度（分钟）") var minutes = 30
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let hall = try store.hall()
            guard let start = hall.calendar.parseLocal(at) else {
                throw StoreError.invalidInput("预约时间“\(at.prefix(40))”不对：应为真实的日期和时间，如 \"2026-11-23 09:30\"")
            }
            let a = try store.bookAppointment(service: service, name: name, phone: phone, slotStart: start, slotMinutes: minutes, by: cliAttribution(config))
            struct Out: Encodable { let id: String; let checkInCode: String; let slotStart: Date; let name: String; let phone: String }
            if json { printJSON(Out(id: a.id, checkInCode: a.checkInCode, slotStart: a.slotStart, name: maskName(a.applicantName), phone: maskPhone(a.phone))) }
            else { print("预约成功，签到码 \(a.checkInCode)") }
        }
    }
}

struct SignInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signin", abstract: "为窗口登录（密码从标准输入或 YICHUANG_PIN 读取，不出现在命令行）")
    @OptionGroup var options: StoreOptions
    @Option(help: "窗口号") var window: Int
    @Option(help: "工号") var clerk: String
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let pin = ProcessInfo.processInfo.environment["YICHUANG_PIN"] ?? (readLine(strippingNewline: true) ?? "")
            let c = try store.signIn(clerkNumber: clerk, pin: pin, window: window, terminal: "cli:" + config.terminal)
            printSafe("\(c.name) 已登录 \(window) 号窗口")
        }
    }
}

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "显示各业务排队情况")
    @OptionGroup var options: StoreOptions
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, _) = try options.open(readOnly: true)
            let queues = try store.queueOverview()
            struct Out: Encodable { let code: String; let name: String; let waiting: Int; let greenChannel: Int; let longestWaitSeconds: Int; let next: [String] }
            let out = queues.map { Out(code: $0.service.code, name: $0.service.name, waiting: $0.waiting, greenChannel: $0.greenWaiting,
                                       longestWaitSeconds: Int($0.longestWaitSeconds), next: $0.nextNumbers) }
            if json { printJSON(out); return }
            for q in queues {
                printSafe("\(q.service.prefix) \(q.service.name)：等候 \(q.waiting) 人，最长等候 \(formatDuration(q.longestWaitSeconds))，下一位 \(q.nextNumbers.first ?? "—")")
            }
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "显示一个窗口的状态")
    @OptionGroup var options: StoreOptions
    @Option(help: "窗口号") var window: Int
    @Flag(help: "输出 JSON") var json = false
    func run() throws {
        try runReportingErrors {
            let (store, _) = try options.open(readOnly: true)
            let s = try store.windowSnapshot(window)
            struct Out: Encodable { let window: Int; let name: String; let status: String; let clerk: String?; let current: String?; let waiting: Int; let held: [String]; let finishedToday: Int }
            let out = Out(window: window, name: s.window.name, status: s.status.rawValue, clerk: s.clerk?.number, current: s.current?.number,
                          waiting: s.queues.reduce(0) { $0 + $1.waiting } + s.targetedWaiting, held: s.held.map(\.number), finishedToday: s.finishedToday)
            if json { printJSON(out); return }
            printSafe("\(s.window.name)：\(s.status.label)，工作人员 \(s.clerk.map { "\($0.name)(\($0.number))" } ?? "—")，当前 \(s.current?.number ?? "—")，等候 \(out.waiting) 人，今日办结 \(s.finishedToday)")
        }
    }
}

/// Hidden: calls and finishes at one window until the queue is empty, printing each ticket id.
/// The multi-process tests and the contention benchmark run many of these at once.
struct StressCallerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stress-caller", abstract: "（测试用）循环叫号并办结直到队列为空", shouldDisplay: false)
    @OptionGroup var options: StoreOptions
    @Option(help: "窗口号") var window: Int
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            let by = try StaffCredentials.attribution(store, config, for: .windowAction)
            while true {
                do {
                    let t = try store.callNext(window: window, by: by)
                    FileHandle.standardOutput.write(Data((t.id + "\n").utf8))   // unbuffered: a killed caller loses no line
                    try store.finish(window: window, by: by)
                } catch StoreError.queueEmpty {
                    return
                }
            }
        }
    }
}

/// 叫号方式: how a window chooses among its services (issue 12, must-deliver 4). Reading is open;
/// setting takes a system administrator's 工号 and PIN, like the window's services themselves.
struct WindowChoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "window-choice",
        abstract: "查看或设置窗口在其各项业务之间的叫号方式（设置须系统管理员工号和密码：YICHUANG_STAFF、YICHUANG_PIN 或标准输入）",
        discussion: "方式：order（按业务顺序，默认：先叫排在前面的业务）、longest（各业务中等候最久者优先）、"
            + "weights:A=3,B=1（等候时间乘以业务权重，大者优先；未列出的业务权重为 1）。"
            + "无论哪种方式，绿色通道、已到时段的预约和转给本窗口的号都排在前面。")
    @OptionGroup var options: StoreOptions
    @Option(help: "窗口号") var window: Int
    @Argument(help: "叫号方式：order、longest 或 weights:A=3,B=1；不给则显示当前方式") var rule: String?
    @Flag(help: "输出 JSON") var json = false

    struct Out: Encodable { let window: Int; let choice: String; let label: String; let weights: [String: Double]? }

    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            if let rule {
                let choice = try WindowChoice.parse(rule)   // a typo is named before any PIN is asked for
                let by = try StaffCredentials.attribution(store, config, for: .manageWindows)
                try store.setWindowChoice(choice, window: window, by: by)
            }
            guard let w = try store.windows().first(where: { $0.number == window }) else { throw StoreError.noSuchWindow(window) }
            let services = try store.services()
            let choice = w.choice ?? .serviceOrder
            var weights: [String: Double]?
            var text = choice.label
            if case .weighted(let byId) = choice {
                let named = services.filter { w.serviceIds.contains($0.id) || byId[$0.id] != nil }
                weights = Dictionary(uniqueKeysWithValues: named.map { ($0.code, byId[$0.id] ?? 1) })
                text += "（" + named.map { "\($0.name)×\(Self.number(byId[$0.id] ?? 1))" }.joined(separator: "，") + "）"
            }
            let key: String
            switch choice {
            case .serviceOrder: key = "serviceOrder"
            case .longestWait: key = "longestWait"
            case .weighted: key = "weighted"
            }
            if json { return printJSON(Out(window: window, choice: key, label: choice.label, weights: weights)) }
            printSafe("\(window) 号窗口叫号方式：\(text)")
        }
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x) }
}
