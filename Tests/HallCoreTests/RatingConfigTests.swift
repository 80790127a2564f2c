import XCTest
@testable import HallCore

/// `yichuang config` keys for the rating rules: every key round-trips, bad values are refused in Chinese.
final class RatingConfigTests: XCTestCase {
    func testEveryKeyRoundTripsThroughItsShownValue() throws {
        var p = RatingPolicy()
        try p.set("rating_timeout", to: "90")
        try p.set("rating_default_level", to: "基本满意")
        try p.set("rating_default_days", to: "10")
        try p.set("rating_reasons", to: "服务态度、办事效率，等候时间")
        try p.set("rating_anonymous", to: "false")
        try p.set("rating_fix_days", to: "5")
        try p.set("rating_level_code", to: "reversed")
        try p.set("rating_channel_codes", to: "hallPad=09,电话=05")
        try p.set("rating_division", to: "110105")
        XCTAssertNil(p.problem())
        XCTAssertEqual(p.timeoutSeconds, 90)
        XCTAssertEqual(p.defaultLevel, .fairlySatisfied)
        XCTAssertEqual(p.reasons, ["服务态度", "办事效率", "等候时间"])
        XCTAssertFalse(p.anonymousAllowed)
        XCTAssertEqual(p.channelCodes, ["hallPad": "09", "phone": "05"])
        XCTAssertEqual(p.levelCode(.verySatisfied), 5)
        XCTAssertEqual(Set(p.configValues.map(\.key)), Set(RatingPolicy.configKeys.map(\.key)))
        var q = RatingPolicy()
        for (k, v) in p.configValues { try q.set(k, to: v) }
        XCTAssertEqual(q, p)
        try q.set("rating_default_level", to: "none")
        try q.set("rating_channel_codes", to: "standard")
        XCTAssertNil(q.defaultLevel)
        XCTAssertEqual(q.channelCodes, [:])
    }

    func testBadValuesAreRefusedInChinese() {
        var p = RatingPolicy()
        let cases: [(String, String, String)] = [
            ("rating_timeout", "5", "10 到 600"),
            ("rating_timeout", "abc", "整数"),
            ("rating_default_level", "不满意", "不能是差评"),
            ("rating_default_level", "很好", "none、非常满意"),
            ("rating_default_days", "0", "1 到 60"),
            ("rating_reasons", "一,二,三,四,五,六,七,八,九,十", "1 到 9 项"),
            ("rating_reasons", "服务态度,服务态度", "重复"),
            ("rating_anonymous", "maybe", "true"),
            ("rating_fix_days", "61", "1 到 60"),
            ("rating_level_code", "up", "standard"),
            ("rating_channel_codes", "fax=1", "无法识别"),
            ("rating_channel_codes", "hallPad=", "1–10 位"),
            ("rating_division", "11010", "6、9 或 12 位"),
            ("rating_colour", "red", "未知的键"),
        ]
        for (key, value, expected) in cases {
            XCTAssertThrowsError(try p.set(key, to: value), "\(key) \(value)") {
                XCTAssertTrue($0.localizedDescription.contains(expected), "\(key) \(value): \($0.localizedDescription)")
            }
        }
        XCTAssertEqual(p, RatingPolicy(), "a refused value changes nothing")
    }
}
