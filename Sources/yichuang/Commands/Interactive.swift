import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallResources
import HallStore
import TerminalUI

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "打开演示大厅的窗口叫号台（首次运行自动创建演示大厅和等候号）")
    @OptionGroup var options: StoreOptions
    @Flag(help: "只创建演示大厅，不打开界面") var setupOnly = false

    func run() throws {
        try runReportingErrors {
            let config = try options.config()
            let store = try HallStore(path: config.storePath)
            if try !store.isInitialized() {
                try DemoHall.create(in: store, terminal: config.terminal)
                print("已创建演示大厅：\(config.storePath)")
            }
            if setupOnly { return }
            try Interfaces.window(store: store, config: config, window: nil, defaultWindow: 1)
        }
    }
}

struct WindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "window", abstract: "窗口叫号台（窗口人员）")
    @OptionGroup var options: StoreOptions
    @Option(help: "窗口号（不给则在登录时输入）") var window: Int?
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            try Interfaces.window(store: store, config: config, window: window, defaultWindow: nil)
        }
    }
}

struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "desk", abstract: "取号台（导服）：取号、绿色通道、预约签到")
    @OptionGroup var options: StoreOptions
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            try Interfaces.desk(store: store, config: config)
        }
    }
}

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board", abstract: "叫号屏：大字显示叫号并语音播报")
    @OptionGroup var options: StoreOptions
    @Option(help: "播报命令，{text} 代表播报内容（默认：已安装 espeak-ng 时用普通话播报，否则终端铃声）") var voice: String?
    @Flag(help: "不播报") var silent = false
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            try Interfaces.board(store: store, config: config, voice: silent ? "true" : (voice ?? config.voiceCommand))
        }
    }
}

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "大厅监控（大厅管理）：排队、窗口、预警与报表；加 --central 看中心的全部大厅",
        discussion: "中心监控：yichuang dashboard --central http://中心地址:8080，管理令牌取自环境变量 YICHUANG_ADMIN_TOKEN（由中心的 yichuang central-token --role admin 签发）。")
    @OptionGroup var options: StoreOptions
    @Option(help: "中心地址，如 http://10.0.0.5:8080：显示中心汇总的全部大厅，而不是本大厅") var central: String?
    func run() throws {
        try runReportingErrors {
            if let url = central {
                // The centre's view needs no local store: the admin token is the only credential.
                try Interfaces.centralDashboard(source: try CentralOverviewSource.connect(url: url), centreName: "中心监控")
                return
            }
            let (store, config) = try options.open()
            try Interfaces.dashboard(store: store, config: config)
        }
    }
}

struct PadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pad", abstract: "评价器（面向办事群众）：对本窗口刚办结的服务进行好差评")
    @OptionGroup var options: StoreOptions
    @Option(help: "本评价器所属的窗口号") var window: Int
    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            try Interfaces.pad(store: store, config: config, window: window)
        }
    }
}
