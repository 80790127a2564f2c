import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The board's voice with real processes: repeats, dropping late and superseded calls, and a
/// voice that does not play shown on the board.
final class VoiceTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_772_413_200)

    func temp(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    func lines(_ url: URL) -> [String] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Each call is spoken twice unless configured otherwise.
    func testEachCallIsSpokenTwiceByDefault() {
        let log = temp("voice")
        let a = Announcer(command: "echo {text} >> \(log.path)", now: { [t0] in t0 }, bell: {})
        a.announce(Announcement(seq: 1, text: "请 A 零 零 一 号", at: t0))
        a.drain()
        XCTAssertEqual(lines(log), ["请 A 零 零 一 号", "请 A 零 零 一 号"])
        XCTAssertEqual(a.spoken, ["请 A 零 零 一 号"], "one announcement, however often repeated")
        XCTAssertEqual(AppConfig.defaultVoiceRepeat, 2)
    }

    /// A burst of five calls where each utterance takes 6 s (the clock moves 6 s per line the
    /// command writes): the voice never starts one more than 30 s after its call, and drops the
    /// rest instead of running ever later.
    func testABurstNeverRunsMoreThanTheLimitBehind() {
        let log = temp("voice")
        let base = t0
        let a = Announcer(command: "echo {text} >> \(log.path)", repeats: 2, maxAge: 30,
                          now: { base + 6 * Double(((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count) },
                          bell: {})
        for i in 1...5 { a.announce(Announcement(seq: Int64(i), text: "号\(i)", at: base)) }
        a.drain()
        let said = lines(log)
        // Utterance k starts at 6k s: 0…30 s are within the limit (six utterances), later ones are not.
        XCTAssertEqual(said, ["号1", "号1", "号2", "号2", "号3", "号3"])
        XCTAssertEqual(a.spoken, ["号1", "号2", "号3"])
        XCTAssertEqual(a.dropped, [4, 5])
    }

    /// The board withdraws a waiting call: it is dropped, never spoken; the one being spoken is
    /// not repeated.
    func testAWithdrawnAnnouncementIsDropped() throws {
        let log = temp("voice"), gate = temp("gate"), started = temp("started")
        let a = Announcer(command: "touch \(started.path); while [ ! -f \(gate.path) ]; do sleep 0.01; done; echo {text} >> \(log.path)",
                          repeats: 2, now: { [t0] in t0 }, bell: {})
        a.announce(Announcement(seq: 1, text: "一", at: t0))
        a.announce(Announcement(seq: 2, text: "二", at: t0))
        a.announce(Announcement(seq: 3, text: "三", at: t0))
        // Seq 1 is being spoken (it waits for the gate); give up after 10 s rather than hang.
        let deadline = Date() + 10
        while !FileManager.default.fileExists(atPath: started.path), Date() < deadline { usleep(1_000) }
        a.withdraw([1, 2])
        try Data().write(to: gate)
        a.drain()
        XCTAssertEqual(lines(log), ["一", "三", "三"], "1 finishes its utterance without a repeat, 2 is dropped")
        XCTAssertEqual(a.spoken, ["一", "三"])
        XCTAssertEqual(a.dropped, [2])
    }

    // MARK: the board model

    func call(_ seq: Int64, _ number: String, window: Int = 1, kind: QueueEventKind = .called) -> CallRecord {
        CallRecord(seq: seq, kind: kind, ticketNumber: number, windowNumber: window, at: t0)
    }

    func serving(_ window: Int, _ number: String?) -> WindowStatusRow {
        let ticket = number.map { Ticket(id: $0, number: $0, serviceId: "A", serviceDay: "2026-03-02", priority: .normal, status: .serving, issuedAt: t0, enqueuedAt: t0) }
        return WindowStatusRow(window: Window(id: "w\(window)", number: window, name: "\(window)号窗口", serviceIds: ["A"]),
                               status: number == nil ? .idle : .serving, clerk: nil, current: ticket, finishedToday: 0, utilisation: nil)
    }

    func effects(_ e: [ModelEffect<BoardModel.Command, BoardModel.Destination>]) -> (announced: [Int64], withdrawn: [Int64]) {
        var announced: [Int64] = [], withdrawn: [Int64] = []
        for effect in e {
            if case .run(.announce(let a)) = effect { announced.append(a.seq) }
            if case .run(.withdraw(let s)) = effect { withdrawn += s }
        }
        return (announced, withdrawn)
    }

    /// A call the load already shows finished, or recalled in the same load, is not handed to the
    /// voice; one handed over and superseded since (finished, recalled, called elsewhere) is
    /// withdrawn. Each call is still handed over at most once.
    func testTheBoardDropsSupersededCalls() {
        var s = BoardModel.State(calendar: HallCalendar())
        _ = BoardModel.update(&s, .started)
        _ = BoardModel.update(&s, .done(.loaded(.init(calls: [], fresh: [], windows: [serving(1, nil), serving(2, nil)], queues: []))))
        // A001 called and already finished, A002 called then recalled, A003 current: only the
        // recall of A002 and A003 are spoken.
        let batch = [call(1, "A001"), call(2, "A002", window: 2), call(3, "A002", window: 2, kind: .recalled), call(4, "A003")]
        var e = effects(BoardModel.update(&s, .done(.loaded(.init(calls: batch.reversed(), fresh: batch.reversed(),
                                                                  windows: [serving(1, "A003"), serving(2, "A002")], queues: [])))))
        XCTAssertEqual(e.announced, [3, 4])
        XCTAssertEqual(e.withdrawn, [])
        XCTAssertEqual(s.skipped, 2)
        // A003 is transferred and called at window 2; A002 is finished: both earlier ones withdrawn.
        let later = [call(5, "A003", window: 2)]
        e = effects(BoardModel.update(&s, .done(.loaded(.init(calls: later + batch.reversed(), fresh: later,
                                                              windows: [serving(1, nil), serving(2, "A003")], queues: [])))))
        XCTAssertEqual(e.withdrawn.sorted(), [3, 4])
        XCTAssertEqual(e.announced, [5])
        // A load that has not seen a call yet says nothing about it.
        e = effects(BoardModel.update(&s, .done(.loaded(.init(calls: [], fresh: [], windows: [serving(2, nil)], queues: [])))))
        XCTAssertEqual(e.withdrawn, [])
        // Calls older than the voice's limit are forgotten on the tick.
        _ = BoardModel.update(&s, .tick(t0 + 31))
        XCTAssertTrue(s.voicing.isEmpty)
    }

    // MARK: a voice that does not play

    /// Calls A001 at window 2 and shows the board after the voice has had its turn.
    func boardAfterACall(voice: String) throws -> (frame: String, bells: Int, health: VoiceHealth) {
        let f = try AppFixture()
        try f.issue("A", 2)
        final class Count: @unchecked Sendable { var n = 0; let lock = NSLock() }
        let bells = Count()
        let clock = f.clock
        let announcer = Announcer(command: voice, now: { clock.now() }, bell: { bells.lock.withLock { bells.n += 1 } })
        let board = f.board(announcer: announcer)
        let (b, _) = f.runner(board, width: 80, height: 24)
        let (r, _) = f.runner(try f.console(window: 2, clerk: "1002"), width: 80, height: 24)
        r.feed(.function(2))
        b.storeChanged()
        announcer.drain()
        b.storeChanged()
        return (f.frame(b, width: 80, height: 24), bells.lock.withLock { bells.n }, announcer.health)
    }

    func testAVoiceThatFailsIsShownOnTheBoardAndRingsTheBell() throws {
        let (frame, bells, health) = try boardAfterACall(voice: "exit 1")
        XCTAssertTrue(frame.contains("语音放不出声（退出码 1），已改响铃声"), frame)
        XCTAssertEqual(bells, 1, "one bell, not one per repeat")
        XCTAssertNotNil(health.problem)
    }

    func testAVoiceThatPlaysShowsNoWarning() throws {
        let (frame, bells, health) = try boardAfterACall(voice: "true")
        XCTAssertFalse(frame.contains("语音"), frame)
        XCTAssertEqual(bells, 0)
        XCTAssertEqual(health, .playing)
    }

    /// The real tools: espeak-ng exits 0 with no sound device, so the default command renders a
    /// WAV and plays it with aplay, whose status tells. On a machine without a sound card (this
    /// test's), the board says so.
    func testTheDefaultVoiceNoticesThereIsNoSoundDevice() throws {
        guard let command = Announcer.defaultCommand(), command.contains("aplay") else {
            throw XCTSkip("espeak-ng 或 aplay 未安装")
        }
        guard !FileManager.default.fileExists(atPath: "/dev/snd") else { throw XCTSkip("本机有声卡") }
        let espeak = Process()
        espeak.executableURL = URL(fileURLWithPath: "/bin/sh")
        espeak.arguments = ["-c", "espeak-ng -v cmn 测试 >/dev/null 2>&1"]
        try espeak.run(); espeak.waitUntilExit()
        XCTAssertEqual(espeak.terminationStatus, 0, "espeak-ng alone says nothing of the missing device")
        let (frame, bells, _) = try boardAfterACall(voice: command)
        XCTAssertTrue(frame.contains("语音放不出声"), frame)
        XCTAssertEqual(bells, 1)
    }

    func testTheVoiceSettingsAreReadAndChecked() throws {
        let home = temp("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent("yichuang.toml")
        try "[board]\nvoice_repeat = 3\nvoice_max_age = 20\n".write(to: file, atomically: true, encoding: .utf8)
        let config = try AppConfig.load(environment: ["YICHUANG_HOME": home.path])
        XCTAssertEqual(config.voiceRepeat, 3)
        XCTAssertEqual(config.voiceMaxAge, 20)
        XCTAssertEqual(try AppConfig.load(environment: ["YICHUANG_HOME": temp("none").path]).voiceRepeat, 2)
        try "[board]\nvoice_repeat = 0\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AppConfig.load(environment: ["YICHUANG_HOME": home.path])) {
            XCTAssertTrue($0.localizedDescription.contains("voice_repeat 应为 1～5 的整数"), $0.localizedDescription)
            XCTAssertTrue($0.localizedDescription.contains("第 2 行"), $0.localizedDescription)
        }
    }
}
