/// Decodes an escape sequence that the terminal description did not cover.
///
/// Why: ncurses knows only the sequences of the terminfo entry named by TERM. A clerk's
/// terminal often sends others (TERM=linux inside xterm sends `ESC O P` for F1; urxvt under
/// TERM=xterm-256color sends `ESC [ 1 1 ~`), and ncurses then hands over the ESC followed by
/// the sequence's bytes as if typed, so `ESC O P` would run the single-letter command P.
/// This decoder reads the common F1–F12, cursor and keypad sequences of xterm, rxvt/urxvt,
/// PuTTY, the Linux console and the VT100 family, and swallows any other sequence whole as
/// one `.unknown` key. It is pure: `NcursesBackend` feeds it the bytes it reads after ESC.
public enum KeySequence {
    public enum Outcome: Equatable, Sendable {
        /// The first `length` bytes make this key; the rest belong to the next key.
        case key(Key, length: Int)
        /// The bytes so far are the start of a sequence: read more, or call again with `atEnd`.
        case needMore
    }

    static let esc: UInt8 = 0x1B

    /// `bytes` starts with ESC. `atEnd`: no more input is pending, so decide with what is there
    /// (a lone ESC is the Esc key; a cut-off sequence is unknown, never letters).
    public static func decode(_ bytes: [UInt8], atEnd: Bool) -> Outcome {
        guard bytes.first == esc else {
            return .key(.unknown(name(bytes.prefix(1))), length: min(1, bytes.count))
        }
        guard bytes.count >= 2 else { return atEnd ? .key(.escape, length: 1) : .needMore }
        let second = bytes[1]
        switch second {
        case esc:
            // ESC ESC: Alt with a key (urxvt's Alt-F1 is ESC ESC O P), or Esc pressed twice.
            guard bytes.count > 2 else { return atEnd ? .key(.escape, length: 2) : .needMore }
            switch decode(Array(bytes.dropFirst()), atEnd: atEnd) {
            case .needMore: return .needMore
            case .key(let key, let length):
                if key == .escape { return .key(.escape, length: 2) }
                return .key(.unknown("Alt-" + key.description), length: length + 1)
            }
        case UInt8(ascii: "["): return csi(bytes, atEnd: atEnd)
        case UInt8(ascii: "O"): return ss3(bytes, atEnd: atEnd)
        case 0x20...0x7E, 0x00...0x1F, 0x7F:
            // Alt (Meta) with a character: not a command here, whatever the letter.
            return .key(.unknown(name(bytes.prefix(2))), length: 2)
        default:
            // Non-ASCII text right after ESC: the Esc key, then the text as typed.
            return .key(.escape, length: 1)
        }
    }

    /// `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F), a final byte (0x40–0x7E);
    /// and the Linux console's `ESC [ [ A`…`ESC [ [ E` for F1–F5.
    private static func csi(_ bytes: [UInt8], atEnd: Bool) -> Outcome {
        if bytes.count >= 3, bytes[2] == UInt8(ascii: "[") {
            guard bytes.count >= 4 else { return atEnd ? unknown(bytes, 3) : .needMore }
            let f = bytes[3]
            if f >= UInt8(ascii: "A"), f <= UInt8(ascii: "E") { return .key(.function(Int(f - UInt8(ascii: "A")) + 1), length: 4) }
            return (0x40...0x7E).contains(f) ? unknown(bytes, 4) : unknown(bytes, 3)
        }
        var i = 2
        while i < bytes.count {
            let b = bytes[i]
            if (0x40...0x7E).contains(b) {
                let params = String(decoding: bytes[2..<i], as: UTF8.self)
                return .key(csiKey(params: params, final: b) ?? .unknown(name(bytes[..<(i + 1)])), length: i + 1)
            }
            // A byte that cannot be inside a sequence ends it: what came before is unknown.
            guard (0x20...0x3F).contains(b) else { return unknown(bytes, i) }
            i += 1
        }
        return atEnd ? unknown(bytes, bytes.count) : .needMore
    }

