import Foundation
import HallApp
import Logging

/// The one logging set-up every command shares (swift-log): the level comes from
/// $YICHUANG_LOG_LEVEL, else the config file's `[log] level`, else info; lines go to stderr, with
/// sd-daemon priority prefixes when stderr is the journal, so `journalctl -p warning` works.
enum LogSetup {
    static let levelNames = "trace、debug、info、notice、warning、error 或 critical"

    struct BadLevel: Error, LocalizedError {
        var value: String; var origin: String
        var errorDescription: String? { "日志级别“\(value)”无效（来自 \(origin)）：应为 \(LogSetup.levelNames)" }
    }

    /// The level and where it came from; nil config: the file could not be read (the command
    /// itself reports that), so only the environment counts.
    static func level(environment env: [String: String], config: AppConfig?) throws -> Logger.Level {
        let chosen: (String, String)?
        if let v = env["YICHUANG_LOG_LEVEL"], !v.isEmpty { chosen = (v, "$YICHUANG_LOG_LEVEL") }
        else if let c = config, let v = c.logLevel { chosen = (v, c.logLevelOrigin) }
        else { chosen = nil }
        guard let (value, origin) = chosen else { return .info }
        guard let level = Logger.Level(rawValue: value.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw BadLevel(value: value, origin: origin)
        }
        return level
    }

    /// Called once, first thing in main, before any Logger exists.
    static func bootstrap(environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        let level = try level(environment: env, config: try? AppConfig.load(environment: env))
        let journal = stderrIsJournal(env["JOURNAL_STREAM"])
        LoggingSystem.bootstrap { label in
            var h = StderrLogHandler(label: label, journal: journal)
            h.logLevel = level
            return h
        }
    }

    /// systemd sets JOURNAL_STREAM to "device:inode" of the stream it connected; it is the
    /// journal only while stderr is still that stream (not when a script redirected it).
    static func stderrIsJournal(_ value: String?) -> Bool {
        guard let parts = value?.split(separator: ":"), parts.count == 2,
              let dev = UInt64(parts[0]), let ino = UInt64(parts[1]) else { return false }
        var st = stat()
        guard fstat(2, &st) == 0 else { return false }
        return UInt64(st.st_dev) == dev && UInt64(st.st_ino) == ino
    }
}

/// One line per message on stderr. Under the journal: `<N>label: message key=value`, N the
/// sd-daemon priority (journald keeps the time); elsewhere the time and level in words.
struct StderrLogHandler: LogHandler {
    let label: String
    let journal: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// sd-daemon(3): 2 crit, 3 err, 4 warning, 5 notice, 6 info, 7 debug.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        let fields = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        // One write per line, newlines inside folded: the journal and grep see one record.
        let text = "\(label): \(message)\(fields)".replacingOccurrences(of: "\n", with: " ")
        let out = journal ? "<\(Self.priority(level))>\(text)\n"
            : "\(Date().formatted(.iso8601)) \(level.rawValue) \(text)\n"
        FileHandle.standardError.write(Data(out.utf8))
    }
}
