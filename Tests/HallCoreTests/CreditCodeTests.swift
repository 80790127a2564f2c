import XCTest
@testable import HallCore

final class CreditCodeTests: XCTestCase {
    func validate(_ s: String) -> Result<CreditCode, CreditCodeError> { CreditCodeValidator.validate(s) }

    func testKnownGoodCodes() throws {
        // Published codes whose check characters agree with GB 32100-2015 (checked by hand with the
        // weights; the last two are also the test fixtures of hutool's CreditCodeUtil).
        for code in ["91350100M000100Y43", "91110000600037341L", "91310115591693856A", "91310110666007217T"] {
            XCTAssertEqual(try validate(code).get().value, code)
        }
    }

    func testParts() throws {
        let c = try validate("91350100M000100Y43").get()
        XCTAssertEqual(c.authorityAndType, "91")
        XCTAssertEqual(c.registrationAuthority, "9")
        XCTAssertEqual(c.organizationType, "1")
        XCTAssertEqual(c.registrationAuthorityName, "工商（市场监管）")
        XCTAssertEqual(c.divisionCode, "350100")
        XCTAssertEqual(c.organizationCode, "M000100Y4")
        XCTAssertEqual(c.organizationCode.count, 9)
        XCTAssertEqual(c.masked, "913501********0Y43")
    }

    func testConstructedCodeRoundTrips() throws {
        // A 民政 (5) social organisation (1) in 110105: compute the check character and validate.
        let body = "51110105MJ0123456"
        let check = try XCTUnwrap(CreditCodeValidator.checkCharacter(for: body))
        let c = try validate(body + String(check)).get()
        XCTAssertEqual(c.registrationAuthorityName, "民政")
        XCTAssertNil(CreditCodeValidator.checkCharacter(for: "51110105MJ012345O"))   // O is not in the alphabet
    }

    func testTolerantInput() throws {
        // Full-width from an input method, lower case, spaces and hyphens as people group them.
        XCTAssertEqual(try validate("９１３５０１００ｍ０００１００ｙ４３").get().value, "91350100M000100Y43")
        XCTAssertEqual(try validate(" 9135 0100 m000 100y 43 ").get().value, "91350100M000100Y43")
        XCTAssertEqual(try validate("911100006000-3734-1l").get().value, "91110000600037341L")
    }

    func testErrors() {
        XCTAssertEqual(validate("  "), .failure(.empty))
        XCTAssertEqual(validate("91350100M000100Y4"), .failure(.wrongLength(17)))
        XCTAssertEqual(validate("91350100M000100Y43").map(\.value), .success("91350100M000100Y43"))
        XCTAssertEqual(validate("91350100M000100Y42"), .failure(.wrongCheckCharacter(expected: "3", found: "2")))
        XCTAssertEqual(validate("91350211M00013FA1N"), .failure(.wrongCheckCharacter(expected: "3", found: "N")))  // early pilot code, not to standard
        XCTAssertEqual(validate("91350100MOOO100Y43"), .failure(.forbiddenLetter("O", position: 10)))
        XCTAssertEqual(validate("9135010OM000100Y43"), .failure(.forbiddenLetter("O", position: 8)))
        XCTAssertEqual(validate("91350100M000100V43"), .failure(.forbiddenLetter("V", position: 16)))
        XCTAssertEqual(validate("91350100M000100Y4#"), .failure(.invalidCharacter("#", position: 18)))
        XCTAssertEqual(validate("91350100M000100Y4号"), .failure(.invalidCharacter("号", position: 18)))
    }

    func testChineseMessages() {
        func text(_ s: String) -> String {
            if case .failure(let e) = validate(s) { return e.localizedDescription }
            return "（通过）"
        }
        XCTAssertEqual(text(""), "请输入统一社会信用代码")
        XCTAssertEqual(text("9135"), "统一社会信用代码应为18位，现为4位")
        XCTAssertEqual(text("91350100MOOO100Y43"),
                       "统一社会信用代码第10位是字母O：信用代码不使用字母 I、O、S、V、Z。是否应为数字0？请核对")
        XCTAssertEqual(text("91350100M000100V43"), "统一社会信用代码第16位是字母V：信用代码不使用字母 I、O、S、V、Z，请核对")
        XCTAssertEqual(text("91350100M000100Y4#"), "统一社会信用代码第18位“#”无效：只能是数字或大写字母（不含 I、O、S、V、Z）")
        XCTAssertEqual(text("91350100M000100Y42"), "统一社会信用代码校验位错误：第18位应为3，输入的是2，请核对")
    }
}
