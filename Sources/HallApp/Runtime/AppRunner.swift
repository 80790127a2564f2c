import Foundation
import HallCore
import HallStore
import TerminalUI

/// The event loop. Keys, a 100 ms poll of the store's data_version (so every screen refreshes well
/// within 0.5 s of a write anywhere in the hall), a one-second tick and the results of effects all
/// become `AppEvent`s for the screen on top of a stack; the screens answer with `Effect`s, which
/// the runner carries out: blocking work on one executor thread (its results come back through
/// the one `EventQueue`), navigation and the bell here. ncurses is touched from this thread only.
public final class AppRunner {
    let backend: Backend
    let watcher: ChangeWatcher?
    let hallName: String
    let clock: Clock
    let calendar: HallCalendar
    /// The open screens, the one shown last. Going back pops; the one below comes back as it was.
    private(set) var stack: [Screen]
    /// The F1 help, while it is open (it scrolls when longer than the terminal).
    var help: HelpView?
    var showHelp: Bool { help != nil }
    /// The runner's own "leave?" question (`Effect.confirmQuit`).
    var quitPrompt: ChoiceDialog?
    var quitting = false
    /// "That key was not understood", shown in place of the screen's message until the next key:
    /// an unknown escape sequence is never handed to a screen (its bytes are not commands).
    var notice: StatusMessage?
    public let events: EventQueue
    /// Tests run effects at once, on the caller's thread, so a key's whole outcome is there when
    /// `feed` returns; the live loop runs them on `executor`.
    let inline: Bool
    private let executor = DispatchQueue(label: "yichuang.effects")
    public var pollMilliseconds = 100
    /// Reads the node's sync state for the status line; nil where there is no store (tests).
    public var syncStatus: (() throws -> SyncStatus)?
    var syncIndicator: SyncIndicator?
    var lastSyncRead = Date.distantPast
    /// Keys handled and frames drawn since start (see `writeStats`).
    private(set) var keysFed = 0
    private(set) var framesDrawn = 0

    public init(backend: Backend, screen: Screen, watcher: ChangeWatcher?, hallName: String, clock: Clock,
                calendar: HallCalendar, events: EventQueue = EventQueue(), inline: Bool = false) {
        self.backend = backend; self.stack = [screen]; self.watcher = watcher
        self.hallName = hallName; self.clock = clock; self.calendar = calendar; self.events = events; self.inline = inline
        if inline { deliver(.started, to: screen) }
    }

    public var currentScreen: Screen { stack[stack.count - 1] }

    /// Runs until a screen quits. The caller owns backend.start()/stop() so that an error thrown
    /// anywhere still restores the terminal (see `runInterface`).
    public func run() {
        var dirty = true
        var lastTick = Date()
        deliver(.started, to: currentScreen)
        refreshSyncIndicator()
        while !quitting {
            if dirty { draw(); dirty = false }
            if let key = backend.readKey(timeoutMilliseconds: pollMilliseconds) {
                dirty = true
                for key in gatherPaste(after: key) {
                    // Ctrl-C ends a staff screen at once; an applicant-facing one (the pad) refuses it,
                    // since its keyboard is within the applicant's reach (staff close it with a PIN).
                    if key == .control("c") && !currentScreen.facesApplicant { writeStats(); return }
                    feed(key)
                }
            }
            if watcher?.hasChanged() == true {
                deliver(.storeChanged, to: currentScreen)
                dirty = true
            }
            if Date().timeIntervalSince(lastTick) >= 1 {
                lastTick = Date()
                refreshSyncIndicator()
                deliver(.tick(clock.now()), to: currentScreen)
                dirty = true   // the clock in the title bar moves every second
            }
            if drainEvents() { dirty = true }
        }
        writeStats()
    }

    /// While a field has the keyboard, the characters the terminal already holds after `first`
    /// (a paste, however long) become one `.paste` key: one update and one frame instead of one
    /// per character, which took 85 s for 10,000. The key that ends the run (Enter, say) follows.
    func gatherPaste(after first: Key) -> [Key] {
        guard case .character(let c) = first, currentScreen.isTypingText, help == nil, quitPrompt == nil else { return [first] }
        var text = String(c)
        var next: Key?
        while let key = backend.readKey(timeoutMilliseconds: 0) {
            guard case .character(let more) = key else { next = key; break }
            text.append(more)
        }
        return (text.count > 1 ? [Key.paste(text)] : [first]) + (next.map { [$0] } ?? [])
    }

