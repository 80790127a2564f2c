import Foundation
import Printing

/// One call to be spoken: keyed by the call's event sequence, with the time the call was made
/// (the store's clock), so the voice can tell a late announcement from a fresh one.
public struct Announcement: Sendable, Equatable {
    public var seq: Int64
    public var text: String
    public var at: Date
    public init(seq: Int64, text: String, at: Date) { self.seq = seq; self.text = text; self.at = at }
}

/// Whether the voice last played: the board shows a failure on its message line.
public enum VoiceHealth: Sendable, Equatable {
    case unknown
    case playing
    /// The command failed (no sound device, no TTS, a broken command): the bell rang instead.
    case failed(String)

    public var problem: String? { if case .failed(let text) = self { return text }; return nil }
}

/// Speaks call announcements one after another on a background thread: they queue up and never
/// overlap or overwrite each other. Works offline: espeak-ng renders locally; without it (or when
/// the command fails) the terminal bell rings instead, via `bell` (the UI thread rings it).
///
/// Each call is spoken `repeats` times. The voice is never more than `maxAge` behind: an
/// announcement whose call is older than that when its turn (or its repeat's turn) comes is
/// dropped, and so is one the board withdraws because the ticket was since finished, recalled
/// or called elsewhere. Dropping is never speaking twice: each announcement is spoken at most once
/// (with its repeats) and is either in `spoken` or in `dropped`.
public final class Announcer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "yichuang.announcer")   // serial: one at a time
    private let command: String?
    public let repeats: Int
    public let maxAge: TimeInterval
    private let now: @Sendable () -> Date
    private let bell: @Sendable () -> Void
    private let onHealthChange: (@Sendable (VoiceHealth) -> Void)?
    private let wavPath: String
    /// One utterance (synthesis and playing) takes seconds; a minute means the command hangs.
    private let commandTimeout: TimeInterval
    private let lock = NSLock()
    private var _spoken: [String] = []
    private var _dropped: [Int64] = []
    private var _waiting: [Announcement] = []
    private var _current: Int64?
    private var _currentWithdrawn = false
    private var _health = VoiceHealth.unknown

    /// `command`: a shell command where `{text}` stands for the announcement (passed as a quoted
    /// environment variable, so nothing a ticket number contains can inject shell syntax). It must
    /// exit non-zero when it could not play: that is how a silent board is noticed.
    /// `now` is the clock the calls' times come from (the store's clock).
    public init(command: String?, repeats: Int = 2, maxAge: TimeInterval = 30,
                now: @escaping @Sendable () -> Date = { Date() },
                bell: @escaping @Sendable () -> Void, onHealthChange: (@Sendable (VoiceHealth) -> Void)? = nil,
                commandTimeout: TimeInterval = 60) {
        self.commandTimeout = commandTimeout
        self.command = command ?? Self.defaultCommand()
        self.repeats = max(1, repeats)
        self.maxAge = maxAge
        self.now = now
        self.bell = bell
        self.onHealthChange = onHealthChange
        self.wavPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("yichuang-voice-\(getpid())-\(UUID().uuidString.prefix(8)).wav").path
    }

    deinit { try? FileManager.default.removeItem(atPath: wavPath) }

    /// espeak-ng in Mandarin when installed, nil ("ring the bell") when not. espeak-ng exits 0
    /// even with no sound device, so when aplay (alsa-utils) is there the speech is rendered to a
    /// WAV and played by aplay, whose exit status says whether a device took it.
    public static func defaultCommand() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        func installed(_ tool: String) -> Bool { paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") } }
        guard installed("espeak-ng") else { return nil }
        if installed("aplay") { return #"espeak-ng -v cmn -s 150 -w "$YICHUANG_WAV" {text} && aplay -q "$YICHUANG_WAV""# }
        return "espeak-ng -v cmn -s 150 {text}"
    }

    public var describe: String { command ?? "终端铃声（未安装 espeak-ng）" }

    /// Queues `announcement` behind the ones already waiting.
    public func announce(_ announcement: Announcement) {
        lock.withLock { _waiting.append(announcement) }
        queue.async { [self] in speakNext() }
    }

    /// An announcement made now, outside any call sequence (tests, a manual test of the voice).
    public func announce(_ text: String) {
        announce(Announcement(seq: 0, text: text, at: now()))
    }

    /// The board learnt that these calls are superseded: those still waiting are dropped; the one
    /// being spoken finishes its utterance but is not repeated.
    public func withdraw(_ seqs: [Int64]) {
        let set = Set(seqs)
        lock.withLock {
            let gone = _waiting.filter { set.contains($0.seq) }
            _waiting.removeAll { set.contains($0.seq) }
            _dropped += gone.map(\.seq)
            if let c = _current, set.contains(c) { _currentWithdrawn = true }
        }
    }

    /// What has been spoken so far, one entry per announcement (however often it was repeated).
    public var spoken: [String] { lock.withLock { _spoken } }
    /// The sequences of announcements dropped unspoken (late or superseded).
    public var dropped: [Int64] { lock.withLock { _dropped } }
    public var pending: Int { lock.withLock { _waiting.count + (_current == nil ? 0 : 1) } }
    public var health: VoiceHealth { lock.withLock { _health } }

    private func speakNext() {
        guard let a = lock.withLock({ () -> Announcement? in
            guard !_waiting.isEmpty else { return nil }
            let a = _waiting.removeFirst()
            _current = a.seq; _currentWithdrawn = false
            return a
        }) else { return }
        var said = false
        for _ in 0..<repeats {
            let late = now().timeIntervalSince(a.at) > maxAge
            let withdrawn = lock.withLock { _currentWithdrawn }
            if late || withdrawn { break }
            let played = play(a.text)
            if !said { said = true; lock.withLock { _spoken.append(a.text) } }
            if !played { break }   // the bell rang once; ringing it again says nothing more
        }
        lock.withLock {
            if !said { _dropped.append(a.seq) }
            _current = nil
        }
    }

    /// Plays one utterance; false (after ringing the bell) when it could not.
    private func play(_ text: String) -> Bool {
        guard let command else { bell(); return true }
        // Through swift-subprocess (issue 17): a command that hangs (a stuck sound device, a
        // `voice_command` that waits for input) is ended with everything it started after
        // `commandTimeout`, instead of silencing the board for good.
        let runner = CommandRunner(timeout: commandTimeout, environment: ["YICHUANG_ANNOUNCEMENT": text, "YICHUANG_WAV": wavPath])
        let r = runner.run("/bin/sh", ["-c", command.replacingOccurrences(of: "{text}", with: "\"$YICHUANG_ANNOUNCEMENT\"")])
        let problem: String?
        switch r.status {
        case _ where r.timedOut: problem = "语音播报命令 \(Int(commandTimeout)) 秒未结束，已终止并改响铃声：请检查音箱、声卡或播报命令"
        case 0: problem = nil
        case 127: problem = "未找到语音播报命令（退出码 127），已改响铃声：请安装 espeak-ng 与 alsa-utils"
        case -1: problem = "语音播报命令无法启动，已改响铃声：请检查 [board] voice_command"
        default: problem = "语音放不出声（退出码 \(r.status)），已改响铃声：请检查音箱、声卡或播报命令"
        }
        if problem != nil { bell() }
        let health = problem.map(VoiceHealth.failed) ?? .playing
        let changed = lock.withLock { () -> Bool in
            defer { _health = health }
            return _health != health
        }
        if changed { onHealthChange?(health) }
        return problem == nil
    }

    /// Waits until every queued announcement has been spoken or dropped (tests, a clean exit).
    public func drain(timeout: TimeInterval = 30) {
        let deadline = Date() + timeout
        while pending > 0, Date() < deadline { usleep(10_000) }
    }
}
