import Foundation
import HallCore
import HallStore
import TerminalUI

/// The event loop: keys, a 100 ms poll of the store's data_version (so every screen refreshes well
/// within 0.5 s of a write anywhere in the hall), a one-second tick, and whole-frame rendering
/// into a ScreenBuffer that the backend presents row by row. ncurses is touched from this thread only.
public final class AppRunner {
    let backend: Backend
    let watcher: ChangeWatcher?
    let hallName: String
    let clock: Clock
    let calendar: HallCalendar
    var screen: Screen
    var showHelp = false
    /// Other threads (the announcer) ask for a bell here; the loop rings it on its own thread.
    public var bellRequests = BellRequests()
    public var pollMilliseconds = 100
    /// Reads the node's sync state for the status line; nil where there is no store (tests).
    public var syncStatus: (() throws -> SyncStatus)?
    var syncIndicator: SyncIndicator?
    var lastSyncRead = Date.distantPast

    public init(backend: Backend, screen: Screen, watcher: ChangeWatcher?, hallName: String, clock: Clock, calendar: HallCalendar) {
        self.backend = backend; self.screen = screen; self.watcher = watcher
        self.hallName = hallName; self.clock = clock; self.calendar = calendar
    }

    /// Runs until the screen exits. The caller owns backend.start()/stop() so that an error thrown
    /// anywhere still restores the terminal (see `runInterface`).
    public func run() {
        var dirty = true
        var lastTick = Date()
        screen.reload()
        refreshSyncIndicator()
        while true {
            if dirty { draw(); dirty = false }
            if let key = backend.readKey(timeoutMilliseconds: pollMilliseconds) {
                dirty = true
                if key == .resize { continue }
                if showHelp { showHelp = false; continue }
                if opensHelp(key) { showHelp = true; continue }
                // Ctrl-C ends a staff screen; an applicant-facing one (the pad) refuses it, since
                // its keyboard is within the applicant's reach (staff close it with F10 and a PIN).
                if key == .control("c") && !screen.facesApplicant { return }
                screen.handle(key)
                if !followTransition() { return }
            }
            if watcher?.hasChanged() == true {
                screen.reload()
                dirty = true
            }
            if Date().timeIntervalSince(lastTick) >= 1 {
                lastTick = Date()
                refreshSyncIndicator()
                _ = screen.tick()
                dirty = true   // the clock in the title bar moves every second
                // A screen may finish on its own (the pad handing the screen back after a rating
                // or a timeout), not only on a key.
                if !followTransition() { return }
            }
            if bellRequests.take() { backend.bell() }
        }
    }

    /// Replaces the screen if it asked to; false when it asked to exit.
    func followTransition() -> Bool {
        switch screen.transition {
        case .exit?: return false
        case .replace(let next)?:
            screen = next
            screen.reload()
        case nil: break
        }
        return true
    }

    /// F1 everywhere; "?" too, unless the clerk is typing free text.
    func opensHelp(_ key: Key) -> Bool {
        key == .function(1) || (key == .character("?") && !screen.isTypingText)
    }

    func draw() {
        var buffer = ScreenBuffer(width: backend.size.width, height: backend.size.height)
        render(into: &buffer)
        backend.present(buffer)
    }

    /// Pure rendering of the current state, used by the loop and the golden tests.
    public func render(into buffer: inout ScreenBuffer) {
        Chrome.render(screen, hallName: hallName, status: calendar.dayKey(clock.now()) + " " + calendar.timeOfDay(clock.now()),
                      sync: syncIndicator, showHelp: showHelp, into: &buffer)
    }

    /// Every 5 s: counting pending operations is an index range scan, cheap but not free.
    func refreshSyncIndicator(force: Bool = false) {
        guard let syncStatus, force || Date().timeIntervalSince(lastSyncRead) >= 5 else { return }
        lastSyncRead = Date()
        // An unreadable state shows nothing rather than stopping the clerk's screen.
        syncIndicator = (try? syncStatus()).map { SyncIndicator.of($0, now: clock.now(), calendar: calendar) }
    }

    /// Feeds one key as the loop would (tests drive screens this way).
    public func feed(_ key: Key) {
        if showHelp { showHelp = false; return }
        if opensHelp(key) { showHelp = true; return }
        screen.handle(key)
        _ = followTransition()
    }

    public var currentScreen: Screen { screen }
}

public final class BellRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    public func request() { lock.lock(); pending = true; lock.unlock() }
    func take() -> Bool { lock.lock(); defer { pending = false; lock.unlock() }; return pending }
}

/// Starts the terminal, runs the loop, and restores the terminal on every path out.
public func runInterface(_ makeRunner: (Backend) throws -> AppRunner, backend: Backend = NcursesBackend()) throws {
    try backend.start()
    defer { backend.stop() }
    let runner = try makeRunner(backend)
    runner.run()
}
