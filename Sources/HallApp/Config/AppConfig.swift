import Foundation

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
    /// [printers] in yichuang.toml: a printer per kind of document, e.g.
    /// `notice = "cups:Office_A4"`, `ticket = "device:/dev/usb/lp0?paper=58mm"`. Empty: the spool folder.
    public var printers: [String: String] = [:]

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

/// The subset of TOML this file needs: `[section]`, `key = "string"`, `key = 123`, `key = true`,
/// comments. Keys come back as "section.key". Errors name the line.
public enum ConfigFile {
    public struct ParseError: Error, LocalizedError {
        public var file: String; public var line: Int; public var reason: String
        public var errorDescription: String? { "配置文件 \(file) 第 \(line) 行：\(reason)" }
    }

    public static func parse(_ text: String, name: String) throws -> [String: String] {
        var section = ""
        var out: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ParseError(file: name, line: i + 1, reason: "小节名缺少 ]") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw ParseError(file: name, line: i + 1, reason: "应为 键 = 值") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard let close = value.dropFirst().firstIndex(of: "\"") else { throw ParseError(file: name, line: i + 1, reason: "字符串缺少结束引号") }
                value = String(value[value.index(after: value.startIndex)..<close])
            } else if let hash = value.firstIndex(of: "#") {
                value = value[..<hash].trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty else { throw ParseError(file: name, line: i + 1, reason: "缺少键名") }
            out[section.isEmpty ? key : "\(section).\(key)"] = value
        }
        return out
    }
}
