import Foundation
import HallApp
import Printing
import HallCore
@_spi(StoreInternals) import HallStore
import TerminalUI

/// Full redraw of the window console at 120×40, and keystroke-to-frame.
enum RenderBench {
    static let width = 120, height = 40

    static func makeRunner(store: HallStore, clerk: Clerk, window: Int = 2, backend: Backend) throws -> AppRunner {
        let hall = try store.hall()
        let screen = Interfaces.windowConsole(store: store, clerk: clerk, window: window, terminal: "bench", calendar: hall.calendar,
                                              printDesk: PrintDesk(store: store, routes: try PrinterRoutes(spoolDirectory: NSTemporaryDirectory())))
        // Inline: a key's effects (the store action and the read-back) finish before `feed` returns.
        return AppRunner(backend: backend, screen: screen, watcher: nil, hallName: hall.name, clock: store.clock, calendar: hall.calendar,
                         inline: true)
    }

    /// Times `body` `iterations` times after a warm-up; milliseconds.
    static func sample(_ iterations: Int, warmup: Int = 50, _ body: () throws -> Void) rethrows -> Stats {
        for _ in 0..<warmup { try body() }
        var out: [Double] = []
        out.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let t0 = monoNanos()
            try body()
            out.append(msSince(t0))
        }
        return Stats(out)
    }

    static func wideCharacters(_ b: ScreenBuffer) -> Int {
        var n = 0
        for y in 0..<b.height { for x in 0..<b.width where b[x, y].isContinuation { n += 1 } }
        return n
    }

    static func run(dir: String, iterations: Int) throws -> String {
        log("render: building the console hall…")
        let (store, clerk) = try BenchHall.console(path: dir + "/console.sqlite", extraWaiting: 400)
        let runner = try makeRunner(store: store, clerk: clerk, backend: TextBackend(width: width, height: height))
        var frame = ScreenBuffer(width: width, height: height)
        runner.render(into: &frame)
        let rows = (0..<height).map(frame.rowText)

        log("render: full redraw…")
        let render = sample(iterations) {
            var b = ScreenBuffer(width: width, height: height)   // as AppRunner.draw does, a fresh buffer per frame
            runner.render(into: &b)
        }
        let raw = sample(iterations) {
            var b = ScreenBuffer(width: width, height: height)
            for (y, text) in rows.enumerated() { b.put(text, x: 0, y: y) }
        }

        log("render: keystroke to frame…")
        // F4 finishes the ticket being served, F2 calls the next: each is one store write,
        // a reload of the window snapshot and a full render, as in the UI loop.
        var keyMs: [Double] = []
        for i in 0..<(iterations >= 1000 ? 200 : 60) {
            let t0 = monoNanos()
            runner.feed(i % 2 == 0 ? .function(4) : .function(2))
            var b = ScreenBuffer(width: width, height: height)
            runner.render(into: &b)
            keyMs.append(msSince(t0))
            if let m = runner.currentScreen.message, m.isError { log("render: key \(i): \(m.text)") }
        }
        let keys = Stats(keyMs)
        // Baseline for a keystroke: the same number of bare write transactions (synchronous=FULL,
        // the fsync floor any durable write pays) on the raw queue table.
        let rawPath = dir + "/raw-keystroke.sqlite"
        RawSQLite.createQueue(path: rawPath, tickets: keyMs.count + 10)
        let rawDB = RawSQLite(path: rawPath)
        let rawWrite = sample(keyMs.count, warmup: 5) { _ = rawDB.callNext(window: 2) }

        let ncurses = try NcursesBench.measure(dir: dir, store: store.path)

        var rowsOut: [[String]] = [
            ["full redraw (`AppRunner.render`, 120×40)", ms(render.median), ms(render.p99), "raw `put` of the same rows: \(ms(raw.median)) / \(ms(raw.p99))",
             ratio(render.median, raw.median), "≤ 2 ms", met(render.p99 <= 2)],
            ["keystroke to frame (F4/F2 + store write + reload + render)", ms(keys.median), ms(keys.p99),
             "bare durable write transaction: \(ms(rawWrite.median)) / \(ms(rawWrite.p99))", ratio(keys.median, rawWrite.median), "≤ 16 ms", met(keys.p99 <= 16)],
        ]
        rowsOut += ncurses.rows
        return """
            ### full redraw of the window console (120×40, Chinese text)

            Window 2 of the demo hall, signed in, serving a ticket, with one held ticket and a morning of history;
            the frame holds \(wideCharacters(frame)) double-width characters. \(iterations) frames after 50 warm-up frames.
            Baseline: a loop that `put`s the same 40 rows of text into a fresh 120×40 ScreenBuffer.

            \(table(["what", "median", "p99", "baseline (median / p99)", "ratio (median)", "target", "met (p99)"], rowsOut))
            \(ncurses.note)
            """
    }
}