    /// `YICHUANG_LOOP_STATS=path` makes the loop write how many keys it handled and frames it
    /// drew when it ends (the end-to-end tests count work with it, never time).
    func writeStats() {
        guard let path = ProcessInfo.processInfo.environment["YICHUANG_LOOP_STATS"] else { return }
        try? "keys=\(keysFed) frames=\(framesDrawn)\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Feeds one key as the loop does (tests drive screens this way).
    public func feed(_ key: Key) {
        keysFed += 1
        if key == .resize { deliver(.resize, to: currentScreen); return }
        notice = key.notUnderstood.map { .error($0) }
        if notice != nil { return }
        if var open = help {
            let screen = currentScreen
            let area = Chrome.helpArea(width: backend.size.width, height: backend.size.height)
            help = open.handle(key, title: "帮助 · \(screen.title)", help: screen.help, in: area) ? open : nil
            return
        }
        if var prompt = quitPrompt {
            switch prompt.handle(key) {
            case .pending: quitPrompt = prompt
            case .chosen(0): quitting = true
            case .chosen, .cancelled: quitPrompt = nil
            }
            return
        }
        if opensHelp(key) { help = HelpView(); return }
        deliver(.key(key), to: currentScreen)
    }

    /// Delivers what other threads queued; true when anything arrived.
    @discardableResult
    public func drainEvents() -> Bool {
        let items = events.takeAll()
        for item in items {
            switch item {
            case .bell: backend.bell()
            case .event(let e, let target):
                // An effect's result goes to the screen that asked, if it is still open.
                if let target = target?.screen {
                    if stack.contains(where: { $0 === target }) { deliver(e, to: target) }
                } else {
                    deliver(e, to: currentScreen)
                }
            }
        }
        return !items.isEmpty
    }

    func deliver(_ event: AppEvent, to screen: Screen) {
        apply(screen.update(event), from: screen)
    }

    func apply(_ effects: [Effect], from screen: Screen) {
        for effect in effects {
            switch effect {
            case .perform(let job):
                if inline {
                    deliver(.done(job()), to: screen)
                } else {
                    let (events, target) = (events, ScreenRef(screen: screen))
                    executor.async { events.post(.done(job()), to: target) }
                }
            case .push(let next):
                stack.append(next)
                // Another screen: repaint every cell, so nothing of the last one's frame stays.
                backend.invalidate()
                deliver(.started, to: next)
            case .pop(let message):
                guard let i = stack.lastIndex(where: { $0 === screen }) else { continue }
                stack.remove(at: i)
                if stack.isEmpty { quitting = true; return }
                backend.invalidate()
                if i == stack.count { deliver(.resumed(message), to: currentScreen) }
            case .replace(let next):
                guard let i = stack.lastIndex(where: { $0 === screen }) else { continue }
                stack[i] = next
                backend.invalidate()
                deliver(.started, to: next)
            case .quit:
                quitting = true
            case .confirmQuit(let question):
                quitPrompt = ChoiceDialog(title: question, options: ["退出", "取消"])
            case .bell:
                backend.bell()
            }
        }
    }

    /// F1 everywhere; "?" too, unless the clerk is typing free text.
    func opensHelp(_ key: Key) -> Bool {
        key == .function(1) || (key == .character("?") && !currentScreen.isTypingText)
    }

    /// What the loop does each second and on a write by another process (tests call these).
    public func tick() { deliver(.tick(clock.now()), to: currentScreen) }
    public func storeChanged() { deliver(.storeChanged, to: currentScreen) }

    public var isQuitting: Bool { quitting }
    public var isAskingToQuit: Bool { quitPrompt != nil }

    func draw() {
        framesDrawn += 1
        var buffer = ScreenBuffer(width: backend.size.width, height: backend.size.height)
        render(into: &buffer)
        backend.present(buffer)
    }

    /// Pure rendering of the current state, used by the loop and the golden tests.
    public func render(into buffer: inout ScreenBuffer) {
        Chrome.render(currentScreen, hallName: hallName, status: calendar.dayKey(clock.now()) + " " + calendar.timeOfDay(clock.now()),
                      sync: syncIndicator, showHelp: showHelp, help: help ?? HelpView(), notice: notice, into: &buffer)
        if let quitPrompt, buffer.width >= MinimumSize.width || buffer.width >= currentScreen.minimumSize.width {
            quitPrompt.render(in: Rect(x: 0, y: 1, width: buffer.width, height: max(0, buffer.height - 2)), into: &buffer)
        }
    }

    /// Every 5 s: counting pending operations is an index range scan, cheap but not free.
    func refreshSyncIndicator(force: Bool = false) {
        guard let syncStatus, force || Date().timeIntervalSince(lastSyncRead) >= 5 else { return }
        lastSyncRead = Date()
        // An unreadable state shows nothing rather than stopping the clerk's screen.
        syncIndicator = (try? syncStatus()).map { SyncIndicator.of($0, now: clock.now(), calendar: calendar) }
    }
}

/// A screen carried to the executor's thread and back, untouched there, to address its result.
struct ScreenRef: @unchecked Sendable {
    let screen: Screen
}

/// Starts the terminal, runs the loop, and restores the terminal on every path out.
public func runInterface(_ makeRunner: (Backend) throws -> AppRunner, backend: Backend = NcursesBackend()) throws {
    try backend.start()
    defer { backend.stop() }
    let runner = try makeRunner(backend)
    runner.run()
}
