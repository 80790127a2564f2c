/// The ESC/POS commands the thermal output uses (Epson's command set, which Chinese 58/80 mm
/// printers follow). Kept as named byte sequences so the golden tests read like a printout.
enum ESCPOS {
    static let initialize: [UInt8] = [0x1B, 0x40]              // ESC @
    /// FS &: Chinese (double-byte) character mode, so GB18030 bytes print as hanzi.
    static let chineseMode: [UInt8] = [0x1C, 0x26]
    static let lineFeed: [UInt8] = [0x0A]

    enum Align: UInt8 { case left = 0, center = 1, right = 2 }
    static func align(_ a: Align) -> [UInt8] { [0x1B, 0x61, a.rawValue] }   // ESC a n
    static func bold(_ on: Bool) -> [UInt8] { [0x1B, 0x45, on ? 1 : 0] }    // ESC E n
    /// GS ! n: width and height multipliers 1…8 (applies to hanzi too on these printers).
    static func size(width: Int, height: Int) -> [UInt8] {
        [0x1D, 0x21, UInt8(((width - 1) & 7) << 4 | ((height - 1) & 7))]
    }
    static func feed(lines: Int) -> [UInt8] { [0x1B, 0x64, UInt8(max(0, min(255, lines)))] }  // ESC d n
    /// GS V 66 0: feed to the cutter and cut partially, so the ticket stays on the roll until torn.
    static let cut: [UInt8] = [0x1D, 0x56, 0x42, 0x00]

    /// GS ( k: a QR code (model 2) drawn by the printer itself, error correction M.
    static func qr(_ payload: [UInt8], moduleSize: Int) -> [UInt8] {
        var out: [UInt8] = []
        out += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]                  // model 2
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(max(1, min(16, moduleSize)))]  // module size
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]                        // error correction M
        let length = payload.count + 3
        out += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30] + payload  // store
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]                        // print
        return out
    }
}