    private static func csiKey(params: String, final: UInt8) -> Key? {
        // "1" is the default parameter; anything more ("1;5", "15;2") carries modifiers such as
        // Ctrl or Shift, and a modified key must not act as the plain one.
        switch (params, Character(Unicode.Scalar(final))) {
        case ("", "A"), ("1", "A"): return .up
        case ("", "B"), ("1", "B"): return .down
        case ("", "C"), ("1", "C"): return .right
        case ("", "D"), ("1", "D"): return .left
        case ("", "H"), ("1", "H"): return .home
        case ("", "F"), ("1", "F"): return .end
        case ("", "Z"): return .backTab
        // xterm's PC-style F1–F4 when it reports them as CSI (e.g. `ESC [ 1 P`).
        case ("", "P"), ("1", "P"): return .function(1)
        case ("", "Q"), ("1", "Q"): return .function(2)
        case ("", "R"), ("1", "R"): return .function(3)
        case ("", "S"), ("1", "S"): return .function(4)
        case (_, "~"): return tildeKeys[params]
        default: return nil
        }
    }

    /// `ESC [ n ~`: VT220 editing keys and function keys, as xterm, rxvt/urxvt, PuTTY and the
    /// Linux console send them (rxvt and PuTTY send F1–F5 as 11–15; xterm F5 as 15).
    private static let tildeKeys: [String: Key] = [
        "1": .home, "7": .home, "4": .end, "8": .end, "3": .delete, "5": .pageUp, "6": .pageDown,
        "11": .function(1), "12": .function(2), "13": .function(3), "14": .function(4), "15": .function(5),
        "17": .function(6), "18": .function(7), "19": .function(8), "20": .function(9), "21": .function(10),
        "23": .function(11), "24": .function(12),
    ]

    /// `ESC O` and a final byte: VT100 PF1–PF4 (F1–F4 in xterm and PuTTY), application-mode
    /// cursor keys, and the numeric keypad in application mode (digits still type digits).
    /// Parameters before the final byte (`ESC O 2 P`, Shift-F1) mean modifiers: unknown.
    private static func ss3(_ bytes: [UInt8], atEnd: Bool) -> Outcome {
        var i = 2
        while i < bytes.count {
            let b = bytes[i]
            if (0x40...0x7E).contains(b) {
                let key = i == 2 ? ss3Keys[b] : nil
                return .key(key ?? .unknown(name(bytes[..<(i + 1)])), length: i + 1)
            }
            guard (0x30...0x3F).contains(b) else { return unknown(bytes, i) }
            i += 1
        }
        return atEnd ? unknown(bytes, bytes.count) : .needMore
    }

    private static let ss3Keys: [UInt8: Key] = {
        var keys: [UInt8: Key] = [:]
        for (c, key) in [("P", Key.function(1)), ("Q", .function(2)), ("R", .function(3)), ("S", .function(4)),
                         ("A", .up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end),
                         ("M", .enter), ("j", .character("*")), ("k", .character("+")), ("l", .character(",")),
                         ("m", .character("-")), ("n", .character(".")), ("o", .character("/"))] as [(Character, Key)] {
            keys[c.asciiValue!] = key
        }
        for d in 0...9 { keys[UInt8(ascii: "p") + UInt8(d)] = .character(Character(String(d))) }
        return keys
    }()

    private static func unknown(_ bytes: [UInt8], _ length: Int) -> Outcome {
        .key(.unknown(name(bytes[..<length])), length: length)
    }

    /// A sequence as a person can read it: "ESC[11~", "ESC O P" as "ESCOP", a control as ^X.
    static func name<S: Sequence<UInt8>>(_ bytes: S) -> String {
        var out = ""
        for b in bytes {
            switch b {
            case esc: out += "ESC"
            case 0x00...0x1F: out += "^" + String(Character(Unicode.Scalar(b + 0x40)))
            case 0x7F: out += "^?"
            case 0x20...0x7E: out.append(Character(Unicode.Scalar(b)))
            default: out += "\\x" + String(b, radix: 16)
            }
        }
        return out
    }
}
