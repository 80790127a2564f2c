import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A character the thermal printer cannot print, and how often it occurred.
public struct ReplacedCharacter: Equatable, Sendable {
    public var character: String
    public var codePoints: String      // "U+1F600"
    public var count: Int
}

/// What the encoder had to replace. Shown to the clerk, so a ticket with 😀 or 𠮷 in it is never
/// silently wrong.
public struct EncodingReport: Equatable, Sendable {
    public var replaced: [ReplacedCharacter] = []
    public var isClean: Bool { replaced.isEmpty }

    /// "有2个字符热敏打印机无法打印，已用□代替：😀（U+1F600）、𠮷（U+20BB7）"
    public var summary: String? {
        guard !replaced.isEmpty else { return nil }
        let total = replaced.reduce(0) { $0 + $1.count }
        let list = replaced.map { "\($0.character)（\($0.codePoints)）" }.joined(separator: "、")
        return "有\(total)个字符热敏打印机无法打印，已用\(GB18030Encoder.replacement)代替：\(list)"
    }

    mutating func note(_ c: Character) {
        let shown = c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) } ? String(c) : "控制字符"
        let codes = c.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
        if let i = replaced.firstIndex(where: { $0.codePoints == codes }) { replaced[i].count += 1 }
        else { replaced.append(ReplacedCharacter(character: shown, codePoints: codes, count: 1)) }
    }
}

/// UTF-8 → GB18030 through iconv (glibc's GB18030 module), one character at a time so that a
/// character the printer cannot print is replaced by a visible □ and reported, never dropped.
///
/// What counts as printable: a thermal printer's font covers GB 18030's mandatory set for such
/// devices, the one- and two-byte areas plus the four-byte characters of the Basic Multilingual
/// Plane (CJK Extension A). GB18030 can encode every Unicode code point, but emoji and CJK
/// Extension B and later (four-byte codes beyond the BMP) have no glyph in the printer, and the
/// private-use areas print as garbage, so all of those are replaced. Control characters are
/// replaced too: passed through, they would be ESC/POS commands (a name could cut the paper).
public final class GB18030Encoder {
    public static let replacement: Character = "□"
    private let cd: iconv_t

    public init() throws {
        let cd = iconv_open("GB18030", "UTF-8")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw PrintingError.encoding("系统缺少 GB18030 字符集转换模块（glibc gconv），无法生成热敏打印数据")
        }
        self.cd = cd
    }

    deinit { iconv_close(cd) }

    /// Encodes text, replacing what the printer cannot print and noting it in `report`.
    public func encode(_ text: String, report: inout EncodingReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if c.isASCII, let a = c.asciiValue, a >= 0x20, a != 0x7F { out.append(a); continue }
            if let bytes = printable(c) { out += bytes; continue }
            report.note(c)
            out += Self.replacementBytes
        }
        return out
    }

    /// □ in GB18030 (A1 F5).
    static let replacementBytes: [UInt8] = [0xA1, 0xF5]

    private func printable(_ c: Character) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in c.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F..<0xA0).contains(v) { return nil }            // controls
            if v > 0xFFFF || (0xE000...0xF8FF).contains(v) { return nil }       // beyond the BMP, private use
            guard let encoded = convert(scalar), encoded.count == 1 || encoded.count == 2 || encoded.count == 4 else { return nil }
            bytes += encoded
        }
        return bytes.isEmpty ? nil : bytes
    }

    private func convert(_ scalar: Unicode.Scalar) -> [UInt8]? {
        var input = Array(String(scalar).utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 8)
        let inCount = input.count
        return input.withUnsafeMutableBufferPointer { inBuf -> [UInt8]? in
            output.withUnsafeMutableBufferPointer { outBuf -> [UInt8]? in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inCount, outLeft = outBuf.count
                iconv(cd, nil, nil, nil, nil)                                    // reset shift state
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 as Int, inLeft == 0 else { return nil }
                return outBuf.prefix(outBuf.count - outLeft).map { UInt8(bitPattern: $0) }
            }
        }
    }

    /// GB18030 → String, for tests and for reading back what was sent to a printer.
    public static func decode(_ bytes: [UInt8]) -> String? {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let inCount = input.count
        return input.withUnsafeMutableBufferPointer { inBuf -> String? in
            output.withUnsafeMutableBufferPointer { outBuf -> String? in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inCount, outLeft = outBuf.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 as Int, inLeft == 0 else { return nil }
                let produced = outBuf.prefix(outBuf.count - outLeft).map { UInt8(bitPattern: $0) }
                return String(decoding: produced, as: UTF8.self)
            }
        }
    }
}
