import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

@main
struct Yichuang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yichuang",
        abstract: "一窗：政务服务大厅排队叫号与窗口受理终端系统",
        discussion: "配置：/etc/yichuang/yichuang.toml，再 $XDG_CONFIG_HOME/yichuang/yichuang.toml，再数据目录下的 yichuang.toml（后者覆盖前者）；数据目录：$YICHUANG_HOME（否则 $STATE_DIRECTORY、$XDG_DATA_HOME/yichuang、~/.local/share/yichuang）；数据库：--store、$YICHUANG_STORE 或配置中的 [store] path。yichuang config --paths 显示本机实际的顺序。",
        subcommands: [
            DemoCommand.self, WindowCommand.self, DeskCommand.self, BoardCommand.self, DashboardCommand.self, PadCommand.self, RatingsCommand.self,
            TicketCommand.self, CheckInCommand.self, AppointmentCommand.self, SignInCommand.self, CallCommand.self,
            FinishCommand.self, RecallCommand.self, NoShowCommand.self, HoldCommand.self, CallBackCommand.self, TransferCommand.self,
            PauseCommand.self, ResumeCommand.self, WalkUpCommand.self, WindowChoiceCommand.self, QueueCommand.self, StatusCommand.self, ReportCommand.self, InitCommand.self,
            ConfigCommand.self, DoctorCommand.self, ImportCommand.self, StressCallerCommand.self,
            CentralCommand.self, HallRegisterCommand.self, CentralTokenCommand.self, CentralPublishCommand.self, CentralMisfiledCommand.self, CentralReportCommand.self, CentralExchangeCommand.self,
            SyncCommand.self, BackupCommand.self, RestoreCommand.self,
            ServiceCommand.self, WindowsCommand.self, StaffCommand.self, CloseDayCommand.self, CaseCommand.self, HallConfigCommand.self,
        ])

    static func main() {
        // Everything the program creates (store, reports, spool, demo home) is for its user only,
        // whatever umask the shell or unit gave it.
        umask(0o077)
        do {
            try LogSetup.bootstrap()
        } catch {
            FileHandle.standardError.write(Data("错误：\(error.localizedDescription)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            CLIErrors.exit(error, command: Self.self)
        }
    }
}

/// Options every command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "数据库文件路径（默认 $YICHUANG_HOME/hall.sqlite）")
    var store: String?

    /// The store this process opened, for the error path (full-disk check).
    nonisolated(unsafe) static var openedPath: String?

    func config() throws -> AppConfig {
        var c = try AppConfig.load()
        if let store { c.storePath = store; c.storeOrigin = "--store" }
        // The terminal backend reads its setting from the environment, which overrides the file.
        if let w = c.ambiguousWidth, getenv("YICHUANG_AMBIGUOUS_WIDTH") == nil { setenv("YICHUANG_AMBIGUOUS_WIDTH", w, 1) }
        Self.openedPath = c.storePath
        return c
    }

    func open(readOnly: Bool = false) throws -> (HallStore, AppConfig) {
        let c = try config()
        // Never create an empty store as a side effect of a typo in the path.
        guard FileManager.default.fileExists(atPath: c.storePath) else { throw StoreError.notInitialized(path: c.storePath) }
        // An empty file is someone else's (a typo in --store): opening it would make it a database.
        var st = stat()
        guard stat(c.storePath, &st) == 0, st.st_size > 0 else {
            throw StoreError.invalidInput("\(c.storePath) 是空文件，不是一窗的数据库，未作改动：请检查 --store 的路径；新建大厅请用 yichuang init 或 yichuang demo")
        }
        let s = try HallStore(path: c.storePath, readOnly: readOnly)
        for w in s.permissionWarnings { FileHandle.standardError.write(Data("警告：\(w)\n".utf8)) }
        guard try s.isInitialized() else { throw StoreError.notInitialized(path: c.storePath) }
        return (s, c)
    }
}

/// Errors go to stderr in Chinese with a non-zero exit, never a stack trace.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as CleanExit {
        throw e
    } catch {
        // Messages echo what was typed or stored: no escape sequence reaches the terminal.
        FileHandle.standardError.write(Data("错误：\(sanitizedForTerminal(CLIErrors.describe(error)))\n".utf8))
        throw ExitCode(1)
    }
}

func printJSON<T: Encodable>(_ value: T) {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    e.dateEncodingStrategy = .iso8601
    print(String(decoding: try! e.encode(value), as: UTF8.self))
}

func cliAttribution(_ config: AppConfig) -> Attribution { .system("cli:" + config.terminal) }
