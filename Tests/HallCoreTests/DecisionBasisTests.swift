import XCTest
@testable import HallCore

/// Issue 14 defect 5: §32 complete. No decision existed for §32(1)(一); a refusal cited only
/// "第三十二条"; matters that are not licences (低保, 社保卡) were given 行政许可法 wording.
final class DecisionBasisTests: XCTestCase {
    let licence = DecisionBasis.MatterRef(name: "企业设立登记", type: .licensing, legalBasis: "《市场主体登记管理条例》第三条")
    let subsistence = DecisionBasis.MatterRef(name: "最低生活保障申请", type: .payment, legalBasis: "《社会救助暂行办法》第十一条")
    let socialCard = DecisionBasis.MatterRef(name: "社会保障卡申领", type: .publicService, legalBasis: "《社会保障卡管理办法》")

    func testALicenceCitesTheExactItemOfEachDecision() {
        let cases: [(IntakeDecision, String)] = [
            (.noPermitNeeded("属于备案事项"), "第三十二条第一款第（一）项"),
            (.refuse(reason: "不属于本机关职权范围", rightAgency: "区税务局"), "第三十二条第一款第（二）项"),
            (.correctOnSpot("笔误"), "第三十二条第一款第（三）项"),
            (.requestCorrection, "第三十二条第一款第（四）项"),
            (.accept, "第三十二条第一款第（五）项"),
        ]
        for (decision, item) in cases {
            XCTAssertEqual(DecisionBasis.procedural(decision, matters: [licence]), "《中华人民共和国行政许可法》" + item)
        }
        XCTAssertEqual(NoticeBuilder.refusalBasis, "《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    }

    func testOtherMatterTypesCiteTheirOwnBasisNeverTheLicensingLaw() {
        for decision in [IntakeDecision.accept, .requestCorrection, .refuse(reason: "r", rightAgency: nil)] {
            let basis = DecisionBasis.procedural(decision, matters: [subsistence, socialCard])
            XCTAssertFalse(basis.contains("行政许可法"), basis)
            XCTAssertTrue(basis.hasPrefix("《社会救助暂行办法》第十一条；《社会保障卡管理办法》"), basis)
        }
        XCTAssertEqual(DecisionBasis.procedural(.requestCorrection, matters: [subsistence]),
                       "《社会救助暂行办法》第十一条及政务服务一次性告知制度")
        // A bundle of both: each part names the matters it applies to.
        XCTAssertEqual(DecisionBasis.procedural(.requestCorrection, matters: [licence, socialCard]),
                       "《中华人民共和国行政许可法》第三十二条第一款第（四）项（适用于企业设立登记）；"
                       + "《社会保障卡管理办法》及政务服务一次性告知制度（适用于社会保障卡申领）")
    }

    func testNoPermitIsForLicencesAndALicenceIsRefusedOnlyWithTheRightAgency() {
        XCTAssertNil(IntakeDecisionRules.check(.noPermitNeeded("属于备案事项"), status: .draft, checks: [], types: [.licensing]))
        XCTAssertEqual(IntakeDecisionRules.check(.noPermitNeeded("x"), status: .draft, checks: [], types: [.licensing, .payment]),
                       "“不需要取得行政许可”（第三十二条第一款第（一）项）只适用于行政许可事项，本件含行政给付事项")
        XCTAssertEqual(IntakeDecisionRules.check(.noPermitNeeded(" "), status: .draft, checks: [], types: [.licensing]),
                       "请写明依法不需要取得行政许可的理由")
        XCTAssertNotNil(IntakeDecisionRules.check(.refuse(reason: "不属于本机关职权", rightAgency: nil), status: .draft, checks: [], types: [.licensing]))
        XCTAssertNil(IntakeDecisionRules.check(.refuse(reason: "不属于本机关职权", rightAgency: "区税务局"), status: .draft, checks: [], types: [.licensing]))
        XCTAssertNil(IntakeDecisionRules.check(.refuse(reason: "不符合申领条件", rightAgency: nil), status: .draft, checks: [], types: [.payment]))
    }
}
