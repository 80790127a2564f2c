import XCTest
@testable import HallCore

/// Issue 14 defect 7: what a clerk types or pastes is checked for what it is.
final class InputHygieneTests: XCTestCase {
    let calendar = HallCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let day = Date(timeIntervalSince1970: 1_772_413_200)   // 2026-03-02 09:00 +08:00
    func field(_ key: String) -> FormField { FormField.standard[key]! }
    func check(_ key: String, _ raw: String) -> FieldValidation.Outcome {
        FieldValidation.check(field(key), raw, today: day, calendar: calendar)
    }

    func testEscapeSequencesAndControlCharactersNeverReachTheValue() {
        XCTAssertEqual(check("applicant.name", "\u{1B}[31m张\u{1B}[0m三"), .valid("张三"))
        XCTAssertEqual(check("applicant.name", "␛[31m张␛[0m三"), .valid("张三"), "as the terminal layer hands a typed ESC over")
        XCTAssertEqual(check("applicant.address", "北京市\u{7}朝阳区\u{202E}1号\u{200B}"), .valid("北京市朝阳区1号"))
        XCTAssertEqual(FieldValidation.clean("第一行\n第二行\t完"), "第一行 第二行 完")
    }

    func testNamesRefuseDigits() {
        XCTAssertEqual(check("applicant.name", "孙大爷13600001111"), .invalid("申请人姓名不能含数字（电话、证件号请填在各自栏目）"))
        XCTAssertEqual(check("business.legalRepresentative", "91110105MA01ABCD12"),
                       .invalid("法定代表人（负责人）姓名不能含数字（电话、证件号请填在各自栏目）"))
        XCTAssertEqual(check("applicant.name", "阿依古丽•买买提"), .valid("阿依古丽·买买提"))
        XCTAssertEqual(check("mother.name", "John Smith"), .valid("John Smith"))
        guard case .invalid = check("father.name", "张@三") else { return XCTFail("a symbol is no part of a name") }
    }

    func testABankAccountIsDigits() {
        XCTAssertEqual(check("bank.accountNumber", "6222 0202 0000 1234 567"), .valid("6222020200001234567"))
        XCTAssertEqual(check("bank.accountNumber", "工商银行6222020200001234567"), .invalid("银行账号只能是数字，含无效字符“工”"))
        XCTAssertEqual(check("business.bankAccount", "1234"), .invalid("基本存款账户账号应为9到30位数字，现为4位"))
    }

    func testAResidenceCannotStartInTheFuture() {
        XCTAssertEqual(check("residence.since", "2027-01-01"), .invalid("居住起始日期不能晚于今天（2026-03-02），现为2027-01-01"))
        XCTAssertEqual(check("residence.since", "2026年3月2日"), .valid("2026-03-02"))
        XCTAssertEqual(check("retirement.date", "2027-01-01"), .valid("2027-01-01"), "a retirement may be applied for ahead")
    }

    func testAPastedLineBreakOrNoBreakSpaceIsNoPartOfAnIdentityNumber() {
        XCTAssertEqual(check("applicant.idNumber", "11010519491231002X\n"), .valid("11010519491231002X"))
        XCTAssertEqual(check("applicant.idNumber", "110105\u{00A0}19491231\u{00A0}002X"), .valid("11010519491231002X"))
        XCTAssertEqual(check("business.creditCode", "91350100M000100Y43\u{00A0}"), .valid("91350100M000100Y43"))
        XCTAssertEqual(check("business.creditCode", "\u{FEFF}91350100M000100Y43\r\n"), .valid("91350100M000100Y43"))
    }

    func testProvinceCodesThatDoNotExistAreRefused() {
        for province in ["66", "29", "99"] {
            let first17 = province + "010519491231002"
            let id = first17 + String(ResidentIDValidator.checkCharacter(for: first17)!)
            XCTAssertEqual(try? ResidentIDValidator.validate(id, today: day, calendar: calendar).get(), nil, id)
            guard case .failure(.unknownProvince(province)) = ResidentIDValidator.validate(id, today: day, calendar: calendar) else {
                return XCTFail(id)
            }
        }
        XCTAssertNotNil(try? ResidentIDValidator.validate("11010519491231002X", today: day, calendar: calendar).get())
    }

    func testLettersInTheRegionPositionsOfACreditCodeAreRefused() {
        let first17 = "9111A105MA01ABCD1"
        let code = first17 + String(CreditCodeValidator.checkCharacter(for: first17)!)
        XCTAssertEqual(CreditCodeValidator.validate(code).failureValue, .regionNotDigit("A", position: 5))
        XCTAssertNotNil(try? CreditCodeValidator.validate("91350100M000100Y43").get())
    }
}

private extension Result {
    var failureValue: Failure? { if case .failure(let e) = self { return e }; return nil }
}
