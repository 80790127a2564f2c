import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalUI

/// A real pseudo-terminal for the backend's tests: the program side is the slave (optionally put
/// on stdin/stdout, as a terminal window would be); the test plays the terminal on the master
/// side, answering cursor-position queries as a terminal in a given mode would and reading
/// everything the program drew.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    private var savedIn: Int32 = -1, savedOut: Int32 = -1
    private var savedEnvironment: [String: String?] = [:]

    init(width: Int = 80, height: Int = 24) throws {
        // posix_openpt/ptsname do not import into Swift: the Linux ioctls behind them instead.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw XCTSkip("no pseudo-terminal available")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw XCTSkip("cannot open the pty slave") }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        self.master = master; self.slave = slave
    }

    deinit {
        detach()
        close(master); close(slave)
    }

    /// Puts the slave on stdin and stdout, as the program's terminal, with these environment
    /// variables (nil unsets); `detach` (or deinit) undoes both.
    func attach(environment: [String: String?]) {
        for (key, value) in environment {
            // updateValue, not `[key] = nil`: a variable that was unset must be remembered as
            // unset (assigning nil would drop the key, and detach would leave the test's value
            // behind for every later test: the tmux tests then ran in wide mode).
            savedEnvironment.updateValue(getenv(key).map { String(cString: $0) }, forKey: key)
            if let value { setenv(key, value, 1) } else { unsetenv(key) }
        }
        fflush(nil)
        savedIn = dup(STDIN_FILENO); savedOut = dup(STDOUT_FILENO)
        dup2(slave, STDIN_FILENO); dup2(slave, STDOUT_FILENO)
    }

    func detach() {
        guard savedIn >= 0 else { return }
        fflush(nil)
        dup2(savedIn, STDIN_FILENO); dup2(savedOut, STDOUT_FILENO)
        close(savedIn); close(savedOut)
        savedIn = -1; savedOut = -1
        for (key, value) in savedEnvironment {
            if let value { setenv(key, value, 1) } else { unsetenv(key) }
        }
        savedEnvironment = [:]
    }

    /// Plays the terminal while `body` runs (it may block reading the slave): every `ESC[6n`
    /// the program writes is answered with the next of `answers` (none left: no answer, as a
    /// terminal that ignores the query). Returns body's result and all the program wrote.
    func answering<T>(_ answers: [String], during body: () throws -> T) rethrows -> (T, String) {
        let done = Flag()
        let seen = Bytes()
        let terminal = Thread { [master] in
            var pending = answers
            var queries = 0
            while !done.isSet {
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&fds, 1, 10) > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = read(master, &chunk, chunk.count)
                if n <= 0 { continue }
                seen.append(chunk[0..<n])
                let asked = seen.count(of: Array("\u{1B}[6n".utf8))
                while queries < asked {
                    queries += 1
                    if !pending.isEmpty { let a = Array(pending.removeFirst().utf8); _ = write(master, a, a.count) }
                }
            }
        }
        terminal.start()
        defer { done.set(); while !terminal.isFinished { usleep(1000) } }
        let result = try body()
        done.set()
        while !terminal.isFinished { usleep(1000) }
        return (result, seen.text + drain())
    }

    /// Everything written to the slave and not yet read, once the program has stopped writing.
    func drain() -> String {
        var bytes: [UInt8] = []
        while true {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 200) > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(master, &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

private final class Bytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ more: ArraySlice<UInt8>) { lock.lock(); bytes += more; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: bytes, as: UTF8.self) }
    func count(of needle: [UInt8]) -> Int {
        lock.lock(); defer { lock.unlock() }
        guard bytes.count >= needle.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }.count
    }
}
