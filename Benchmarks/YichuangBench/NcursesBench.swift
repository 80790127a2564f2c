import CNcursesw
import Foundation
import HallApp
import HallCore
import HallStore
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// NcursesBackend.present of full frames vs raw ncurses mvaddstr+refresh of the same text, each
/// run in a detached tmux pane of exactly 120×40 (a real pty, with tmux as the terminal).
/// Every frame changes every text row (the console alternates with its reverse-video copy),
/// so each present repaints all 40 rows.
enum NcursesBench {
    static let frames = 400

    static func measure(dir: String, store: String) throws -> (rows: [[String]], note: String) {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: FileManager.default.isExecutableFile) else {
            return ([], "ncurses not measured: tmux is not installed, and a present needs a real terminal.")
        }
        var results: [String: Stats] = [:]
        var sizeNote = ""
        for mode in ["backend", "raw"] {
            log("render: ncurses \(mode) in tmux…")
            let out = dir + "/ncurses-\(mode).txt"
            try? FileManager.default.removeItem(atPath: out)
            let socket = "yichuang-bench-\(getpid())"
            let command = "LANG=C.UTF-8 '\(selfExecutable())' worker-ncurses --mode \(mode) --store '\(store)' --out '\(out)' 2>'\(out).err'"
            shell(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command])
            let deadline = Date().addingTimeInterval(120)
            var text = ""
            while Date() < deadline {
                text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                if text.hasSuffix("done\n") { break }
                usleep(100_000)
            }
            shell(tmux, ["-L", socket, "kill-server"])
            // kill-server leaves the socket file behind; it is ours (named after this pid).
            try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
            guard text.hasSuffix("done\n") else {
                let err = (try? String(contentsOfFile: out + ".err", encoding: .utf8)) ?? ""
                return ([], "ncurses not measured: the tmux worker (\(mode)) did not finish. \(err)")
            }
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.first == "frame" { results[mode] = Stats(parts.dropFirst().map { Double($0)! / 1e6 }) }
                if parts.first == "size" { sizeNote = "pane \(parts[1])×\(parts[2]), TERM=\(parts.count > 3 ? String(parts[3]) : "?")" }
            }
        }
        guard let b = results["backend"], let r = results["raw"] else { return ([], "ncurses not measured: no samples.") }
        return ([["`NcursesBackend.present` of a full frame (in tmux)", ms(b.median), ms(b.p99),
                  "raw `mvaddstr`×40 + `refresh`: \(ms(r.median)) / \(ms(r.p99))", ratio(b.median, r.median), "—", "—"]],
                "ncurses: \(frames) frames each, \(sizeNote). The time includes writing to tmux's pty, so it depends on tmux " +
                "reading promptly on a 2-core machine; treat p99 as noisy. The raw loop writes plain text with one attribute, " +
                "the backend writes cell by cell with colours.")
    }

    @discardableResult
    static func shell(_ exe: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Runs inside the tmux pane.
    static func worker(_ o: Options) throws {
        let store = try HallStore(path: o.string("store"))
        let clerk = try store.clerks().first { $0.number == "1001" }!
        let text = TextBackend(width: RenderBench.width, height: RenderBench.height)
        var frameA = ScreenBuffer(width: RenderBench.width, height: RenderBench.height)
        try RenderBench.makeRunner(store: store, clerk: clerk, backend: text).render(into: &frameA)
        let rows = (0..<frameA.height).map(frameA.rowText)
        var frameB = ScreenBuffer(width: frameA.width, height: frameA.height)
        for (y, r) in rows.enumerated() { frameB.put(r, x: 0, y: y, style: .reverse) }

        var samples: [UInt64] = []
        var size = (0, 0)
        if o.string("mode") == "backend" {
            let backend = NcursesBackend()
            try backend.start()
            size = backend.size
            for i in 0..<(frames + 20) {
                let t0 = monoNanos()
                backend.present(i % 2 == 0 ? frameA : frameB)
                if i >= 20 { samples.append(monoNanos() - t0) }
            }
            backend.stop()
        } else {
            setlocale(LC_ALL, "")
            guard let scr = newterm(nil, yc_stdout(), yc_stdin()) else { throw TerminalError.unknownTerminal("") }
            set_term(scr)
            noecho()
            curs_set(0)
            size = (Int(yc_getmaxx(yc_stdscr())), Int(yc_getmaxy(yc_stdscr())))
            let reverse = Int32(bitPattern: UInt32(truncatingIfNeeded: yc_A_REVERSE()))
            for i in 0..<(frames + 20) {
                let t0 = monoNanos()
                attrset(i % 2 == 0 ? 0 : reverse)
                for (y, r) in rows.enumerated() { mvaddstr(Int32(y), 0, r) }
                refresh()
                if i >= 20 { samples.append(monoNanos() - t0) }
            }
            endwin()
            delscreen(scr)
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? "?"
        let body = "size \(size.0) \(size.1) \(term)\nframe " + samples.map(String.init).joined(separator: " ") + "\ndone\n"
        try body.write(toFile: o.string("out"), atomically: true, encoding: .utf8)
    }
}
