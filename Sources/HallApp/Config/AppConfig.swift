import Foundation
import TOMLKit

/// Node-local settings: where the store lives, this terminal's name, the voice command.
/// Read from `$YICHUANG_HOME/yichuang.toml`, then overridden by environment variables.
/// Hall-wide rules (recall limit, requeue mode, green-channel age…) live in the store, so every
/// process on the node sees one truth; `yichuang config` changes them.
public struct AppConfig: Sendable {
    public var home: URL
    public var storePath: String
    public var terminal: String
    /// Shell command that speaks one announcement; `{text}` is replaced by a quoted variable.
    /// nil: espeak-ng in Mandarin when installed, else the terminal bell.
    public var voiceCommand: String?
    /// [board] voice_repeat: how many times each call is spoken (1–5, default 2).
    public var voiceRepeat = AppConfig.defaultVoiceRepeat
    public static let defaultVoiceRepeat = 2
    /// [board] voice_max_age: seconds after which a call not yet spoken is dropped (5–600, default 30).
    public var voiceMaxAge: TimeInterval = 30
    /// [printers] in yichuang.toml: a printer per kind of document, e.g.
    /// `notice = "cups:Office_A4"`, `ticket = "device:/dev/usb/lp0?paper=58mm"`. Empty: the spool folder.
    public var printers: [String: String] = [:]
    /// [terminal] ambiguous_width: narrow, wide or auto (the default: ask the terminal at start).
    public var ambiguousWidth: String?

    public static func load(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        // An empty variable counts as unset (a script's `YICHUANG_HOME= yichuang …`).
        func value(_ k: String) -> String? { env[k].flatMap { $0.isEmpty ? nil : $0 } }
        let home = URL(fileURLWithPath: value("YICHUANG_HOME") ?? (value("HOME") ?? "/tmp") + "/.local/share/yichuang")
        var values: [String: String] = [:]
        let file = home.appendingPathComponent("yichuang.toml")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            values = try ConfigFile.parse(text, name: file.path)
        }
        let tty = ttyName()
        var config = AppConfig(home: home,
                               storePath: values["store.path"] ?? home.appendingPathComponent("hall.sqlite").path,
                               terminal: values["terminal.name"] ?? tty,
                               voiceCommand: values["board.voice_command"])
        func whole(_ key: String, _ range: ClosedRange<Int>, _ meaning: String) throws -> Int? {
            guard let text = values["board.\(key)"] else { return nil }
            guard let n = Int(text), range.contains(n) else {
                throw ConfigFile.ParseError(file: file.path, line: ConfigFile.lineOf(key: key, in: (try? String(contentsOf: file, encoding: .utf8)) ?? ""),
                                            column: nil, reason: "[board] \(key) 应为 \(range.lowerBound)～\(range.upperBound) 的整数（\(meaning)），现为 \(text)")
            }
            return n
        }
        if let n = try whole("voice_repeat", 1...5, "每次叫号播报几遍") { config.voiceRepeat = n }
        if let n = try whole("voice_max_age", 5...600, "叫号多少秒内未播出就不再播报") { config.voiceMaxAge = TimeInterval(n) }
        config.ambiguousWidth = values["terminal.ambiguous_width"]
        for (k, v) in values where k.hasPrefix("printers.") { config.printers[String(k.dropFirst("printers.".count))] = v }
        if let p = value("YICHUANG_STORE") { config.storePath = p }
        if let t = value("YICHUANG_TERMINAL") { config.terminal = t }
        if let v = value("YICHUANG_VOICE") { config.voiceCommand = v }
        return config
    }

    static func ttyName() -> String {
        if let p = ttyname(0) { return String(cString: p) }
        return "pid-\(getpid())"
    }
}

/// yichuang.toml, read by TOMLKit (toml++, TOML 1.0): every string form, escape, comment and
/// quoted key as the standard says, and the standard's errors (a duplicate key, junk after a
/// value, a value without quotes). Values come back flattened: keys as "section.key", scalars
/// as text, because every node setting is text and the callers convert. Errors name the file,
/// line and column in Chinese.
public enum ConfigFile {
    public struct ParseError: Error, LocalizedError {
        public var file: String; public var line: Int; public var column: Int?; public var reason: String
        public var errorDescription: String? {
            "配置文件 \(file) 第 \(line) 行" + (column.map { "第 \($0) 列" } ?? "") + "：\(reason)"
        }
    }

    public static func parse(_ text: String, name: String) throws -> [String: String] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ParseError(file: name, line: error.source.begin.line, column: error.source.begin.column,
                             reason: reason(error.description))
        }
        var out: [String: String] = [:]
        try flatten(table, prefix: "", into: &out, text: text, file: name)
        return out
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into out: inout [String: String],
                                text: String, file: String) throws {
        for (key, value) in table {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch value.type {
            case .table: try flatten(value.table!, prefix: path, into: &out, text: text, file: file)
            case .string: out[path] = value.string!
            case .int: out[path] = String(value.int!)
            case .double: out[path] = String(value.double!)
            case .bool: out[path] = value.bool! ? "true" : "false"
            case .array, .date, .time, .dateTime:
                // No node setting is a list or a date; saying so beats silently ignoring it.
                throw ParseError(file: file, line: lineOf(key: key, in: text), column: nil,
                                 reason: "\(path) 的值应为字符串、数字或 true/false")
            }
        }
    }

    /// The first line that assigns `key` (TOMLKit keeps no positions for values).
    static func lineOf(key: String, in text: String) -> Int {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            for form in [key, "\"\(key)\"", "'\(key)'"] where t.hasPrefix(form) {
                if t.dropFirst(form.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return i + 1 }
            }
        }
        return 1
    }

    /// toml++ explains in English; the clerk's IT officer reads Chinese. The common faults are
    /// named; anything else keeps the parser's words after a Chinese lead.
    static func reason(_ english: String) -> String {
        let known: [(String, String)] = [
            ("cannot redefine existing", "键或小节重复定义"),
            ("redefin", "键或小节重复定义"),
            ("unterminated string", "字符串缺少结束引号"),
            ("encountered end-of-line", "字符串缺少结束引号"),
            ("string: encountered end-of-file", "字符串缺少结束引号"),
            // A string cut by the end of its line: toml++ sees the newline as a control character.
            ("control characters other than tab", "字符串缺少结束引号（或含有控制字符）"),
            ("expected keys, tables", "缺少键名"),
            ("expected a comment or whitespace", "值后面有多余的内容（注释须以 # 开头）"),
            ("expected end-of-line", "值后面有多余的内容（注释须以 # 开头）"),
            ("expected bare key", "应为 键 = 值"),
            ("expected key-value", "应为 键 = 值"),
            ("expected '='", "应为 键 = 值"),
            ("expected value", "缺少值"),
            ("could not determine value type", "值无法识别（文字须加引号，如 path = \"/data/hall.sqlite\"）"),
            ("escape sequence", "字符串中的转义序列无效"),
            ("expected ']'", "小节名缺少 ]"),
        ]
        let lower = english.lowercased()
        for (needle, chinese) in known where lower.contains(needle) { return chinese }
        return "不符合 TOML 语法（\(english)）"
    }
}
