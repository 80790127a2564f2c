import ArgumentParser
import Foundation
import HallCore
import HallStore

/// Every window action for kiosks, integrators and tests: `yichuang call|recall|noshow|hold|
/// callback|transfer|pause|resume|walkup|finish --window N [--json]`. Each takes the 工号 and PIN
/// of the clerk signed in at the window (YICHUANG_STAFF/YICHUANG_PIN or stdin) and acts as them;
/// anyone else is refused by the store (issue 13).
struct WindowActionJSON: Encodable {
    let action: String
    let window: Int
    let clerk: String?               // 工号 of the clerk the action counts for
    let message: String              // what the text output prints
    var ticket: TicketJSON?
    var recallCount: Int?
    var nextRecall: String?          // "allowed" | "last" | "noShow": what the next 重呼 would do
    var noShow: String?              // the requeue mode applied ("drop", "back", "after:3")
    var deferCallsLeft: Int?
    var deferUntil: Date?
    var finished: String?            // `call --finish`: the number finished first, if any
}

struct WindowActionOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(help: "窗口号") var window: Int
    @Flag(help: "输出 JSON") var json = false

    /// Opens the store, acts as the window's clerk, prints the outcome.
    func perform(_ action: String, _ body: (HallStore, Attribution) throws -> (Ticket?, String, (inout WindowActionJSON) -> Void)) throws {
        try runReportingErrors {
            let (s, config) = try store.open()
            let by = try StaffCredentials.attribution(s, config, for: .windowAction)
            let (ticket, message, extra) = try body(s, by)
            if !json { print(message); return }
            var out = WindowActionJSON(action: action, window: window, clerk: by.clerkNumber, message: message,
                                       ticket: ticket.map { TicketJSON($0, serviceName: serviceName(s, $0.serviceId)) })
            if let t = ticket, let d = t.deferral { out.deferCallsLeft = d.callsLeft; out.deferUntil = d.notBefore }
            extra(&out)
            printJSON(out)
        }
    }
}

func nextRecallText(_ t: Ticket, _ store: HallStore) -> (code: String, words: String) {
    guard let policy = try? store.hall().policy else { return ("allowed", "") }
    switch CallRules.nextRecall(recallCount: t.recallCount, policy: policy) {
    case .allowed(let n): return ("allowed", "还可重呼\(n + 1)次")
    case .last: return ("last", "注意：下一次是最后一次重呼")
    case .becomesNoShow: return ("noShow", "已达重呼上限，再重呼将按过号处理")
    }
}

struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "call", abstract: "为已登录的窗口叫下一位（或指定号）")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "指定号码，如 A005") var number: String?
    @Flag(help: "先办结窗口当前的号再叫下一位（办结并叫号，同一事务：两者都成或都不成）") var finish = false
    func run() throws {
        if finish, number != nil {
            return try runReportingErrors { throw StoreError.invalidInput("--finish 只用于叫下一位，不能与 --number 同用") }
        }
        try options.perform("call") { store, by in
            let w = options.window
            if finish {
                let r = try store.finishAndCallNext(window: w, by: by)
                let done = r.finished.map { "\($0.number) 已办结；" } ?? ""
                guard let t = r.called else { return (nil, done + "\(w) 号窗口所办业务暂无等候", { $0.finished = r.finished?.number }) }
                return (t, done + announcementText(ticketNumber: t.number, windowNumber: w), { $0.finished = r.finished?.number })
            }
            let t = try number.map { try store.callNumber($0, window: w, by: by) } ?? store.callNext(window: w, by: by)
            return (t, announcementText(ticketNumber: t.number, windowNumber: w), { _ in })
        }
    }
}

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recall", abstract: "重呼窗口当前的号（超过重呼次数按过号处理）")
    @OptionGroup var options: WindowActionOptions
    func run() throws {
        try options.perform("recall") { store, by in
            switch try store.recall(window: options.window, by: by) {
            case .recalled(let t, let n):
                let next = nextRecallText(t, store)
                return (t, "第\(n)次重呼：" + announcementText(ticketNumber: t.number, windowNumber: options.window) + "（\(next.words)）",
                        { $0.recallCount = n; $0.nextRecall = next.code })
            case .noShow(let t, let mode):
                return (t, "\(t.number) 已达重呼上限，按过号处理（\(mode.label)）", { $0.noShow = mode.configValue })
            }
        }
    }
}

