import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalUI

/// The real key reader on a pseudo-terminal: ncurses with a TERM whose terminfo does not know
/// what the "terminal" sends, as when xterm runs a program under TERM=linux (issue 18, defect 2).
final class NcursesKeyReaderTests: XCTestCase {
    /// Runs the backend with stdin and stdout on a pty slave, types `input` on the master side
    /// and returns every key read until the input runs dry.
    private func keys(term: String, typing input: String) throws -> [Key] {
        // posix_openpt/ptsname do not import into Swift: the Linux ioctls behind them instead.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw XCTSkip("no pseudo-terminal available")
        }
        defer { close(master) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw XCTSkip("cannot open the pty slave") }
        defer { close(slave) }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        let oldTerm = getenv("TERM").map { String(cString: $0) }
        fflush(nil)
        let savedIn = dup(STDIN_FILENO), savedOut = dup(STDOUT_FILENO)
        dup2(slave, STDIN_FILENO); dup2(slave, STDOUT_FILENO)
        setenv("TERM", term, 1)
        defer {
            fflush(nil)
            dup2(savedIn, STDIN_FILENO); dup2(savedOut, STDOUT_FILENO)
            close(savedIn); close(savedOut)
            if let oldTerm { setenv("TERM", oldTerm, 1) } else { unsetenv("TERM") }
        }

        let backend = NcursesBackend()
        try backend.start()
        defer { backend.stop() }
        let bytes = Array(input.utf8)
        XCTAssertEqual(write(master, bytes, bytes.count), bytes.count)
        var read: [Key] = []
        while let key = backend.readKey(timeoutMilliseconds: 300) { read.append(key) }
        return read
    }

    /// xterm's F1 and F4 under TERM=linux: the old reader gave ESC, "O", "P" (交屏's P) and
    /// ESC, "O", "S" (受理's S).
    func testXtermFunctionKeysUnderTermLinuxAreFunctionKeys() throws {
        XCTAssertEqual(try keys(term: "linux", typing: "\u{1B}OP\u{1B}OSq"), [.function(1), .function(4), .character("q")])
    }

    /// urxvt's F1–F4 under TERM=xterm-256color did nothing before; now they are F1–F4.
    func testRxvtFunctionKeysUnderTermXtermAreFunctionKeys() throws {
        XCTAssertEqual(try keys(term: "xterm-256color", typing: "\u{1B}[11~\u{1B}[14~"), [.function(1), .function(4)])
    }

    /// A sequence nobody knows is one unknown key; its letters never arrive.
    func testAnUnknownSequenceIsOneUnknownKey() throws {
        XCTAssertEqual(try keys(term: "linux", typing: "\u{1B}[99~\u{1B}OXs"), [.unknown("ESC[99~"), .unknown("ESCOX"), .character("s")])
    }
}
