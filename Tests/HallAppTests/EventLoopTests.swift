import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The screens as models (events in, effects out, no SQLite), the runner's stack and its keys.
final class EventLoopTests: XCTestCase {
    let calendar = HallCalendar()

    func call(_ seq: Int64, _ number: String, window: Int = 1, kind: QueueEventKind = .called) -> CallRecord {
        CallRecord(seq: seq, kind: kind, ticketNumber: number, windowNumber: window, at: Date(timeIntervalSince1970: 1_772_000_000))
    }

    func announced(_ effects: [ModelEffect<BoardModel.Command, BoardModel.Destination>]) -> [String] {
        effects.compactMap { if case .run(.announce(let a)) = $0 { return a.text }; return nil }
    }

    // MARK: the call board

    /// Two loads that overlap (a call landing between two reads, or a second change while the
    /// first load runs) carry the same call: it is spoken once.
    func testBoardAnnouncesEachCallOnceWhenLoadsOverlap() {
        var s = BoardModel.State(calendar: calendar)
        XCTAssertEqual(announced(BoardModel.update(&s, .started)), [])
        // First load: history is shown, not spoken.
        let first = BoardModel.update(&s, .done(.loaded(.init(calls: [call(5, "A005")], fresh: [], windows: [], queues: []))))
        XCTAssertEqual(announced(first), [])
        XCTAssertEqual(s.announcedThrough, 5)
        // Both loads were asked for after mark 5; both saw A006, the second also A007.
        let a = BoardModel.update(&s, .done(.loaded(.init(calls: [call(6, "A006")], fresh: [call(6, "A006")], windows: [], queues: []))))
        let b = BoardModel.update(&s, .done(.loaded(.init(calls: [call(7, "A007"), call(6, "A006")],
                                                          fresh: [call(7, "A007"), call(6, "A006")], windows: [], queues: []))))
        XCTAssertEqual(announced(a), [spokenAnnouncement(ticketNumber: "A006", windowNumber: 1)])
        XCTAssertEqual(announced(b), [spokenAnnouncement(ticketNumber: "A007", windowNumber: 1)])
        // A late, older load never moves the mark back or speaks again.
        XCTAssertEqual(announced(BoardModel.update(&s, .done(.loaded(.init(calls: [], fresh: [call(6, "A006")], windows: [], queues: []))))), [])
        XCTAssertEqual(s.announcedThrough, 7)
        // The next load asks from the mark.
        guard case .run(.load(after: 7))? = BoardModel.update(&s, .storeChanged).first else { return XCTFail("loads after the mark") }
    }

    func testBoardIgnoresEscAndClosesOnlyForStaff() {
        var s = BoardModel.State(calendar: calendar)
        XCTAssertTrue(BoardModel.update(&s, .key(.escape)).isEmpty)
        XCTAssertNil(s.exit)
        _ = BoardModel.update(&s, .key(.function(10)))
        XCTAssertNotNil(s.exit)
        for c in "1001" { _ = BoardModel.update(&s, .key(.character(c))) }
        _ = BoardModel.update(&s, .key(.enter))
        for c in "1234" { _ = BoardModel.update(&s, .key(.character(c))) }
        let check = BoardModel.update(&s, .key(.enter))
        guard case .run(.checkStaff(clerkNumber: "1001", pin: "1234"))? = check.first else { return XCTFail("\(check)") }
        var guide = Clerk(id: "g", number: "2001", name: "周丽", role: .guide)
        XCTAssertTrue(BoardModel.update(&s, .done(.staffChecked(guide, at: Date()))).isEmpty, "a guide may not close the board")
        guide.role = .clerk
        guard case .quit? = BoardModel.update(&s, .done(.staffChecked(guide, at: Date()))).first else { return XCTFail("staff close it") }
    }

