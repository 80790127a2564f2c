#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the terminal itself, before curses starts, how it draws text: whether it shows UTF-8
/// Chinese at all, and how wide it draws ambiguous characters. It writes test characters at
/// the start of the line and asks where the cursor went (`ESC[6n`, which every VT100
/// descendant answers with `ESC[row;columnR`), then erases them.
public enum TerminalProbe {
    public struct Answer: Equatable, Sendable {
        /// "好好" moved the cursor 4 columns. A terminal set to Latin-1 or GBK moves it 6.
        public var showsUTF8: Bool
        /// Columns "好好" took, for the message when it is not 4.
        public var chineseColumns: Int
        public var ambiguous: AmbiguousWidth
    }

    /// The test text: two wide characters whose UTF-8 bytes (E5 A5 BD) are printable Latin-1 and
    /// pair up differently as GBK, so a terminal decoding anything but UTF-8 lands elsewhere.
    static let chineseSample = "好好"
    /// Two ambiguous characters (the middle dot and a box line): 2 columns narrow, 4 wide.
    static let ambiguousSample = "·─"

    /// Runs the probe on a terminal (`input` and `output` are its descriptors); nil when it did
    /// not answer within `timeoutMilliseconds` (then nothing is known, and nothing is assumed).
    public static func run(input: Int32, output: Int32, timeoutMilliseconds: Int = 500) -> Answer? {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer {
            send(output, "\r\u{1B}[K")            // erase the test characters
            tcsetattr(input, TCSANOW, &saved)
        }
        guard let chinese = column(after: chineseSample, input: input, output: output, timeout: timeoutMilliseconds),
              let ambiguous = column(after: ambiguousSample, input: input, output: output, timeout: timeoutMilliseconds) else {
            tcflush(input, TCIFLUSH)              // a half-read answer must not arrive as keys
            return nil
        }
        return Answer(showsUTF8: chinese - 1 == 4, chineseColumns: chinese - 1,
                      ambiguous: ambiguous - 1 > DisplayWidth.of(ambiguousSample) ? .wide : .narrow)
    }

    /// Writes `sample` at the start of the line and returns the cursor's column after it (1-based).
    private static func column(after sample: String, input: Int32, output: Int32, timeout: Int) -> Int? {
        send(output, "\r" + sample + "\u{1B}[6n")
        var reply: [UInt8] = []
        var remaining = timeout
        while remaining > 0 {
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let step = min(remaining, 50)
            remaining -= step
            guard poll(&fds, 1, Int32(step)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 64)
            let n = read(input, &chunk, chunk.count)
            if n <= 0 { return nil }
            reply += chunk[0..<n]
            if let position = cursorPosition(in: reply) { return position.column }
        }
        return nil
    }

    /// The last complete cursor position report `ESC [ row ; column R` in `bytes`; keys typed
    /// ahead around it are ignored.
    static func cursorPosition(in bytes: [UInt8]) -> (row: Int, column: Int)? {
        var found: (Int, Int)?
        var i = 0
        while i + 1 < bytes.count {
            defer { i += 1 }
            guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else { continue }
            var j = i + 2, numbers = [0], digits = 0
            while j < bytes.count {
                let b = bytes[j]
                if b >= 0x30 && b <= 0x39 { numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(b - 0x30); digits += 1 }
                else if b == UInt8(ascii: ";") { numbers.append(0) }
                else { break }
                j += 1
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "R"), numbers.count == 2, digits >= 2 { found = (numbers[0], numbers[1]) }
        }
        return found
    }

    private static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }
}
