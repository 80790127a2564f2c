import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The rating pad as a model: key sequences in, state and effects out, no SQLite.
final class RatingPadModelTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_772_413_200)
    typealias Effects = [ModelEffect<RatingPad.Command, RatingPad.Destination>]

    func invitation(_ id: String = "e1", expiresIn seconds: TimeInterval = 60) throws -> RatingInvitation {
        let json = #"{"id":"\#(id)","windowNumber":1,"ticketNumber":"A001","serviceName":"社保医保","clerkNumber":"1001","#
            + #""createdAt":\#(t0.timeIntervalSince1970),"expiresAt":\#(t0.timeIntervalSince1970 + seconds)}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(RatingInvitation.self, from: Data(json.utf8))
    }

    /// A pad showing the invitation `e1`.
    func invited(_ mode: RatingPad.Mode = .standalone) throws -> RatingPad.State {
        var s = RatingPad.State(window: 1, mode: mode, now: t0)
        guard case .run(.load)? = RatingPad.update(&s, .started).first else { XCTFail("loads first"); return s }
        _ = RatingPad.update(&s, .done(.loaded(RatingPolicy(), try invitation(), at: t0)))
        XCTAssertEqual(s.phase, .choosing(selected: 0))
        return s
    }

    @discardableResult
    func keys(_ s: inout RatingPad.State, _ keys: [Key]) -> Effects { keys.flatMap { RatingPad.update(&s, .key($0)) } }
    func type(_ s: inout RatingPad.State, _ text: String) -> Effects { keys(&s, text.map { .character($0) }) }

    func submission(_ effects: Effects) -> RatingPad.Submission? {
        effects.compactMap { if case .run(.rate(let sub)) = $0 { return sub }; return nil }.first
    }

    func testGoodRatingIsOneKeyAndIsSentOnce() throws {
        var s = try invited()
        let sent = submission(type(&s, "2"))
        XCTAssertEqual(sent?.level, .satisfied)
        XCTAssertEqual(sent?.eventId, "e1")
        XCTAssertTrue(s.submitting)
        XCTAssertNil(submission(type(&s, "2")), "a second key while the store answers sends nothing")
        _ = RatingPad.update(&s, .done(.rated(at: t0)))
        XCTAssertEqual(s.phase, .thanks(until: t0 + 5))
        XCTAssertNil(s.invitation)
        // A load that still finds nothing pending keeps the thanks up; the tick after them returns to idle.
        _ = RatingPad.update(&s, .storeChanged)
        _ = RatingPad.update(&s, .done(.loaded(RatingPolicy(), nil, at: t0 + 1)))
        XCTAssertEqual(s.phase, .thanks(until: t0 + 5))
        let after = RatingPad.update(&s, .tick(t0 + 5))
        XCTAssertEqual(s.phase, .idle)
        XCTAssertTrue(after.contains { if case .run(.load) = $0 { return true }; return false })
    }

    func testBadRatingAsksReasonsTextAndWhetherToGiveAName() throws {
        var s = try invited()
        keys(&s, [.down, .down, .down, .down, .enter])       // 非常不满意 by arrows
        XCTAssertEqual(s.phase, .reasons(level: .veryDissatisfied, picked: []))
        keys(&s, [.enter])
        XCTAssertEqual(s.message, .error("请至少选择一项原因"))
        _ = type(&s, "155")                                    // 5 twice: picked, then unpicked
        XCTAssertEqual(s.phase, .reasons(level: .veryDissatisfied, picked: [0]))
        _ = type(&s, "5"); keys(&s, [.enter])
        _ = type(&s, "等了12分钟?")                             // digits and "?" are text here, not commands
        XCTAssertEqual(s.field.text, "等了12分钟?")
        keys(&s, [.enter])
        XCTAssertEqual(s.phase, .identity(level: .veryDissatisfied, reasons: ["服务态度", "等候时间"], text: "等了12分钟?"))
        let sent = submission(type(&s, "2"))                   // 匿名
        XCTAssertEqual(sent, RatingPad.Submission(eventId: "e1", level: .veryDissatisfied, reasons: ["服务态度", "等候时间"],
                                                  text: "等了12分钟?", rater: nil))
    }

    func testRealNameWhenTheHallAllowsNoAnonymousRatings() throws {
        var s = try invited()
        var policy = RatingPolicy()
        policy.anonymousAllowed = false
        _ = RatingPad.update(&s, .done(.loaded(policy, try invitation(), at: t0)))
        _ = type(&s, "1")
        guard case .realName(.verySatisfied, [], nil, nil) = s.phase else { return XCTFail("\(s.phase)") }
        keys(&s, [.enter])
        XCTAssertEqual(s.message, .error("请输入姓名"))
        _ = type(&s, "张三"); keys(&s, [.enter])
        let sent = submission(type(&s, "13800138000") + keys(&s, [.enter]))
        XCTAssertEqual(sent?.rater, RaterIdentity(name: "张三", phone: "13800138000"))
    }

    func testTimeoutRecordsNothingAndAHandedOverScreenGoesBack() throws {
        var s = try invited()
        _ = type(&s, "4")
        _ = RatingPad.update(&s, .tick(t0 + 60))
        XCTAssertEqual(s.phase, .idle)
        XCTAssertEqual(s.message, .info("评价已超时，本次未记录评价"))
        var h = try invited(.handOver)
        let back = RatingPad.update(&h, .tick(t0 + 60))
        guard case .close(.info("评价已超时，本次未记录评价")?)? = back.last else { return XCTFail("\(back)") }
    }

    func testHandedOverScreenEscDeclinesAndF10DoesNothing() throws {
        var h = try invited(.handOver)
        XCTAssertTrue(keys(&h, [.function(10)]).isEmpty, "the console's sign-out key does nothing on the applicant's screen")
        XCTAssertNil(h.exit)
        guard case .close(.info("群众未评价，屏幕已交还（未记录评价）")?)? = keys(&h, [.escape]).first else { return XCTFail() }
        var s = try invited()
        XCTAssertTrue(keys(&s, [.escape]).isEmpty, "a standalone pad stays")
    }

    func testStaffCloseTheStandalonePadWithAPinAndWrongPinsSlowItDown() throws {
        var s = try invited()
        keys(&s, [.function(10)])                            // not while the applicant rates
        XCTAssertNil(s.exit)
        XCTAssertEqual(s.message?.isError, true)
        _ = RatingPad.update(&s, .tick(t0 + 61))            // timed out: idle
        func attempt(_ number: String, _ pin: String) -> Effects {
            keys(&s, [.function(10)]) + type(&s, number) + keys(&s, [.enter]) + type(&s, pin) + keys(&s, [.enter])
        }
        guard case .run(.checkStaff(clerkNumber: "8001", pin: "0000"))? = attempt("8001", "0000").last else { return XCTFail() }
        for _ in 0..<3 { _ = RatingPad.update(&s, .done(.staffChecked(nil, at: t0 + 61))) }
        XCTAssertEqual(s.message, .error("工号或密码错误"))
        XCTAssertTrue(keys(&s, [.function(10)]).isEmpty)
        XCTAssertNil(s.exit, "three wrong PINs close the exit for a while")
        XCTAssertEqual(s.message, .error("工号或密码错误次数过多，请 15 秒后再试"))
        _ = RatingPad.update(&s, .tick(t0 + 76))
        _ = attempt("2001", "2222")
        XCTAssertTrue(RatingPad.update(&s, .done(.staffChecked(Clerk(id: "g", number: "2001", name: "周丽", role: .guide), at: t0 + 76))).isEmpty)
        XCTAssertEqual(s.throttle, ExitThrottle(), "a right PIN starts the count afresh")
        guard case .quit? = RatingPad.update(&s, .done(.staffChecked(Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), at: t0 + 77))).first
        else { return XCTFail("a clerk closes the pad") }
    }

    /// Each mode's one table: the bar shows only keys its help lists, in every phase.
    func testKeyBarAndHelpComeFromOneTable() throws {
        for mode in [RatingPad.Mode.standalone, .handOver] {
            var s = try invited(mode)
            for step in [[], [Key.character("5")], [.character("1"), .enter], [.enter]] as [[Key]] {
                keys(&s, step)
                let help = RatingPad.help(s).joined(separator: "\n")
                for item in RatingPad.keyBar(s) where item.key != "F1" {
                    XCTAssertTrue(help.contains("\(item.key) \(item.label)："), "\(mode) \(s.phase): \(item.key) \(item.label)")
                }
            }
        }
    }
}
