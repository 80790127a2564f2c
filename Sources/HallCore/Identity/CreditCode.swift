import Foundation

/// A checked unified social credit code (统一社会信用代码, GB 32100-2015) of a legal entity or
/// other organisation: the implementing body of a matter, or a business applicant.
public struct CreditCode: Equatable, Sendable {
    public let value: String            // 18 characters, upper case

    /// Position 1: registration authority (1 机构编制, 5 民政, 9 工商/市场监管, Y 其他 …).
    public var registrationAuthority: Character { value.first! }
    /// Position 2: organisation type within that authority (e.g. 91 = enterprise, 92 = 个体工商户).
    public var organizationType: Character { Array(value)[1] }
    /// Positions 1–2 together, as the standard's tables list them ("91").
    public var authorityAndType: String { String(value.prefix(2)) }
    /// Positions 3–8: division code (GB/T 2260) of the registering authority.
    public var divisionCode: String { String(Array(value)[2..<8]) }
    /// Positions 9–17: the subject identifier, i.e. the 9-character organisation code (GB 11714).
    public var organizationCode: String { String(Array(value)[8..<17]) }
    /// Name of the registration authority for the codes the standard itself assigns.
    public var registrationAuthorityName: String? {
        ["1": "机构编制", "5": "民政", "9": "工商（市场监管）", "Y": "其他"][registrationAuthority]
    }
    /// 913501********0Y43, like every identity number on screens, prints and logs.
    public var masked: String { maskIdentityNumber(value) }
}

public enum CreditCodeError: Error, Equatable, Sendable, LocalizedError {
    case empty
    case wrongLength(Int)
    case forbiddenLetter(Character, position: Int)
    case invalidCharacter(Character, position: Int)
    case regionNotDigit(Character, position: Int)
    case wrongCheckCharacter(expected: Character, found: Character)

    public var errorDescription: String? {
        switch self {
        case .empty: return "请输入统一社会信用代码"
        case .wrongLength(let n): return "统一社会信用代码应为18位，现为\(n)位"
        case .forbiddenLetter(let c, let p):
            let hint = ["I": "1", "O": "0", "S": "5", "Z": "2"][c].map { "。是否应为数字\($0)？请核对" } ?? "，请核对"
            return "统一社会信用代码第\(p)位是字母\(c)：信用代码不使用字母 I、O、S、V、Z\(hint)"
        case .invalidCharacter(let c, let p):
            return "统一社会信用代码第\(p)位“\(sanitizeForMessage(c))”无效：只能是数字或大写字母（不含 I、O、S、V、Z）"
        case .regionNotDigit(let c, let p):
            return "统一社会信用代码第\(p)位是“\(c)”：第3至8位是登记管理机关的行政区划码，只能是数字，请核对"
        case .wrongCheckCharacter(let e, let f):
            return "统一社会信用代码校验位错误：第18位应为\(e)，输入的是\(f)，请核对"
        }
    }
}

public enum CreditCodeValidator {
    /// 31 characters: digits and capitals without I O S V Z (too easily read as 1 0 5 2 / U).
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let forbidden: Set<Character> = ["I", "O", "S", "V", "Z"]

    /// The check character for the first 17 characters, or nil if they are not 17 valid ones.
    public static func checkCharacter(for first17: String) -> Character? {
        let values = first17.compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17, first17.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    public static func validate(_ raw: String) -> Result<CreditCode, CreditCodeError> {
        let s = normalizeIdentityInput(raw)
        if s.isEmpty { return .failure(.empty) }
        let chars = Array(s)
        guard chars.count == 18 else { return .failure(.wrongLength(chars.count)) }
        for (i, c) in chars.enumerated() where !alphabet.contains(c) {
            return .failure(forbidden.contains(c) ? .forbiddenLetter(c, position: i + 1) : .invalidCharacter(c, position: i + 1))
        }
        // GB 32100-2015: characters 3–8 are the registering authority's administrative division code.
        if let i = (2..<8).first(where: { !chars[$0].isNumber }) { return .failure(.regionNotDigit(chars[i], position: i + 1)) }
        let expected = checkCharacter(for: String(chars[0..<17]))!
        guard expected == chars[17] else { return .failure(.wrongCheckCharacter(expected: expected, found: chars[17])) }
        return .success(CreditCode(value: s))
    }
}
