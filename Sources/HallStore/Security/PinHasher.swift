import _CryptoExtras
import Crypto
import Foundation

/// PINs are stored only as a salted slow hash: PBKDF2-HMAC-SHA256, 16-byte random salt.
/// Format: "pbkdf2-sha256$<rounds>$<salt b64>$<hash b64>", so the rounds can rise later.
public enum PinHasher {
    public static let defaultRounds = 210_000       // OWASP's floor for PBKDF2-SHA256

    public static func hash(_ pin: String, rounds: Int = defaultRounds) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        let key = derive(pin, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(key.base64EncodedString())"
    }

    public static func verify(_ pin: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])),
              let expected = Data(base64Encoded: String(parts[3])) else { return false }
        let actual = derive(pin, salt: [UInt8](salt), rounds: rounds)
        // Constant-time comparison.
        guard actual.count == expected.count else { return false }
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ pin: String, salt: [UInt8], rounds: Int) -> Data {
        let key = try! KDF.Insecure.PBKDF2.deriveKey(from: Data(pin.utf8), salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Data($0) }
    }
}
