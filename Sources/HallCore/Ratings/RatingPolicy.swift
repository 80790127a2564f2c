import Foundation

/// A hall's rating rules; provinces differ, so every number here is configuration.
public struct RatingPolicy: Codable, Equatable, Sendable {
    public static let defaultReasons = ["服务态度", "办事效率", "办理结果", "一次性告知不到位", "等候时间", "环境设施", "其他"]

    /// Reasons offered for a bad rating.
    public var reasons: [String] = RatingPolicy.defaultReasons
    /// The pad invites a rating for this long after the service ends; later, nothing is recorded.
    public var timeoutSeconds: Int = 60
    /// Some provinces record a default level when no rating came within N days (e.g. 基本满意 after 7).
    public var defaultLevel: RatingLevel?
    public var defaultAfterDays: Int = 7
    /// Anonymous ratings allowed (else the pad asks for a name and phone).
    public var anonymousAllowed: Bool = true
    /// Rectification deadline in working days (provinces: 5 to 15).
    public var rectificationWorkingDays: Int = 15
    /// Export: false = the standard's 1 = 非常满意 … 5 = 非常不满意; true = the reverse order.
    public var levelCodeReversed: Bool = false
    /// Export: channel code per channel; missing channels use the standard's list position.
    public var channelCodes: [String: String] = [:]
    /// Export: 行政区划代码 of the hall.
    public var divisionCode: String = ""

    public init() {}

    public func levelCode(_ level: RatingLevel) -> Int { levelCodeReversed ? 6 - level.rawValue : level.rawValue }
    public func channelCode(_ channel: RatingChannel) -> String { channelCodes[channel.rawValue] ?? channel.standardCode }

    /// Checks a configuration before it is stored; returns the problem in Chinese.
    public func problem() -> String? {
        if reasons.isEmpty || reasons.count > 9 { return "差评原因应为 1 到 9 项（评价器用数字键选择）" }
        if reasons.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return "差评原因不能为空" }
        if !(10...600).contains(timeoutSeconds) { return "评价等待时间应在 10 到 600 秒之间" }
        if !(1...60).contains(defaultAfterDays) { return "默认评价天数应在 1 到 60 天之间" }
        if !(1...60).contains(rectificationWorkingDays) { return "整改时限应在 1 到 60 个工作日之间" }
        // A default stands in for silence; a bad rating must come from the applicant (and would
        // open a rectification task with nobody to call back).
        if let d = defaultLevel, d.isBad { return "默认评价不能是差评（\(d.label)）" }
        return nil
    }

    public init(from decoder: Decoder) throws {
        // Fields added later decode to their defaults, so an older stored policy still loads.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RatingPolicy()
        reasons = try c.decodeIfPresent([String].self, forKey: .reasons) ?? d.reasons
        timeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? d.timeoutSeconds
        defaultLevel = try c.decodeIfPresent(RatingLevel.self, forKey: .defaultLevel)
        defaultAfterDays = try c.decodeIfPresent(Int.self, forKey: .defaultAfterDays) ?? d.defaultAfterDays
        anonymousAllowed = try c.decodeIfPresent(Bool.self, forKey: .anonymousAllowed) ?? d.anonymousAllowed
        rectificationWorkingDays = try c.decodeIfPresent(Int.self, forKey: .rectificationWorkingDays) ?? d.rectificationWorkingDays
        levelCodeReversed = try c.decodeIfPresent(Bool.self, forKey: .levelCodeReversed) ?? d.levelCodeReversed
        channelCodes = try c.decodeIfPresent([String: String].self, forKey: .channelCodes) ?? d.channelCodes
        divisionCode = try c.decodeIfPresent(String.self, forKey: .divisionCode) ?? d.divisionCode
    }
}
