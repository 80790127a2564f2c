// The only file that touches ncurses. Everything else draws into ScreenBuffer.
import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw.
///
/// Threading: ncurses is not thread-safe. Create, use and stop this backend from ONE thread
/// (the UI loop); other work reports back to that loop as events.
///
/// Exit paths: `stop()` restores the terminal and is idempotent. Fatal signals (SIGINT,
/// SIGTERM, SIGHUP, SIGQUIT) and `exit()` (atexit hook) also restore it. An app that throws
/// must call `stop()` before printing the error (see `Backend`).
public final class NcursesBackend: Backend {
    private var screen: OpaquePointer?           // SCREEN*, from newterm
    private var previous: ScreenBuffer?          // last presented frame; nil forces a full repaint
    private var pairs: [Int: Int16] = [:]        // (fg, bg) -> colour pair number, allocated lazily
    private var colorsAvailable = false
    private var defaultColors = false            // use_default_colors() succeeded: -1 is "terminal default"
    private var cursor: (x: Int, y: Int)?
    /// nil: the environment's setting (`YICHUANG_AMBIGUOUS_WIDTH`), else ask the terminal.
    private let ambiguousSetting: AmbiguousWidth?
    /// How this terminal draws ambiguous characters; known after `start`.
    public private(set) var ambiguousWidth: AmbiguousWidth = .narrow

    /// `ambiguousWidth` fixes the mode (from yichuang.toml, say); nil leaves it to the environment
    /// variable, and without that to the probe at start.
    public init(ambiguousWidth: AmbiguousWidth? = nil) {
        ambiguousSetting = ambiguousWidth
    }

    deinit { stop() }

