import Foundation

/// The five national levels (国办发〔2019〕51号). Raw values follow GB/T 39046-2020 table 9:
/// 1 = 非常满意 … 5 = 非常不满意; provinces that use the opposite order are mapped on export only.
public enum RatingLevel: Int, Codable, Sendable, CaseIterable, Comparable {
    case verySatisfied = 1, satisfied, fairlySatisfied, dissatisfied, veryDissatisfied

    public var label: String {
        switch self {
        case .verySatisfied: return "非常满意"
        case .satisfied: return "满意"
        case .fairlySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        case .veryDissatisfied: return "非常不满意"
        }
    }

    /// 差评: the bottom two levels; each one opens a rectification task.
    public var isBad: Bool { self == .dissatisfied || self == .veryDissatisfied }
    /// Counted in the satisfaction rate (非常满意 + 满意 + 基本满意).
    public var isSatisfied: Bool { !isBad }

    public static func < (a: RatingLevel, b: RatingLevel) -> Bool { a.rawValue < b.rawValue }

    public init?(label: String) {
        guard let l = RatingLevel.allCases.first(where: { $0.label == label }) else { return nil }
        self = l
    }
}

/// Where a rating was given (GB/T 39046-2020 table 9 评价渠道). Codes sent out are configurable
/// per province in `RatingPolicy.channelCodes`.
public enum RatingChannel: String, Codable, Sendable, CaseIterable {
    case pc, mobile, qrCode, hallPad, hallOtherTerminal, phone, sms
    public var label: String {
        switch self {
        case .pc: return "PC端"
        case .mobile: return "移动服务端"
        case .qrCode: return "二维码"
        case .hallPad: return "政务大厅平板电脑"
        case .hallOtherTerminal: return "政务大厅其他终端"
        case .phone: return "电话"
        case .sms: return "短信"
        }
    }
    /// Position in the standard's list, the default code when a province configures none.
    public var standardCode: String { String((RatingChannel.allCases.firstIndex(of: self) ?? 0) + 1) }
}

/// Satisfaction over a set of ratings: (非常满意 + 满意 + 基本满意) / all.
public struct SatisfactionTally: Equatable, Sendable {
    public var total: Int
    public var satisfied: Int
    public var bad: Int { total - satisfied }
    public init(total: Int = 0, satisfied: Int = 0) { self.total = total; self.satisfied = satisfied }
    public mutating func add(_ level: RatingLevel) { total += 1; if level.isSatisfied { satisfied += 1 } }
    /// Nil with no ratings: an empty window is not "0 % satisfied".
    public var rate: Double? { total == 0 ? nil : Double(satisfied) / Double(total) }
    public var rateText: String { rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
}
