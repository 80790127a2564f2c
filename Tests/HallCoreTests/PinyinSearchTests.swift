import XCTest
@testable import HallCore

/// Issue 14, must-deliver 5: a matter is found by the full pinyin of its name as well as by its
/// initials. Typing `juzhu` in the matter picker found nothing: only initials were indexed.
final class PinyinSearchTests: XCTestCase {
    static let readings = PinyinReadings(table: try! String(contentsOf: CatalogTests.data.appendingPathComponent("pinyin-full.txt"),
                                                            encoding: .utf8))

    func search(_ extra: [Matter] = []) -> CatalogSearch {
        CatalogSearch(matters: CatalogTests.shipped.matters + extra, pinyin: CatalogTests.pinyin, readings: Self.readings)
    }

    func named(_ name: String, code: String) -> Matter {
        var m = CatalogTests.shipped.matters.first { $0.name == "居住证申领" }!
        m.name = name
        m.implementationCode = code
        return m
    }

    func testJuzhuFindsTheResidencePermitMatters() {
        let s = search([named("居住证登记", code: "JZZDJ0001")])
        let names = s.search("juzhu", limit: 50).map(\.name)
        XCTAssertEqual(Set(names.prefix(2)), ["居住证登记", "居住证申领"], "\(names)")
        XCTAssertEqual(s.hits("juzhu").first?.match, .pinyinStart)
        XCTAssertEqual(s.search("JuZhuZhengDengJi").first?.name, "居住证登记", "typed in any case, to the last syllable")
        XCTAssertEqual(s.search("ｊｕｚｈｕ").first?.name.hasPrefix("居住证"), true, "full-width letters from an input method")
        XCTAssertEqual(s.search("juzhuzhengdeng").first?.name, "居住证登记", "a syllable cut short at the end")
        XCTAssertTrue(s.search("zhengdengji", limit: 50).contains { $0.name == "居住证登记" }, "from a later character")
        XCTAssertFalse(s.search("uzhu", limit: 100).contains { $0.name.hasPrefix("居住证") }, "a match starts where a character's pinyin starts")
        // Initials still work beside it: jzz is 居住证.
        XCTAssertTrue(Set(s.search("jzz", limit: 50).map(\.name).prefix(5)).isSuperset(of: ["居住证登记", "居住证申领"]))
    }

    func testWithoutTheReadingsTableOnlyInitialsMatch() {
        let s = CatalogSearch(matters: CatalogTests.shipped.matters, pinyin: CatalogTests.pinyin)
        XCTAssertFalse(s.search("juzhu", limit: 100).contains { $0.name == "居住证申领" })
    }

    func testSpellingOfNamesAndMixedText() {
        XCTAssertEqual(Self.readings.spell("张三丰"), "zhangsanfeng")
        XCTAssertEqual(Self.readings.spell("吕小平"), "lvxiaoping", "ü typed as v")
        XCTAssertEqual(Self.readings.spell("A座3号"), "azuohao", "letters kept, digits dropped")
        XCTAssertNil(Self.readings.spell("123（）"))
        XCTAssertTrue(Self.readings.matches("kaiban", in: "开办企业一件事"))
        XCTAssertTrue(Self.readings.matches("QiYe", in: "开办企业一件事"))
        XCTAssertFalse(Self.readings.matches("aiban", in: "开办企业一件事"))
    }
}