    public var size: (width: Int, height: Int) {
        if screen != nil, let win = yc_stdscr() {
            return (Int(yc_getmaxx(win)), Int(yc_getmaxy(win)))
        }
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            return (Int(ws.ws_col), Int(ws.ws_row))
        }
        return (80, 24)
    }

    public func start() throws {
        guard screen == nil else { return }
        // Wide characters need a UTF-8 locale; many service-hall machines boot with LANG unset (C).
        // A locale that names another character set (zh_CN.GBK) means the terminal was set up
        // for it too: drawing UTF-8 there is garbage, so say so. An unset one (C) says nothing.
        if let named = Self.nonUTF8Locale(environment(["LC_ALL", "LC_CTYPE", "LANG"])) { throw TerminalError.notUTF8Locale(named) }
        setlocale(LC_ALL, "")
        if !localeIsUTF8() { setlocale(LC_ALL, "C.UTF-8") }
        if !localeIsUTF8() { throw TerminalError.initFailed("没有可用的 UTF-8 区域设置（locale），请设置 LANG=C.UTF-8") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let setting = try ambiguousSetting ?? AmbiguousWidth.setting(environment([AmbiguousWidth.environmentKey]).values.first)
        if let setting {
            ambiguousWidth = setting
        } else if let answer = TerminalProbe.run(input: STDIN_FILENO, output: STDOUT_FILENO) {
            guard answer.showsUTF8 else { throw TerminalError.notUTF8Terminal(columns: answer.chineseColumns) }
            ambiguousWidth = answer.ambiguous
        } else {
            ambiguousWidth = .narrow   // no answer (a very old terminal): the common default
        }

        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if term.isEmpty { throw TerminalError.unknownTerminal("") }
        // newterm, not initscr: initscr prints an English message and exits the process when
        // the terminfo entry is missing; newterm returns NULL and we explain in Chinese.
        guard let scr = newterm(nil, yc_stdout(), yc_stdin()) else {
            throw TerminalError.unknownTerminal(term)
        }
        screen = scr
        set_term(scr)
        installExitHooks()
        cursesActive = true

        guard let win = yc_stdscr() else { stop(); throw TerminalError.initFailed("stdscr") }
        set_escdelay(25)           // a lone Esc is reported after 25 ms, not the default 1 s
        raw()                      // Ctrl-C/Ctrl-Z/Ctrl-\ arrive as keys, so the app exits cleanly
        noecho()
        nonl()                     // Enter arrives as CR; no LF translation on output either
        keypad(win, true)
        scrollok(win, false)       // never scroll, even when the bottom-right cell is written
        idlok(win, false)
        curs_set(0)
        if has_colors() {
            colorsAvailable = start_color() == yc_OK()
            defaultColors = colorsAvailable && use_default_colors() == yc_OK()
        }
        previous = nil
        pairs = [:]
        cursor = nil
    }

    public func stop() {
        guard let scr = screen else { return }
        cursesActive = false
        curs_set(1)
        endwin()
        delscreen(scr)
        screen = nil
        previous = nil
        restoreSignalHandlers()
    }

    public func bell() {
        if screen != nil { beep() }
    }

    /// Shows the hardware cursor at (x, y), e.g. in a focused text field; stays until
    /// hideCursor(). Takes effect at once and is re-applied after every `present`.
    public func showCursor(at x: Int, y: Int) {
        cursor = (x, y)
        guard screen != nil, let win = yc_stdscr() else { return }
        let (w, h) = size
        guard x >= 0, x < w, y >= 0, y < h else { return }
        curs_set(1)
        wmove(win, Int32(y), Int32(x))
        wrefresh(win)
    }

    public func hideCursor() {
        cursor = nil
        guard screen != nil else { return }
        curs_set(0)
    }

    /// The next `present` clears the terminal and draws every cell, trusting nothing on it.
    public func invalidate() { previous = nil }

    // MARK: - Output

    public func present(_ frame: ScreenBuffer) {
        guard screen != nil, let win = yc_stdscr() else { return }
        let (screenWidth, screenHeight) = size
        let buffer = frame.drawable(in: ambiguousWidth)
        // A dialog, the help or a screen that opens or closes: repaint all. Updating just the
        // cells that changed leaves fragments on terminals whose erase-characters miscounts
        // over wide characters (mlterm: issue 18, defect 5).
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
            || previous!.frames != buffer.frames
        if full {
            werase(win)
            clearok(win, true)     // after a resize the terminal's contents are unknown
        }
        let rows = min(buffer.height, screenHeight)
        let columns = min(buffer.width, screenWidth)
        for y in 0..<rows where full || previous!.row(y) != buffer.row(y) {
            drawRow(buffer, y: y, columns: columns, lastRow: y == screenHeight - 1,
                    lastColumn: screenWidth - 1, win: win)
        }
        previous = buffer
        // The focused field's insertion point; else one placed by showCursor; else hidden.
        if let c = buffer.cursor.map({ (x: $0.x, y: $0.y) }) ?? cursor, c.x >= 0, c.x < screenWidth, c.y >= 0, c.y < screenHeight {
            wmove(win, Int32(c.y), Int32(c.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(win)
    }

    /// Redraws a whole row, cell by cell, at the columns WE computed. Explicit positioning per
    /// cell means a character whose width libc disagrees about cannot shift the rest of the row.
    private func drawRow(_ buffer: ScreenBuffer, y: Int, columns: Int, lastRow: Bool, lastColumn: Int,
                         win: UnsafeMutablePointer<WINDOW>) {
        var x = 0
        while x < columns {
            let cell = buffer[x, y]
            var width = cell.isContinuation ? 1 : max(1, DisplayWidth.of(cell.character))
            var character = cell.isContinuation ? " " : cell.character
            if width == 2 && x + 1 >= columns { character = " "; width = 1 }   // half off screen
            var scalars = Array(character.unicodeScalars.prefix(Int(yc_CCHARW_MAX()) - 1))
            // Safety net: if libc (which ncurses uses to track the cursor) measures the base
            // character differently from us, draw a placeholder of our width instead of
            // letting ncurses and the terminal drift apart.
            if let first = scalars.first, Int(yc_wcwidth(wchar_t(bitPattern: first.value))) != width {
                scalars = ["?"]
                if width == 2 { put(["?"], style: cell.style, x: x, y: y, bottomRight: false, win: win); x += 1; width = 1 }
            }
            let bottomRight = lastRow && x + width - 1 >= lastColumn
            put(scalars, style: cell.style, x: x, y: y, bottomRight: bottomRight, win: win)
            x += width
        }
    }

    private func put(_ scalars: [Unicode.Scalar], style: TextStyle, x: Int, y: Int, bottomRight: Bool,
                     win: UnsafeMutablePointer<WINDOW>) {
        var wide: [wchar_t] = scalars.map { wchar_t(bitPattern: $0.value) } + [0]
        var cc = cchar_t()
        let (attrs, pair) = attributes(for: style)
        _ = yc_setcchar(&cc, &wide, attrs, pair)
        if bottomRight {
            // Writing the bottom-right cell would move the cursor past the end of the screen
            // (ERR, or a scroll with some terminals). Inserting there does not advance the cursor.
            mvwins_wch(win, Int32(y), Int32(x), &cc)
        } else {
            mvwadd_wch(win, Int32(y), Int32(x), &cc)
        }
    }

    private func attributes(for style: TextStyle) -> (attr_t, Int16) {
        var attrs = yc_A_NORMAL()
        if style.bold { attrs |= yc_A_BOLD() }
        if style.reverse { attrs |= yc_A_REVERSE() }
        if style.underline { attrs |= yc_A_UNDERLINE() }
        if style.dim { attrs |= yc_A_DIM() }
        let colours = style.onAnyBackground
        return (attrs, colorPair(fg: colours.fg, bg: colours.bg))
    }

    private func colorPair(fg: TerminalColor, bg: TerminalColor) -> Int16 {
        guard colorsAvailable, fg != .standard || bg != .standard else { return 0 }
        let key = fg.rawValue * 16 + bg.rawValue
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < Int(yc_COLOR_PAIRS()), next <= Int(Int16.max) else { return 0 }
        guard init_pair(Int16(next), cursesColor(fg, foreground: true), cursesColor(bg, foreground: false)) == yc_OK() else { return 0 }
        pairs[key] = Int16(next)
        return Int16(next)
    }

    private func cursesColor(_ color: TerminalColor, foreground: Bool) -> Int16 {
        switch color {
        case .standard: return defaultColors ? -1 : (foreground ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK))
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    // MARK: - Input

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard screen != nil, let win = yc_stdscr() else { return nil }
        while true {
            wtimeout(win, Int32(clamping: timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds))
            var wch: wint_t = 0
            let result = wget_wch(win, &wch)
            if result == yc_ERR() { return nil }
            if result == yc_KEY_CODE_YES() {
                if let key = functionKey(Int32(bitPattern: wch)) { return key }
                continue   // a key we do not use (shifted arrows, mouse...): wait for the next one
            }
            if let key = characterKey(wch, win: win) { return key }
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        for n in 1...12 where code == yc_KEY_F(Int32(n)) { return .function(n) }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE:
            previous = nil          // the terminal's contents are unknown now: repaint everything
            return .resize
        default: return nil
        }
    }

    private func characterKey(_ wch: wint_t, win: UnsafeMutablePointer<WINDOW>) -> Key? {
        switch wch {
        case 10, 13: return .enter
        case 127, 8: return .backspace
        case 9: return .tab
        case 27:
            return escapeSequence(win)
        case 1...26:
            return .control(Character(Unicode.Scalar(UInt8(wch) + 0x60)))
        case 0, 28...31:
            return nil      // Ctrl-@, Ctrl-\ ... : no meaning here
        default:
            guard let scalar = Unicode.Scalar(wch) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// After an ESC that ncurses did not decode. keypad() already waited ESCDELAY for a sequence
    /// it knows, so with nothing pending this is the Esc key. Otherwise the bytes that follow
    /// are a sequence this TERM's terminfo lacks (or a paste): `KeySequence` reads it whole, as
    /// an F-key or as one unknown key, so its letters never reach a screen as commands.
    private func escapeSequence(_ win: UnsafeMutablePointer<WINDOW>) -> Key {
        var bytes: [UInt8] = [27]
        var pendingKeyCode: wint_t?     // a key ncurses decoded itself, read past the sequence
        var pendingCharacter: wint_t?   // a non-ASCII character, likewise
        var outcome = KeySequence.decode(bytes, atEnd: false)
        var waited = false
        while case .needMore = outcome {
            // The first byte must be there already; later ones may trail over a slow link.
            wtimeout(win, waited ? 25 : 0)
            waited = true
            var next: wint_t = 0
            let result = wget_wch(win, &next)
            if result == yc_ERR() { outcome = KeySequence.decode(bytes, atEnd: true); break }
            if result == yc_KEY_CODE_YES() { pendingKeyCode = next; outcome = KeySequence.decode(bytes, atEnd: true); break }
            guard next < 0x80 else { pendingCharacter = next; outcome = KeySequence.decode(bytes, atEnd: true); break }
            bytes.append(UInt8(next))
            outcome = KeySequence.decode(bytes, atEnd: false)
        }
        guard case .key(let key, let length) = outcome else { return .escape }
        // Give back what belongs to the next key, last read first (ncurses' push-back is a stack).
        if let code = pendingKeyCode { ungetch(Int32(bitPattern: code)) }
        if let character = pendingCharacter { unget_wch(wchar_t(bitPattern: character)) }
        for byte in bytes[length...].reversed() { unget_wch(wchar_t(byte)) }
        return key
    }

    /// The locale the environment names (LC_ALL, else LC_CTYPE, else LANG) when its character set
    /// is not UTF-8, e.g. "zh_CN.GBK"; nil for UTF-8 and for none at all (C, POSIX, unset).
    static func nonUTF8Locale(_ environment: [String: String]) -> String? {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        guard let dot = name.firstIndex(of: ".") else {
            // A bare language (zh_CN) is a legacy character set (GB2312) in glibc.
            return name.isEmpty || name == "C" || name == "POSIX" ? nil : name
        }
        let codeset = name[name.index(after: dot)...].prefix { $0 != "@" }.lowercased()
        return codeset == "utf-8" || codeset == "utf8" ? nil : name
    }

    /// The variables set among `keys`, read now (getenv: tests and callers change them with setenv).
    private func environment(_ keys: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in keys { if let v = getenv(key) { values[key] = String(cString: v) } }
        return values
    }

    private func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

// MARK: - Restoring the terminal on every exit path

// Read by signal handlers and the atexit hook, which cannot capture context. Written only on
// the UI thread; a plain Bool store is as close to sig_atomic_t as Swift offers.
nonisolated(unsafe) private var cursesActive = false
nonisolated(unsafe) private var exitHooksInstalled = false
nonisolated(unsafe) private var savedHandlers: [Int32: sighandler_t?] = [:]

private let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

private func installExitHooks() {
    if !exitHooksInstalled {
        exitHooksInstalled = true
        atexit { if cursesActive { cursesActive = false; endwin() } }
    }
    for sig in fatalSignals where savedHandlers[sig] == nil {
        savedHandlers[sig] = signal(sig, { sig in
            // endwin is not formally async-signal-safe, but it is what ncurses programs do and
            // the process is about to die anyway; a wrecked terminal is the worse outcome.
            if cursesActive { cursesActive = false; endwin() }
            // Re-raise with the default action so the parent sees "killed by signal" (128+n).
            signal(sig, SIG_DFL)
            raise(sig)
            _exit(128 + sig)
        })
    }
}

private func restoreSignalHandlers() {
    for (sig, handler) in savedHandlers {
        signal(sig, handler ?? SIG_DFL)
    }
    savedHandlers = [:]
}
