import XCTest
@testable import HallCore

/// Issue 14 must-deliver 2: 印章种类 and 发票种类 take several options; before, a field took one.
final class MultiChoiceTests: XCTestCase {
    let seal = FormField.standard["seal.types"]!
    let today = Date(timeIntervalSince1970: 1_772_413_200)

    func testSealAndInvoiceTypesTakeSeveralOptionsInTheListsOrder() throws {
        XCTAssertEqual(FieldValidation.check(seal, "财务专用章，公章", today: today), .valid("公章、财务专用章"),
                       "typed in any order and with any separator, stored in the list's order")
        XCTAssertEqual(FieldValidation.check(seal, "公章 公章 / 发票专用章", today: today), .valid("公章、发票专用章"), "each once")
        let invoice = try XCTUnwrap(FormField.standard["tax.invoiceType"])
        XCTAssertEqual(FieldValidation.check(invoice, "增值税专用发票、电子发票", today: today), .valid("增值税专用发票、电子发票"))
        XCTAssertEqual(FieldValidation.check(seal, "  ", today: today), .empty)
    }

    func testAnUnknownOptionIsNamed() {
        guard case .invalid(let why) = FieldValidation.check(seal, "公章、萝卜章", today: today) else { return XCTFail("accepted") }
        XCTAssertEqual(why, "印章种类不能选“萝卜章”，可选（可多选）：公章、财务专用章、发票专用章、合同专用章、法定代表人名章")
    }

    func testDigitsTickAndUntick() {
        guard case .multiChoice(let options) = seal.kind else { return XCTFail("\(seal.kind)") }
        var value = MultiChoice.toggled("", option: "合同专用章", options: options)
        value = MultiChoice.toggled(value, option: "公章", options: options)
        XCTAssertEqual(value, "公章、合同专用章")
        XCTAssertEqual(MultiChoice.toggled(value, option: "公章", options: options), "合同专用章")
        XCTAssertEqual(MultiChoice.selected(value, options: options), ["公章", "合同专用章"])
    }

    func testACatalogCanDeclareAMultiChoiceFieldAndItRoundTrips() throws {
        let json = #"{"key": "x.kinds", "label": "种类", "kind": "multiChoice", "choices": ["甲", "乙"]}"#
        let field = try JSONDecoder().decode(FormField.self, from: Data(json.utf8))
        XCTAssertEqual(field.kind, .multiChoice(["甲", "乙"]))
        XCTAssertEqual(try JSONDecoder().decode(FormField.self, from: JSONEncoder().encode(field)), field)
    }

    func testAMissingRequiredMultiChoiceIsAProblemOfTheForm() {
        let problems = formProblems([seal], ["seal.types": ""], today: today)
        XCTAssertEqual(problems.map(\.message), ["请填写印章种类"])
        XCTAssertEqual(formProblems([seal], ["seal.types": "公章、合同专用章"], today: today), [])
    }
}
