import Crypto
import Foundation

enum Digest {
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
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
