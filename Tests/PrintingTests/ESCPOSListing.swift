import Foundation
@testable import Printing

/// A readable and exact form of an ESC/POS stream for golden files: one command or text run per
/// line, its bytes in hex, then `#` and what they mean (text decoded from GB18030). Reading the
/// hex back gives the stream byte for byte, so the golden is as strict as a binary file.
enum ESCPOSListing {
    static func list(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var i = 0
        func emit(_ count: Int, _ meaning: String) {
            let chunk = Array(bytes[i..<min(bytes.count, i + count)])
            let hex = chunk.map { String(format: "%02x", $0) }
            // Long runs wrap at 24 bytes; only the first line carries the meaning.
            for start in stride(from: 0, to: hex.count, by: 24) {
                let part = hex[start..<min(hex.count, start + 24)].joined(separator: " ")
                lines.append(start == 0 ? "\(part.padding(toLength: 72, withPad: " ", startingAt: 0)) # \(meaning)" : part)
            }
            i += count
        }
        while i < bytes.count {
            let b = bytes[i], next = i + 1 < bytes.count ? bytes[i + 1] : 0
            switch (b, next) {
            case (0x1B, 0x40): emit(2, "ESC @ 初始化")
            case (0x1C, 0x26): emit(2, "FS & 汉字模式")
            case (0x1B, 0x61): emit(3, "ESC a \(bytes[i + 2]) 对齐（0左 1中 2右）")
            case (0x1B, 0x45): emit(3, "ESC E \(bytes[i + 2]) 加粗")
            case (0x1D, 0x21): emit(3, String(format: "GS ! %02x 字号", bytes[i + 2]))
            case (0x1B, 0x64): emit(3, "ESC d \(bytes[i + 2]) 走纸")
            case (0x1D, 0x56): emit(4, "GS V 切纸")
            case (0x1D, 0x28):
                let n = Int(bytes[i + 3]) | Int(bytes[i + 4]) << 8
                let fn = bytes[i + 6]
                let data = bytes[(i + 7)..<(i + 5 + n)]
                let meaning = fn == 0x50 ? "GS ( k 二维码数据 \(String(decoding: data.dropFirst(), as: UTF8.self))"
                                         : String(format: "GS ( k 二维码 fn=%02x", fn)
                emit(5 + n, meaning)
            case (0x0A, _): emit(1, "LF")
            default:
                var j = i
                while j < bytes.count, bytes[j] >= 0x20 { j += 1 }
                let text = GB18030Encoder.decode(Array(bytes[i..<j])) ?? "（无法解码）"
                emit(j - i, "\"\(text)\"")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The bytes of a listing: the hex before each `#`.
    static func bytes(_ listing: String) -> [UInt8] {
        listing.split(separator: "\n").flatMap { line -> [UInt8] in
            let hex = line.split(separator: "#", maxSplits: 1).first ?? ""
            return hex.split(separator: " ").compactMap { UInt8($0, radix: 16) }
        }
    }

    /// The printed text lines, decoded: what the paper says.
    static func text(_ bytes: [UInt8]) -> [String] {
        list(bytes).split(separator: "\n").compactMap { line in
            guard let r = line.range(of: "# \""), line.hasSuffix("\"") else { return nil }
            return String(line[r.upperBound..<line.index(before: line.endIndex)])
        }
    }
}
