import XCTest
@testable import HallCore

final class IdentityTests: XCTestCase {
    let today = Date(timeIntervalSince1970: 1_772_413_200)

    func testKnownGoodNumbers() throws {
        let id = try ResidentIDValidator.validate("11010519491231002X", today: today).get()
        XCTAssertEqual(id.birthYear, 1949)
        XCTAssertFalse(id.isMale)
        XCTAssertEqual(id.masked, "110105********002X")
        // Full-width digits from an input method and a lower-case x.
        XCTAssertEqual(try ResidentIDValidator.validate("１１０１０５１９４９１２３１００２ｘ", today: today).get().value, "11010519491231002X")
        XCTAssertEqual(try ResidentIDValidator.validate("110105 19491231 002x", today: today).get().value, "11010519491231002X")
    }

    func testPreciseMessagesForBadNumbers() {
        func err(_ s: String) -> ResidentIDError? {
            if case .failure(let e) = ResidentIDValidator.validate(s, today: today) { return e }
            return nil
        }
        XCTAssertEqual(err(""), .empty)
        XCTAssertEqual(err("1101051949123100"), .wrongLength(16))
        XCTAssertEqual(err("11010519491231002Y"), .invalidCharacter("Y", position: 18))
        XCTAssertEqual(err("1101051949123100AX"), .invalidCharacter("A", position: 17))
        XCTAssertEqual(err("110105194902300021").map { if case .badBirthDate = $0 { return true }; return false }, true)
        XCTAssertEqual(err("110105203001010029").map { if case .birthDateInFuture = $0 { return true }; return false }, true)
        XCTAssertEqual(err("110105194912310021"), .wrongCheckCharacter(expected: "X", found: "1"))
        XCTAssertTrue(ResidentIDError.wrongCheckCharacter(expected: "X", found: "1").localizedDescription.contains("校验位"))
    }

    func testGreenChannelByAge() throws {
        let cal = HallCalendar()
        var p = QueuePolicy()
        let old = try ResidentIDValidator.validate("11010519491231002X", today: today).get()
        XCTAssertTrue(suggestsGreenChannel(old, policy: p, on: today, calendar: cal))
        p.greenChannelAge = 80
        XCTAssertFalse(suggestsGreenChannel(old, policy: p, on: today, calendar: cal))
        // Turning 70 exactly on the day counts.
        let born = "11010519560302" + "001"
        let id = born + String(ResidentIDValidator.checkCharacter(for: born)!)
        let seventy = try ResidentIDValidator.validate(id, today: today).get()
        XCTAssertTrue(suggestsGreenChannel(seventy, policy: QueuePolicy(), on: today, calendar: cal))
        XCTAssertFalse(suggestsGreenChannel(seventy, policy: QueuePolicy(), on: today - 86_400, calendar: cal))
    }

    func testMasking() {
        XCTAssertEqual(maskPhone("13800138000"), "138****8000")
        XCTAssertEqual(maskName("欧阳修"), "欧**")
        XCTAssertEqual(maskIdentityNumber("123"), "***")
    }
}
