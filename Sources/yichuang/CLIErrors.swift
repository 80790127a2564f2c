import ArgumentParser
import Foundation
import HallStore

/// Every error a user of the command line reads: Chinese, naming the fault.
enum CLIErrors {
    /// ArgumentParser reports parse failures in English; these are its messages (1.8.2,
    /// Usage/UsageGenerator.swift) with the Chinese that names the same fault.
    private static let parserMessages: [(pattern: String, chinese: @Sendable (_ groups: [String]) -> String)] = [
        (#"^Missing expected argument '(.+)'$"#, { "缺少必需的参数 \($0[0])" }),
        (#"^Missing one of: (.+)$"#, { "缺少参数：应给出 \($0[0]) 之一" }),
        (#"^Missing value for '(.+)'$"#, { "选项 \($0[0]) 后面缺少值" }),
        (#"^The value '(.*)' is invalid for '(.+?)'(?:\. Please provide one of (.+)\.)?$"#,
         { "\($0[1]) 的值“\($0[0])”无效" + ($0[2].isEmpty ? "" : "，应为 \($0[2].replacingOccurrences(of: " or ", with: "、").replacingOccurrences(of: " and ", with: "、"))") }),
        (#"^The value '(.*)' is invalid for '(.+?)': (.+)$"#, { "\($0[1]) 的值“\($0[0])”无效：\($0[2])" }),
        (#"^Unknown option '(.+)'\. Did you mean '(.+)'\?$"#, { "没有选项 \($0[0])，是不是想用 \($0[1])？" }),
        (#"^Unknown option '(.+)'$"#, { "没有选项 \($0[0])" }),
        (#"^Unexpected argument '(.+)'$"#, { "多余的参数“\($0[0])”（没有这个子命令或位置参数）" }),
        (#"^\d+ unexpected arguments: (.+)$"#, { "多余的参数：\($0[0])" }),
        (#"^The option '(.+)' does not take any value, but '(.*)' was specified\.$"#, { "选项 \($0[0]) 不带值，却给了“\($0[1])”" }),
        (#"^Value to be set with (.+) had already been set with (.+)$"#, { _ in "同一个选项给了两次" }),
    ]

    /// The Chinese for one of ArgumentParser's messages; a message already in Chinese (our own
    /// `ValidationError`s) is kept.
    static func chinese(_ message: String) -> String {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        for (pattern, make) in parserMessages {
            guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                  let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { continue }
            let groups = (1..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
            return make(groups)
        }
        if text.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return text }
        return "命令行有误（\(text)）"
    }

    /// Reports a failure of parsing or running the command and ends the process.
    static func exit(_ error: Error, command: ParsableCommand.Type) -> Never {
        let code = command.exitCode(for: error)
        // --help, --version and an error already reported by runReportingErrors keep the default path.
        if code == .success || error is ExitCode { command.exit(withError: error) }
        var text = "错误：\(chinese(command.message(for: error)))\n"
        // The English full message ends "See 'yichuang ticket --help' …": keep the command's name.
        let full = command.fullMessage(for: error)
        if let r = full.range(of: #"See '(.+) --help'"#, options: .regularExpression) {
            let see = full[r].dropFirst(5).dropLast(1)
            text += "用法：\(see)\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
        Foundation.exit(code.rawValue)
    }

    /// The text of an error raised while running a command.
    static func describe(_ error: Error) -> String {
        if let store = error as? StoreError {
            switch store {
            case .ioError, .cannotOpen:
                // Repositories map SQLite's errors without the path; the command knows it.
                if let path = StoreOptions.openedPath, StoreFiles.isOnFullDisk(path) { return StoreError.diskFull.localizedDescription }
            // The store names no key or command; on the command line the way out is a command.
            case .windowPaused(let n): return "\(n) 号窗口已暂停叫号：请先运行 yichuang resume --window \(n) 恢复叫号"
            default: break
            }
            return store.localizedDescription
        }
        if let e = error as? ValidationError { return chinese(e.message) }
        if let e = error as? LocalizedError, let d = e.errorDescription { return d }
        return chinese(String(describing: error))
    }
}
