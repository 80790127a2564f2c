import Foundation

/// `yichuang config` keys for the rating rules. The parsing lives here, next to the rules, so the
/// command line and any later settings screen refuse the same values with the same Chinese text.
extension RatingPolicy {
    /// Every key with a one-line description, in the order `yichuang config` shows them.
    public static let configKeys: [(key: String, about: String)] = [
        ("rating_timeout", "评价器等待秒数（10–600）"),
        ("rating_default_level", "超期未评价的默认评价：none（不设）、非常满意、满意或基本满意"),
        ("rating_default_days", "几天未评价即记默认评价（1–60）"),
        ("rating_reasons", "差评原因，用逗号或顿号分隔（1–9 项）"),
        ("rating_anonymous", "是否允许匿名评价（true / false；false 时须实名）"),
        ("rating_fix_days", "差评整改时限，工作日（1–60）"),
        ("rating_level_code", "导出等级代码方向：standard（1=非常满意）或 reversed（1=非常不满意）"),
        ("rating_channel_codes", "导出渠道代码，如 hallPad=09,phone=05；standard 恢复国标顺序"),
        ("rating_division", "导出行政区划代码（6、9 或 12 位数字，可为空：none）"),
    ]

    /// The current value of every key, as `yichuang config` prints and accepts it.
    public var configValues: [(key: String, value: String)] {
        let channels = RatingChannel.allCases.compactMap { c in channelCodes[c.rawValue].map { "\(c.rawValue)=\($0)" } }
        return [("rating_timeout", String(timeoutSeconds)),
                ("rating_default_level", defaultLevel?.label ?? "none"),
                ("rating_default_days", String(defaultAfterDays)),
                ("rating_reasons", reasons.joined(separator: ",")),
                ("rating_anonymous", String(anonymousAllowed)),
                ("rating_fix_days", String(rectificationWorkingDays)),
                ("rating_level_code", levelCodeReversed ? "reversed" : "standard"),
                ("rating_channel_codes", channels.isEmpty ? "standard" : channels.joined(separator: ",")),
                ("rating_division", divisionCode.isEmpty ? "none" : divisionCode)]
    }

    public static func isConfigKey(_ key: String) -> Bool { configKeys.contains { $0.key == key } }

    /// Applies one `key value` pair; throws the problem in Chinese. The whole policy is checked
    /// again by `problem()` when stored.
    public mutating func set(_ key: String, to raw: String) throws {
        let value = raw.trimmingCharacters(in: .whitespaces)
        func bad(_ s: String) -> RatingConfigError { RatingConfigError(message: s) }
        func int(_ range: ClosedRange<Int>, _ what: String) throws -> Int {
            guard let n = Int(value), range.contains(n) else { throw bad("\(what)应为 \(range.lowerBound) 到 \(range.upperBound) 的整数，收到“\(value)”") }
            return n
        }
        switch key {
        case "rating_timeout": timeoutSeconds = try int(10...600, "评价等待时间（秒）")
        case "rating_default_days": defaultAfterDays = try int(1...60, "默认评价天数")
        case "rating_fix_days": rectificationWorkingDays = try int(1...60, "整改时限（工作日）")
        case "rating_default_level":
            if ["none", "无", "off", ""].contains(value) { defaultLevel = nil; return }
            let level = RatingLevel(label: value) ?? Int(value).flatMap(RatingLevel.init(rawValue:))
            guard let level else { throw bad("默认评价应为 none、非常满意、满意或基本满意，收到“\(value)”") }
            guard !level.isBad else { throw bad("默认评价不能是差评（\(level.label)）：差评须由群众本人作出") }
            defaultLevel = level
        case "rating_reasons":
            let list = value.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard (1...9).contains(list.count) else { throw bad("差评原因应为 1 到 9 项（评价器用数字键选择），收到 \(list.count) 项") }
            guard Set(list).count == list.count else { throw bad("差评原因有重复项") }
            if let long = list.first(where: { $0.count > 12 }) { throw bad("差评原因“\(long)”过长（每项最多12字）") }
            reasons = list
        case "rating_anonymous":
            guard let b = Self.bool(value) else { throw bad("rating_anonymous 应为 true（允许匿名）或 false（须实名）") }
            anonymousAllowed = b
        case "rating_level_code":
            switch value {
            case "standard", "1=非常满意": levelCodeReversed = false
            case "reversed", "1=非常不满意": levelCodeReversed = true
            default: throw bad("rating_level_code 应为 standard（1=非常满意）或 reversed（1=非常不满意）")
            }
        case "rating_channel_codes": channelCodes = try Self.channelCodes(value)
        case "rating_division":
            if value == "none" || value.isEmpty { divisionCode = ""; return }
            guard value.allSatisfy({ $0.isASCII && $0.isNumber }), [6, 9, 12].contains(value.count) else {
                throw bad("行政区划代码应为 6、9 或 12 位数字，收到“\(value)”")
            }
            divisionCode = value
        default: throw bad("未知的键 \(key)")
        }
    }

    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "yes", "1", "是": return true
        case "false", "no", "0", "否": return false
        default: return nil
        }
    }

    /// "hallPad=09,phone=05": channel by its identifier or its Chinese name; "standard" clears.
    static func channelCodes(_ value: String) throws -> [String: String] {
        if value == "standard" || value.isEmpty { return [:] }
        var out: [String: String] = [:]
        for pair in value.split(whereSeparator: { ",，".contains($0) }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2,
                  let channel = RatingChannel.allCases.first(where: { $0.rawValue == parts[0] || $0.label == parts[0] }) else {
                let names = RatingChannel.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
                throw RatingConfigError(message: "渠道“\(pair)”无法识别，应写成 渠道=代码，渠道为：\(names)")
            }
            guard !parts[1].isEmpty, parts[1].count <= 10, parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw RatingConfigError(message: "\(channel.label)的代码“\(parts[1])”应为 1–10 位字母或数字")
            }
            out[channel.rawValue] = parts[1]
        }
        return out
    }
}

public struct RatingConfigError: Error, Equatable, LocalizedError {
    public var message: String
    public var errorDescription: String? { message }
}
