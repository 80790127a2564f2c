import Crypto
import Foundation

enum Digest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of SHA-256. Built from a lookup table: String(format:) per byte is slow on
    /// Linux, and this runs twice inside every write transaction.
    static func sha256Hex(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

let ledgerEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.dateEncodingStrategy = .secondsSince1970
    return e
}()

func jsonText<T: Encodable>(_ value: T) -> String {
    // Encoding our own Codable models cannot fail; a failure here is a programming error.
    String(decoding: try! ledgerEncoder.encode(value), as: UTF8.self)
}
