import XCTest
@testable import HallCore

final class RatingTests: XCTestCase {
    func testLevelsAndBadRatings() {
        XCTAssertEqual(RatingLevel.allCases.map(\.label), ["非常满意", "满意", "基本满意", "不满意", "非常不满意"])
        XCTAssertEqual(RatingLevel.allCases.filter(\.isBad), [.dissatisfied, .veryDissatisfied])
        XCTAssertEqual(RatingLevel(label: "基本满意"), .fairlySatisfied)
    }

    func testSatisfactionRate() {
        var t = SatisfactionTally()
        XCTAssertNil(t.rate)
        XCTAssertEqual(t.rateText, "—")
        for l in [RatingLevel.verySatisfied, .satisfied, .fairlySatisfied, .veryDissatisfied] { t.add(l) }
        XCTAssertEqual(t.rate, 0.75)
        XCTAssertEqual(t.bad, 1)
        XCTAssertEqual(t.rateText, "75.0%")
    }

    func testPolicyDefaultsCodesAndOldJSON() throws {
        var p = RatingPolicy()
        XCTAssertEqual(p.timeoutSeconds, 60)
        XCTAssertEqual(p.rectificationWorkingDays, 15)
        XCTAssertEqual(p.reasons, ["服务态度", "办事效率", "办理结果", "一次性告知不到位", "等候时间", "环境设施", "其他"])
        XCTAssertEqual(p.levelCode(.verySatisfied), 1)
        p.levelCodeReversed = true
        XCTAssertEqual(p.levelCode(.verySatisfied), 5)
        XCTAssertEqual(p.channelCode(.hallPad), "4")
        p.channelCodes = ["hallPad": "09"]
        XCTAssertEqual(p.channelCode(.hallPad), "09")
        let old = try JSONDecoder().decode(RatingPolicy.self, from: Data(#"{"timeoutSeconds": 30}"#.utf8))
        XCTAssertEqual(old.timeoutSeconds, 30)
        XCTAssertEqual(old.rectificationWorkingDays, 15)
        p.timeoutSeconds = 5
        XCTAssertNotNil(p.problem())
    }

    func testRectificationHappyPath() throws {
        var r = Rectification(anonymous: false)
        XCTAssertEqual(r.status, .awaitingCallback)
        XCTAssertThrowsError(try r.applying(.resolve(.fixedNow(note: "x"))))      // callback first
        r = try r.applying(.callback(reached: false, note: "无人接听"))
        XCTAssertEqual(r.status, .awaitingCallback)
        XCTAssertFalse(r.calledBack)
        r = try r.applying(.callback(reached: true, note: "已致歉"))
        XCTAssertEqual(r.status, .awaitingResolution)
        r = try r.applying(.resolve(.fixBy(date: "2026-03-10", note: "培训")))
        XCTAssertEqual(r.status, .fixing)
        XCTAssertTrue(r.isOverdue(due: "2026-03-20", today: "2026-03-21"))
        r = try r.applying(.fixCompleted(note: "已培训"))
        XCTAssertEqual(r.status, .awaitingReport)
        r = try r.applying(.reportBack(note: "电话告知"))
        XCTAssertEqual(r.status, .closed)
        XCTAssertFalse(r.isOverdue(due: "2026-03-20", today: "2026-03-21"))
        r = try r.applying(.raterVerdict(.satisfied))
        XCTAssertThrowsError(try r.applying(.raterVerdict(.verySatisfied)))      // never changed
    }

    func testAppealAndReview() throws {
        var r = try Rectification(anonymous: false).applying(.callback(reached: true, note: ""))
        XCTAssertThrowsError(try r.applying(.appeal(reason: " ")))
        r = try r.applying(.appeal(reason: "评价人误操作"))
        XCTAssertEqual(r.status, .underReview)
        XCTAssertThrowsError(try r.applying(.resolve(.fixedNow(note: ""))))
        let rejected = try r.applying(.review(upheld: false, reason: "证据不足"))
        XCTAssertEqual(rejected.status, .awaitingResolution)
        let upheld = try r.applying(.review(upheld: true, reason: "监控显示误触"))
        XCTAssertEqual(upheld.status, .annulled)
        XCTAssertFalse(upheld.status.isOpen)
    }

    func testAnonymousSkipsCallbackAndNoLegalBasisNeedsText() throws {
        let r = Rectification(anonymous: true)
        XCTAssertEqual(r.status, .awaitingResolution)
        XCTAssertThrowsError(try r.applying(.callback(reached: true, note: "")))
        XCTAssertThrowsError(try r.applying(.resolve(.noLegalBasis(explanation: ""))))
        XCTAssertThrowsError(try r.applying(.resolve(.fixBy(date: "下周", note: ""))))
        XCTAssertEqual(try r.applying(.resolve(.noLegalBasis(explanation: "该诉求无法律依据，已解释"))).status, .awaitingReport)
    }
}
