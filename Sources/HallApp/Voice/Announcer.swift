import Foundation

/// Speaks call announcements one after another on a background thread: they queue up and never
/// overlap or overwrite each other. Works offline: espeak-ng runs locally; without it (or when the
/// command fails) the terminal bell rings instead, via `bell` (the UI thread rings it).
public final class Announcer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "yichuang.announcer")   // serial: one at a time
    private let command: String?
    private let bell: @Sendable () -> Void
    private let lock = NSLock()
    private var _spoken: [String] = []
    private var _pending = 0

    /// `command`: a shell command where `{text}` stands for the announcement (passed as a quoted
    /// environment variable, so nothing a ticket number contains can inject shell syntax).
    public init(command: String?, bell: @escaping @Sendable () -> Void) {
        self.command = command ?? Self.defaultCommand()
        self.bell = bell
    }

    /// espeak-ng in Mandarin when installed; nil means "ring the bell".
    public static func defaultCommand() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for p in paths where FileManager.default.isExecutableFile(atPath: "\(p)/espeak-ng") {
            return "espeak-ng -v cmn -s 150 {text}"
        }
        return nil
    }

    public var describe: String { command ?? "终端铃声（未安装 espeak-ng）" }

    public func announce(_ text: String) {
        lock.lock(); _pending += 1; lock.unlock()
        queue.async { [self] in
            speak(text)
            lock.lock(); _spoken.append(text); _pending -= 1; lock.unlock()
        }
    }

    /// What has been spoken so far, in order (for tests and the board's footer).
    public var spoken: [String] { lock.lock(); defer { lock.unlock() }; return _spoken }
    public var pending: Int { lock.lock(); defer { lock.unlock() }; return _pending }

    private func speak(_ text: String) {
        guard let command else { bell(); return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command.replacingOccurrences(of: "{text}", with: "\"$YICHUANG_ANNOUNCEMENT\"")]
        var env = ProcessInfo.processInfo.environment
        env["YICHUANG_ANNOUNCEMENT"] = text
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do {
            try p.run()
            p.waitUntilExit()
            if p.terminationStatus != 0 { bell() }
        } catch {
            bell()
        }
    }

    /// Waits until every queued announcement has been spoken (tests, and a clean exit).
    public func drain(timeout: TimeInterval = 30) {
        let deadline = Date() + timeout
        while pending > 0, Date() < deadline { usleep(10_000) }
    }
}
