import Foundation
import TOMLKit

/// Node-local settings: where the store lives, this terminal's name, the voice command.
/// Read from up to three yichuang.toml files, each overriding the one before key by key (see
/// `configFiles`), then from environment variables. Hall-wide rules (recall limit, requeue mode,
/// green-channel age…) live in the store, so every process on the node sees one truth;
/// `yichuang config` changes them.
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
    /// [log] level: trace … critical; $YICHUANG_LOG_LEVEL overrides it (checked by the CLI's log set-up).
    public var logLevel: String?
    /// The file that set `logLevel`, for the error that names a bad one.
    public var logLevelOrigin = ""
    /// Where the data folder and the store path came from, for `yichuang config --paths`.
    public var homeOrigin = ""
    public var storeOrigin = ""
    /// The files looked at, in the order read.
    public var sources: [ConfigSource] = []

    /// The node's file, the one a Debian server keeps its settings in (packaging/etc).
    public static let systemConfigPath = "/etc/yichuang/yichuang.toml"

    public struct ConfigSource: Sendable, Equatable {
        public enum State: Sendable, Equatable { case read, missing, unreadable(String) }
        public var path: String
        /// What the file is for, in Chinese.
        public var role: String
        public var state: State
    }

    /// The settings files, in the order they are read; a later file overrides an earlier one key
    /// by key: the node's (/etc), the user's ($XDG_CONFIG_HOME, default ~/.config), the data
    /// folder's (what yichuang always read, kept so existing halls keep their settings).
    public static func configFiles(environment env: [String: String], home: URL, systemConfig: String) -> [(path: String, role: String)] {
        let userHome = nonEmpty(env["HOME"]) ?? "/tmp"
        let xdg = absolute(env["XDG_CONFIG_HOME"]) ?? userHome + "/.config"
        var files = [(systemConfig, "本机（全节点）"), (xdg + "/yichuang/yichuang.toml", "用户（$XDG_CONFIG_HOME）"),
                     (home.appendingPathComponent("yichuang.toml").path, "数据目录")]
        // One file named twice (XDG_CONFIG_HOME pointed at the data folder) is read once.
        var seen = Set<String>()
        files = files.filter { seen.insert(($0.0 as NSString).standardizingPath).inserted }
        return files.map { (path: $0.0, role: $0.1) }
    }

    /// The data folder: $YICHUANG_HOME, else the state folder systemd gives a service
    /// ($STATE_DIRECTORY, from StateDirectory=), else $XDG_DATA_HOME/yichuang, else
    /// ~/.local/share/yichuang.
    public static func dataHome(environment env: [String: String]) -> (URL, origin: String) {
        if let h = nonEmpty(env["YICHUANG_HOME"]) { return (URL(fileURLWithPath: h), "$YICHUANG_HOME") }
        if let s = nonEmpty(env["STATE_DIRECTORY"])?.split(separator: ":").first.map(String.init), s.hasPrefix("/") {
            return (URL(fileURLWithPath: s), "$STATE_DIRECTORY（systemd 服务的状态目录）")
        }
        if let x = absolute(env["XDG_DATA_HOME"]) { return (URL(fileURLWithPath: x + "/yichuang"), "$XDG_DATA_HOME/yichuang") }
        return (URL(fileURLWithPath: (nonEmpty(env["HOME"]) ?? "/tmp") + "/.local/share/yichuang"), "~/.local/share/yichuang（默认）")
    }

    // An empty variable counts as unset (a script's `YICHUANG_HOME= yichuang …`).
    private static func nonEmpty(_ v: String?) -> String? { v.flatMap { $0.isEmpty ? nil : $0 } }
    /// The XDG base directory spec ignores a relative path.
    private static func absolute(_ v: String?) -> String? { nonEmpty(v).flatMap { $0.hasPrefix("/") ? $0 : nil } }

    /// `systemConfig` nil: $YICHUANG_SYSTEM_CONFIG (tests and containers point it elsewhere),
    /// else /etc/yichuang/yichuang.toml.
    public static func load(environment env: [String: String] = ProcessInfo.processInfo.environment,
                            systemConfig: String? = nil) throws -> AppConfig {
        func value(_ k: String) -> String? { nonEmpty(env[k]) }
        let systemConfig = systemConfig ?? value("YICHUANG_SYSTEM_CONFIG") ?? systemConfigPath
        let (home, homeOrigin) = dataHome(environment: env)
        // Each key remembers the file that set it last, so an error names that file and line.
        var values: [String: (value: String, file: String, text: String)] = [:]
        var sources: [ConfigSource] = []
        for (path, role) in configFiles(environment: env, home: home, systemConfig: systemConfig) {
            let text: String
            do {
                text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
            } catch {
                // A missing file is the usual case; an unreadable one (/etc/yichuang is 0750
                // root:yichuang) is someone else's settings, and --paths says so.
                let missing = !FileManager.default.fileExists(atPath: path)
                sources.append(ConfigSource(path: path, role: role, state: missing ? .missing : .unreadable("无权读取或不是 UTF-8 文本")))
                continue
            }
            for (k, v) in try ConfigFile.parse(text, name: path) { values[k] = (v, path, text) }
            sources.append(ConfigSource(path: path, role: role, state: .read))
        }
        let tty = ttyName()
        var config = AppConfig(home: home,
                               storePath: values["store.path"]?.value ?? home.appendingPathComponent("hall.sqlite").path,
                               terminal: values["terminal.name"]?.value ?? tty,
                               voiceCommand: values["board.voice_command"]?.value)
        config.homeOrigin = homeOrigin
        config.storeOrigin = values["store.path"].map { "\($0.file) [store] path" } ?? "数据目录下的 hall.sqlite"
        config.sources = sources
        func whole(_ key: String, _ range: ClosedRange<Int>, _ meaning: String) throws -> Int? {
            guard let found = values["board.\(key)"] else { return nil }
            guard let n = Int(found.value), range.contains(n) else {
                throw ConfigFile.ParseError(file: found.file, line: ConfigFile.lineOf(key: key, in: found.text),
                                            column: nil, reason: "[board] \(key) 应为 \(range.lowerBound)～\(range.upperBound) 的整数（\(meaning)），现为 \(found.value)")
            }
            return n
        }
        if let n = try whole("voice_repeat", 1...5, "每次叫号播报几遍") { config.voiceRepeat = n }
        if let n = try whole("voice_max_age", 5...600, "叫号多少秒内未播出就不再播报") { config.voiceMaxAge = TimeInterval(n) }
        config.ambiguousWidth = values["terminal.ambiguous_width"]?.value
        if let found = values["log.level"] { config.logLevel = found.value; config.logLevelOrigin = "\(found.file) [log] level" }
        for (k, v) in values where k.hasPrefix("printers.") { config.printers[String(k.dropFirst("printers.".count))] = v.value }
        if let p = value("YICHUANG_STORE") { config.storePath = p; config.storeOrigin = "$YICHUANG_STORE" }
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