    /// Many calls from other store handles (separate connections, as separate processes are)
    /// while the board's real executor loads in the background: each call is spoken exactly once.
    /// The old board read the recent calls, then the calls after its mark, and set the mark from
    /// the first read, so a call landing between the two reads was spoken twice.
    func testBoardAnnouncesEveryCallOnceWhileOtherWindowsCall() throws {
        let f = try AppFixture()
        try f.issue("A", 60)
        try f.issue("B", 60)
        let clock = f.clock
        let announcer = Announcer(command: "true", now: { clock.now() }, bell: {})
        let board = f.board(announcer: announcer)
        let runner = AppRunner(backend: TextBackend(width: 80, height: 24), screen: board, watcher: nil,
                               hallName: "示范区", clock: f.clock, calendar: f.calendar)
        runner.storeChanged()
        let done = DispatchGroup()
        let path = f.store.path
        for (window, clerk) in [(1, "1001"), (2, "1002"), (3, "1003")] {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                guard let store = try? HallStore(path: path, clock: clock),
                      let c = try? store.signIn(clerkNumber: clerk, pin: "1234", window: window, terminal: "t\(window)") else { return }
                let by = Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "t\(window)")
                for i in 0..<30 {
                    guard (try? store.callNext(window: window, by: by)) != nil else { return }
                    if i % 5 == 0 { _ = try? store.recall(window: window, by: by) }
                    _ = try? store.finish(window: window, by: by)
                }
            }
        }
        while done.wait(timeout: .now() + .milliseconds(2)) == .timedOut {
            runner.storeChanged()
            runner.drainEvents()
        }
        // Let the last load land. The executor runs one effect at a time, in order, so once a
        // second load is back every announcement the first one asked for has been handed over.
        let deadline = Date() + 30
        for _ in 0..<2 {
            runner.storeChanged()
            repeat { usleep(2_000); runner.drainEvents() } while (board.state.loading || board.state.stale) && Date() < deadline
        }
        announcer.drain()
        let calls = try f.store.recentCalls(limit: 10_000, after: 0).sorted { $0.seq < $1.seq }
        XCTAssertGreaterThan(calls.count, 90)
        // Every call is accounted for exactly once: spoken, dropped by the voice (withdrawn as
        // superseded) or never handed over (superseded in the load that found it). The clerks
        // finish each ticket at once, so many are superseded; none is spoken twice.
        XCTAssertEqual(announcer.spoken.count + announcer.dropped.count + board.state.skipped, calls.count, "every call accounted for once")
        XCTAssertEqual(Set(announcer.dropped).count, announcer.dropped.count, "nothing dropped twice")
        let expected = calls.map { spokenAnnouncement(ticketNumber: $0.ticketNumber, windowNumber: $0.windowNumber) }
        var rest = expected[...]
        for text in announcer.spoken {
            guard let i = rest.firstIndex(of: text) else { return XCTFail("spoken twice or out of call order: \(text)") }
            rest = rest[(i + 1)...]
        }
    }

    // MARK: the window console

    func consoleState(current: Ticket? = nil, held: [Ticket] = [], paused: Bool = false, recallLimit: Int = 2) -> WindowConsole.State {
        let clerk = Clerk(id: "c1", number: "1001", name: "李敏", role: .clerk)
        var s = WindowConsole.State(clerk: clerk, windowNumber: 1, calendar: calendar, now: Date(timeIntervalSince1970: 1_772_000_000))
        var policy = QueuePolicy()
        policy.recallLimit = recallLimit
        let windows = (1...7).map { Window(id: "w\($0)", number: $0, name: "\($0)号综合窗口", serviceIds: ["A"]) }
        s.data = WindowConsole.Data(
            snapshot: WindowSnapshot(window: windows[0], status: paused ? .paused : (current == nil ? .idle : .serving), clerk: clerk,
                                     current: current, currentServiceName: "社保医保", statusSince: s.now, queues: [], targetedWaiting: 0,
                                     held: held, history: [], finishedToday: 0),
            services: [], windows: windows, windowStatus: [1: .serving, 2: .idle, 6: .signedOut],
            deadlines: (0, 0), handOver: nil, ratingTimeoutSeconds: 60, policy: policy, readAt: s.now)
        return s
    }

    func ticket(_ number: String, recalls: Int = 0) -> Ticket {
        var t = Ticket(id: number, number: number, serviceId: "A", serviceDay: "2026-03-02", priority: .normal, status: .serving,
                       issuedAt: Date(timeIntervalSince1970: 1_771_999_000), enqueuedAt: Date(timeIntervalSince1970: 1_771_999_000))
        t.recallCount = recalls
        return t
    }

    func commands(_ effects: [ModelEffect<WindowConsole.Command, WindowConsole.Destination>]) -> [WindowConsole.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func testConsoleKeysBecomeStoreCommands() {
        var s = consoleState()
        XCTAssertEqual(commands(WindowConsole.update(&s, .key(.function(2)))), [.act(.callNext)])
        XCTAssertEqual(commands(WindowConsole.update(&s, .key(.enter))), [.act(.callNext)])
        XCTAssertTrue(WindowConsole.update(&s, .key(.function(4))).isEmpty, "nothing to finish")
        XCTAssertEqual(s.message, .error("当前没有正在办理的号"))
        XCTAssertTrue(WindowConsole.update(&s, .key(.character("s"))).isEmpty)
        XCTAssertEqual(s.message?.text.contains("请先叫号（F2）"), true)
        XCTAssertTrue(WindowConsole.update(&s, .key(.escape)).isEmpty, "Esc at the console does nothing")

        var serving = consoleState(current: ticket("A001"))
        // F2 while serving is 办结并叫号 (one transaction); a stray Enter still finishes nobody.
        XCTAssertEqual(commands(WindowConsole.update(&serving, .key(.function(2)))), [.act(.finishAndCallNext)])
        XCTAssertTrue(commands(WindowConsole.update(&serving, .key(.enter))).isEmpty)
        XCTAssertEqual(serving.message, .error("正在办理 A001：办结请按 F4"))
        XCTAssertEqual(commands(WindowConsole.update(&serving, .key(.function(4)))), [.act(.finish)])
        guard case .open(.intake(let t))? = WindowConsole.update(&serving, .key(.character("S"))).first else { return XCTFail() }
        XCTAssertEqual(t.number, "A001")

        var paused = consoleState(paused: true)
        _ = WindowConsole.update(&paused, .key(.function(2)))
        XCTAssertEqual(paused.message, .error("已暂停叫号：请先按 F9 恢复叫号"))
        XCTAssertEqual(commands(WindowConsole.update(&paused, .key(.function(9)))), [.act(.resume)])
    }

    func testSignOutAsksAndReturnsServingAndHeldTicketsToTheQueue() {
        var idle = consoleState()
        XCTAssertTrue(WindowConsole.update(&idle, .key(.function(10))).isEmpty)
        XCTAssertTrue(idle.isDialogOpen)
        _ = WindowConsole.update(&idle, .key(.escape))
        XCTAssertFalse(idle.isDialogOpen, "Esc closes the dialog and nothing else")
        _ = WindowConsole.update(&idle, .key(.function(10)))
        XCTAssertEqual(commands(WindowConsole.update(&idle, .key(.character("1")))), [.act(.signOut)])

        var busy = consoleState(current: ticket("A001"), held: [ticket("A003")])
        _ = WindowConsole.update(&busy, .key(.function(10)))
        XCTAssertEqual(commands(WindowConsole.update(&busy, .key(.enter))), [.act(.returnTicketsToQueue)])
        guard case .quit? = WindowConsole.update(&busy, .done(.acted(.returnTicketsToQueue, "已退出登录", nil))).first else {
            return XCTFail("signed out: the console closes")
        }
    }

    func testTheRecallPastTheLimitAsksFirst() {
        var s = consoleState(current: ticket("A009", recalls: 1))
        XCTAssertEqual(commands(WindowConsole.update(&s, .key(.function(3)))), [.act(.recall)])
        var last = consoleState(current: ticket("A009", recalls: 2))
        XCTAssertTrue(WindowConsole.update(&last, .key(.function(3))).isEmpty)
        XCTAssertTrue(last.isDialogOpen)
        XCTAssertTrue(WindowConsole.update(&last, .key(.character("2"))).isEmpty, "取消")
        _ = WindowConsole.update(&last, .key(.function(3)))
        XCTAssertEqual(commands(WindowConsole.update(&last, .key(.character("1")))), [.act(.recall)])
    }

    func testTransferPicksAWindowByItsNumberAndWarnsWhenNobodyIsThere() {
        var s = consoleState(current: ticket("A001"))
        _ = WindowConsole.update(&s, .key(.function(8)))
        _ = WindowConsole.update(&s, .key(.character("2")))       // to a window
        _ = WindowConsole.update(&s, .key(.character("6")))       // window 6: nobody signed in
        _ = WindowConsole.update(&s, .key(.character("1")))       // the service queue instead
        _ = WindowConsole.update(&s, .key(.character("1")))       // front
        for c in "补材料" { _ = WindowConsole.update(&s, .key(.character(c))) }
        XCTAssertEqual(commands(WindowConsole.update(&s, .key(.enter))), [.act(.transfer(.service("A"), .front, note: "补材料"))])
        _ = WindowConsole.update(&s, .key(.function(8)))
        _ = WindowConsole.update(&s, .key(.character("2")))
        _ = WindowConsole.update(&s, .key(.character("2")))       // window 2: open, straight on
        _ = WindowConsole.update(&s, .key(.character("2")))       // back of the queue
        XCTAssertEqual(commands(WindowConsole.update(&s, .key(.enter))), [.act(.transfer(.window(2), .back, note: ""))])
    }

    /// The bar, the help and the dispatch come from one table: every key on the bar is in the
    /// help and dispatches; every row is in the help.
    func testKeyBarsAndHelpAgreeWithTheKeyTables() {
        func check<C, A>(_ table: KeyTable<C, A>, _ context: C, _ name: String) {
            let bar = table.keyBar(context)
            XCTAssertEqual(bar.first, KeyBarItem("F1", "帮助"), name)
            for item in bar.dropFirst() {
                XCTAssertTrue(table.help.contains { $0.hasPrefix("\(item.key) \(item.label)：") }, "\(name): \(item.key) not in the help")
                guard let row = table.commands.first(where: { $0.name == item.key && $0.label == item.label }) else { return XCTFail(name) }
                guard case .run = table.dispatch(row.keys[0], context) else { return XCTFail("\(name): \(item.key) does not dispatch") }
            }
            XCTAssertEqual(table.help.count, table.commands.count, name)
        }
        for s in [consoleState(), consoleState(current: ticket("A001")), consoleState(held: [ticket("A002")]), consoleState(paused: true)] {
            check(WindowConsole.keys, s, "window console")
            // At 80 columns nothing is dropped: the bar wraps to two rows at most.
            XCTAssertLessThanOrEqual(KeyBar.rows(WindowConsole.keys.keyBar(s), width: 80), 2)
        }
        check(BoardModel.keys, BoardModel.State(calendar: calendar), "board")
    }

    // MARK: the runner

    /// Esc at a front end's first screen never leaves it; F10 asks, Enter on 退出 leaves.
    func testEscNeverLeavesAFrontEndAndF10Asks() throws {
        let f = try AppFixture()
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let guide = try f.store.signIn(clerkNumber: "2001", pin: "2222", window: nil, terminal: "desk")
        let screens: [(String, Screen)] = [
            ("desk", TicketDeskScreen(store: f.store, clerk: guide, terminal: "desk", calendar: f.calendar, printDesk: f.printDesk)),
            ("dashboard", DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                          printDesk: f.printDesk)),
            ("sign-in", SignInScreen(store: f.store, purpose: .desk, terminal: "t") { c, _ in
                TicketDeskScreen(store: f.store, clerk: c, terminal: "t", calendar: f.calendar, printDesk: f.printDesk) }),
            ("console", try f.console(window: 1, clerk: "1001")),
        ]
        for (name, screen) in screens {
            let (r, _) = f.runner(screen, width: 80, height: 24)
            r.feed(.escape); r.feed(.escape)
            XCTAssertFalse(r.isQuitting, "\(name): Esc left the front end")
            XCTAssertTrue(r.currentScreen === screen, name)
            r.feed(.function(10))
            XCTAssertFalse(r.isQuitting, "\(name): F10 must ask first")
            r.feed(.escape)
            XCTAssertFalse(r.isQuitting, "\(name): Esc on the question stays")
            r.feed(.function(10)); r.feed(.enter)
            XCTAssertTrue(r.isQuitting, "\(name): F10 then Enter leaves")
        }
        let (board, _) = f.runner(f.board(), width: 80, height: 24)
        board.feed(.escape); board.feed(.function(10)); board.feed(.enter)
        XCTAssertFalse(board.isQuitting, "the board closes only with a staff PIN")
    }

    /// Going back restores the screen below as it was (its dialog, its message), not a new one.
    func testGoingBackRestoresTheScreenBelowAsItWas() throws {
        let f = try AppFixture()
        try f.issue("A")
        let console = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.function(2))
        r.feed(.character("c"))                               // 办件查询 above the console
        XCTAssertTrue(r.currentScreen is CaseListScreen)
        r.feed(.escape)
        XCTAssertTrue(r.currentScreen === console)
        XCTAssertEqual(console.state.snapshot?.current?.number, "A001")
        XCTAssertEqual(console.message?.text.hasPrefix("已叫号 A001"), true)
    }

    /// An escape sequence the terminal sent and nobody knows is shown once and runs nothing.
    func testAnUnknownKeyIsReportedAndRunsNothing() throws {
        let f = try AppFixture()
        try f.issue("A")
        let console = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.unknown("ESC[25~"))
        XCTAssertNil(console.state.snapshot?.current, "nothing was called")
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("ESC[25~"))
        r.feed(.function(2))
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("ESC[25~"), "shown once, until the next key")
        XCTAssertEqual(console.state.snapshot?.current?.number, "A001")
    }
}