struct NoShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "noshow", abstract: "过号（按大厅规则作废、排到队尾或顺延N位）")
    @OptionGroup var options: WindowActionOptions
    func run() throws {
        try options.perform("noshow") { store, by in
            let (t, mode) = try store.markNoShow(window: options.window, by: by)
            return (t, "\(t.number) 已过号（\(mode.label)）", { $0.noShow = mode.configValue })
        }
    }
}

struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: "挂起窗口当前的号（之后用 callback 回呼）")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "备注，如 回去取户口簿") var note: String?
    func run() throws {
        try options.perform("hold") { store, by in
            let t = try store.hold(window: options.window, note: note, by: by)
            return (t, "\(t.number) 已挂起", { _ in })
        }
    }
}

struct CallBackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callback", abstract: "回呼本窗口挂起的号（默认最早挂起的）")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "挂起的号码，如 A005") var number: String?
    func run() throws {
        try options.perform("callback") { store, by in
            let t = try store.callBack(window: options.window, ticketNumber: number, by: by)
            return (t, "回呼：" + announcementText(ticketNumber: t.number, windowNumber: options.window), { _ in })
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "转窗：转到另一业务或另一窗口，排队首或队尾")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "目标窗口号") var toWindow: Int?
    @Option(help: "目标业务代码、前缀或名称") var toService: String?
    @Flag(help: "排到队首（优先办理）；默认队尾") var front = false
    @Option(help: "转窗备注") var note: String?
    func run() throws {
        try options.perform("transfer") { store, by in
            let target: TransferTarget
            switch (toWindow, toService) {
            case (let w?, nil): target = .window(w)
            case (nil, let s?): target = .service(s)
            default: throw StoreError.invalidInput("请给出 --to-window 或 --to-service 其中之一")
            }
            let t = try store.transfer(window: options.window, to: target, position: front ? .front : .back, note: note, by: by)
            let place = t.targetWindowNumber.map { "\($0)号窗口" } ?? "“\(serviceName(store, t.serviceId))”"
            return (t, "\(t.number) 已转至\(place)（\(front ? "队首" : "队尾")）", { _ in })
        }
    }
}

struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "暂停窗口叫号")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "暂停原因") var reason: String?
    func run() throws {
        try options.perform("pause") { store, by in
            try store.setPaused(true, window: options.window, reason: reason, by: by)
            return (nil, "\(options.window) 号窗口已暂停叫号", { _ in })
        }
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "恢复窗口叫号")
    @OptionGroup var options: WindowActionOptions
    func run() throws {
        try options.perform("resume") { store, by in
            try store.setPaused(false, window: options.window, by: by)
            return (nil, "\(options.window) 号窗口已恢复叫号", { _ in })
        }
    }
}

struct WalkUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "walkup", abstract: "无号办理：为没有取号的办事人登记并开始办理")
    @OptionGroup var options: WindowActionOptions
    @Option(help: "业务代码、前缀或名称") var service: String
    func run() throws {
        try options.perform("walkup") { store, by in
            let t = try store.serveWalkUp(service: service, window: options.window, by: by)
            return (t, "无号办理 \(t.number)（\(serviceName(store, t.serviceId))）", { _ in })
        }
    }
}

struct FinishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "finish", abstract: "办结窗口当前的号")
    @OptionGroup var options: WindowActionOptions
    func run() throws {
        try options.perform("finish") { store, by in
            let t = try store.finish(window: options.window, by: by)
            return (t, "\(t.number) 已办结", { _ in })
        }
    }
}
