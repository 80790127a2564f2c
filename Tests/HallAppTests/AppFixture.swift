import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI
import XCTest
@testable import HallApp

/// The demo hall in a temporary folder on a manual clock (2026-03-02 09:00 Beijing time).
final class AppFixture {
    let store: HallStore
    let clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))
    let calendar: HallCalendar
    /// Prints inline into `spool` (the default printer: a folder), so tests see each job's fate at once.
    let spool: URL
    let printDesk: PrintDesk

    /// `catalog`: also seed the shipped calendar and matter catalog, as `yichuang init` does.
    init(catalog: Bool = false) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path, clock: clock)
        var setup = try DemoHall.setup()
        setup.pinRounds = 1000
        if catalog { try HallInstaller.install(setup, in: store, by: .system("test")) } else { try store.setUp(setup, by: .system("test")) }
        calendar = try store.hall().calendar
        spool = dir.appendingPathComponent("spool")
        printDesk = PrintDesk(store: store, routes: try PrinterRoutes(spoolDirectory: spool.path), inline: true)
    }

    func issue(_ service: String, _ n: Int = 1, green: Bool = false) throws {
        for _ in 0..<n {
            _ = try store.issueTicket(service: service, priority: green ? .greenChannel : .normal, by: .system("desk"))
            clock.advance(seconds: 30)
        }
    }

    func runner(_ screen: Screen, width: Int, height: Int) -> (AppRunner, TextBackend) {
        let backend = TextBackend(width: width, height: height)
        let r = AppRunner(backend: backend, screen: screen, watcher: nil, hallName: "示范区政务服务中心", clock: clock, calendar: calendar,
                          inline: true)
        return (r, backend)
    }

    func frame(_ r: AppRunner, width: Int, height: Int) -> String {
        var buffer = ScreenBuffer(width: width, height: height)
        r.render(into: &buffer)
        return buffer.text
    }

    func type(_ r: AppRunner, _ text: String) { for c in text { r.feed(.character(c)) } }

    /// Window 1 serves A001 for two minutes and finishes it, on a runner the test keeps driving.
    func consoleAfterFinish() throws -> (AppRunner, ModelScreen<WindowConsole>) {
        try issue("A")
        let console = try console(window: 1, clerk: "1001")
        let (r, _) = runner(console, width: 80, height: 24)
        r.feed(.function(2))
        clock.advance(seconds: 120)
        r.feed(.function(4))
        return (r, console)
    }

    /// The call board on this fixture's store, with `announcer`'s voice.
    func board(announcer: Announcer? = nil) -> ModelScreen<BoardModel> {
        Interfaces.board(store: store, calendar: calendar, announcer: announcer, terminal: "board")
    }

    /// A standalone rating pad at `window`, on an 80×24 runner.
    func pad(window: Int) -> (AppRunner, ModelScreen<RatingPad>) {
        let pad = padScreen(window: window)
        return (runner(pad, width: 80, height: 24).0, pad)
    }

    func padScreen(window: Int = 1, defaults: DefaultRatingSchedule? = nil) -> ModelScreen<RatingPad> {
        Interfaces.ratingPad(store: store, window: window, terminal: "pad", defaults: defaults)
    }

    func console(window: Int, clerk: String) throws -> ModelScreen<WindowConsole> {
        let c = try store.signIn(clerkNumber: clerk, pin: "1234", window: window, terminal: "tty\(window)")
        return Interfaces.windowConsole(store: store, clerk: c, window: window, terminal: "tty\(window)", calendar: calendar, printDesk: printDesk)
    }
}

/// Compares with Tests/HallAppTests/Golden/NAME.txt; UPDATE_GOLDEN=1 rewrites the file instead.
func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("missing golden file \(url.path): run with UPDATE_GOLDEN=1", file: file, line: line)
        return
    }
    if expected != text {
        XCTFail("screen differs from \(name).txt:\n--- expected\n\(expected)\n--- actual\n\(text)", file: file, line: line)
    }
}
