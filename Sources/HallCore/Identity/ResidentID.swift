import Foundation

/// A checked resident identity number (GB 11643-1999).
public struct ResidentID: Equatable, Sendable {
    public let value: String            // 18 characters, upper-case X
    public let birthYear: Int
    public let birthMonth: Int
    public let birthDay: Int
    public var isMale: Bool { Int(String(value[value.index(value.startIndex, offsetBy: 16)]))! % 2 == 1 }
    public var areaCode: String { String(value.prefix(6)) }

    /// Screens, prints and logs show 110105********002X.
    public var masked: String { maskIdentityNumber(value) }
}

public enum ResidentIDError: Error, Equatable, Sendable, LocalizedError {
    case empty
    case wrongLength(Int)
    case invalidCharacter(Character, position: Int)
    case badArea
    case unknownProvince(String)
    case badBirthDate(String)
    case birthDateInFuture(String)
    case wrongCheckCharacter(expected: Character, found: Character)

    public var errorDescription: String? {
        switch self {
        case .empty: return "请输入身份证号码"
        case .wrongLength(let n): return "身份证号码应为18位，现为\(n)位"
        case .invalidCharacter(let c, let p):
            return "身份证号码第\(p)位“\(sanitizeForMessage(c))”无效：前17位只能是数字，第18位是数字或X"
        case .badArea: return "身份证号码前6位地区码无效"
        case .unknownProvince(let code): return "身份证号码前2位“\(code)”不是省级行政区划代码，请核对"
        case .badBirthDate(let d): return "身份证号码中的出生日期\(d)不是有效日期"
        case .birthDateInFuture(let d): return "身份证号码中的出生日期\(d)晚于今天"
        case .wrongCheckCharacter(let e, let f): return "身份证号码校验位错误：第18位应为\(e)，输入的是\(f)，请核对"
        }
    }
}

func sanitizeForMessage(_ c: Character) -> String {
    c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } ? String(c) : "?"
}

/// What clerks really type: full-width digits from an input method, lower-case x, spaces.
public func normalizeIdentityInput(_ raw: String) -> String {
    var out = ""
    for scalar in raw.unicodeScalars {
        switch scalar.value {
        case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        case 0xFF21...0xFF3A: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF21 + 0x41)!)
        case 0xFF41...0xFF5A: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF41 + 0x41)!)
        case 0x20, 0x3000, 0x2D: continue      // spaces, ideographic space, hyphens typed as groups
        // A pasted number brings a line break, a no-break space or a zero-width character: none
        // is part of the number, so none may turn 18 characters into "现为19位".
        case 0x200B...0x200D, 0x2060, 0xFEFF: continue
        case _ where scalar.properties.isWhitespace: continue
        default:
            if scalar.value >= 0x61 && scalar.value <= 0x7A {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x20)!)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

public enum ResidentIDValidator {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = Array("10X98765432")
    /// GB/T 2260 province-level codes, with 71 台湾, 81 香港, 82 澳门 and 83 (台湾居民居住证).
    static let provinces: Set<String> = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                                         "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
                                         "65", "71", "81", "82", "83"]

    public static func checkCharacter(for first17: String) -> Character? {
        let digits = first17.compactMap { $0.wholeNumberValue }
        guard digits.count == 17, first17.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    public static func validate(_ raw: String, today: Date, calendar: HallCalendar = HallCalendar()) -> Result<ResidentID, ResidentIDError> {
        let s = normalizeIdentityInput(raw)
        if s.isEmpty { return .failure(.empty) }
        let chars = Array(s)
        guard chars.count == 18 else { return .failure(.wrongLength(chars.count)) }
        for (i, c) in chars.enumerated() {
            let ok = i < 17 ? (c.isASCII && c.isNumber) : (c.isASCII && (c.isNumber || c == "X"))
            if !ok { return .failure(.invalidCharacter(c, position: i + 1)) }
        }
        if chars[0] == "0" { return .failure(.badArea) }   // province codes start at 11
        let province = String(chars[0..<2])
        guard provinces.contains(province) else { return .failure(.unknownProvince(province)) }
        let y = Int(String(chars[6..<10]))!, m = Int(String(chars[10..<12]))!, d = Int(String(chars[12..<14]))!
        let shown = String(format: "%04d年%02d月%02d日", y, m, d)
        let key = String(format: "%04d-%02d-%02d", y, m, d)
        guard y >= 1850, calendar.date(fromDayKey: key) != nil else { return .failure(.badBirthDate(shown)) }
        if key > calendar.dayKey(today) { return .failure(.birthDateInFuture(shown)) }
        let expected = checkCharacter(for: String(chars[0..<17]))!
        guard expected == chars[17] else { return .failure(.wrongCheckCharacter(expected: expected, found: chars[17])) }
        return .success(ResidentID(value: s, birthYear: y, birthMonth: m, birthDay: d))
    }
}

/// Keep the first 6 and the last 4 characters: 110105********002X. Short inputs are fully hidden.
public func maskIdentityNumber(_ value: String) -> String {
    let chars = Array(value)
    guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
    return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4))
}

/// 138****5678
public func maskPhone(_ value: String) -> String {
    let chars = Array(value)
    guard chars.count >= 7 else { return String(repeating: "*", count: chars.count) }
    return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
}

/// 张*, 欧阳** : names on public screens keep only the surname character.
public func maskName(_ value: String) -> String {
    guard let first = value.first else { return "" }
    return String(first) + String(repeating: "*", count: max(1, value.count - 1))
}
