import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 14 on the case screen: the delivery chosen at acceptance, the history with old and new
/// values, and 容缺 (the 告知承诺书 printed with the acceptance, each deadline on the case, 补交
/// recorded from the screen, overdue in red). Key by key at window 1 on the demo hall with the
/// shipped catalog and calendar (Monday 2026-03-02 09:00), printing into the spool folder.
final class IntakeCaseFollowUpTests: XCTestCase {
    /// A 最低生活保障申请 (20 working days; 家庭收入情况证明 may be tolerated) with its form filled
    /// by the clerk and its five materials settled: four received, the income proof under 容缺.
    func acceptableCase(_ f: AppFixture) throws -> (AppRunner, CaseScreen) {
        try f.issue("A")
        let (r, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        r.feed(.function(2)); r.feed(.character("s"))
        f.type(r, "zdshbzsq"); r.feed(.enter); r.feed(.function(5))
        let screen = try XCTUnwrap(r.currentScreen as? CaseScreen)
        XCTAssertEqual(screen.state.c?.matters.map(\.name), ["最低生活保障申请"])
        let answers = ["applicant.name": "王秀兰", "applicant.idNumber": "11010519491231002X", "applicant.phone": "13800138000",
                       "applicant.hukouAddress": "示范区幸福路1号", "household.size": "3", "household.monthlyIncome": "1200",
                       "hardship.reason": "因病致贫", "bank.accountNumber": "6222021234567890", "bank.name": "中国工商银行示范区支行"]
        for field in screen.state.fields {
            guard let value = answers[field.key] else { continue }
            XCTAssertEqual(screen.focusedField?.key, field.key)
            f.type(r, value); r.feed(.enter)
        }
        r.feed(.function(3))
        let lines = try XCTUnwrap(screen.state.c?.checks)
        for line in lines { r.feed(.character(line.isTolerable ? "3" : "1")) }
        let settled = try f.store.case(id: screen.caseId).checks
        XCTAssertEqual(settled.filter { $0.state == .toleratedWithCommitment }.map(\.materialName), ["家庭收入情况证明"])
        XCTAssertTrue(settled.allSatisfy { $0.shortfall == nil }, "\(settled)")
        return (r, screen)
    }

    // MARK: 1. delivery

    func testMailDeliveryIsChosenAtAcceptanceWithAnAddressAndShownOnTheCaseAndItsNotice() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try acceptableCase(f)
        r.feed(.function(6)); r.feed(.character("1"))
        // Before: acceptance went through at once and recorded 窗口领取 whatever the applicant wanted.
        XCTAssertEqual(try f.store.case(id: screen.caseId).status, .draft, "nothing is decided before the delivery is chosen")
        var frame = f.frame(r, width: 80, height: 24)
        for text in ["结果送达方式", "1. 窗口领取", "2. 邮寄送达", "3. 电子送达"] { XCTAssertTrue(frame.contains(text), "\(text):\n\(frame)") }
        r.feed(.character("2"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("邮寄送达：收件地址"))
        r.feed(.enter)                                   // no address: refused by the store's own rule, the dialog stays
        XCTAssertEqual(screen.message, .error("邮寄送达须填写邮寄地址"))
        XCTAssertEqual(try f.store.case(id: screen.caseId).status, .draft)
        r.feed(.escape)                                  // back to the choice, not out of the acceptance
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("1. 窗口领取"))
        r.feed(.character("2"))
        f.type(r, "示范区幸福路1号3单元"); r.feed(.enter)

        let c = try f.store.case(id: screen.caseId)
        XCTAssertEqual(c.status, .accepted)
        XCTAssertEqual(c.delivery, try CaseDelivery(.mail, address: "示范区幸福路1号3单元"))
        frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("打印预览 · 受理通知书"), frame)
        for _ in 0..<3 where !frame.contains("结果送达方式") { r.feed(.pageDown); frame = f.frame(r, width: 80, height: 24) }
        XCTAssertTrue(frame.contains("结果送达方式：邮寄送达（示范区幸福路1号3单元）"), "the notice names the delivery:\n\(frame)")
        r.feed(.escape); r.feed(.escape)                 // neither paper printed now
        frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("承诺办结 2026-03-30 · 容缺1项 03-09前 · 邮寄送达（示范区幸福路1号3单元）"), "the case shows it:\n\(frame)")
    }

    func testWindowPickupAndElectronicAreChosenByTheirDigit() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try acceptableCase(f)
        r.feed(.function(6)); r.feed(.character("1"))
        r.feed(.escape)                                  // no choice: no acceptance
        XCTAssertEqual(try f.store.case(id: screen.caseId).status, .draft)
        XCTAssertEqual(screen.message, .info("未受理：受理前须选定结果送达方式"))
        r.feed(.function(6)); r.feed(.character("1")); r.feed(.character("3"))
        XCTAssertEqual(try f.store.case(id: screen.caseId).delivery, try CaseDelivery(.electronic))
        XCTAssertTrue(screen.message?.text.contains("电子送达") == true, screen.message?.text ?? "")
    }

    // MARK: 3. 容缺

    func testAcceptanceUnderCommitmentPrintsTheLetterShowsTheDeadlineAndRecordsTheLateHandIn() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try acceptableCase(f)
        r.feed(.function(6)); r.feed(.character("1")); r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("打印预览 · 受理通知书"))
        r.feed(.enter)                                   // prints it; the 告知承诺书 comes next
        let letter = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(letter.contains("打印预览 · 告知承诺书"), letter)
        let owed = try XCTUnwrap(f.store.commitmentNotice(caseId: screen.caseId)?.commitments)
        XCTAssertEqual(owed.map(\.materialName), ["家庭收入情况证明"])
        XCTAssertEqual(owed.map(\.due), ["2026-03-09"], "5 working days after Monday 2026-03-02")
        r.feed(.enter)
        let docs = try f.store.documents(caseId: screen.caseId)
        XCTAssertEqual(docs.map(\.kind), [.acceptance, .commitment])
        XCTAssertEqual(try docs.map { try f.store.printJobs(documentId: $0.id).map(\.status) }, [[.printed], [.printed]])
        XCTAssertNil(screen.state.modal.map { _ in "open" }, "both papers passed: back on the case")
        r.feed(.function(2)); r.feed(.character("x"))   // the form of an accepted case (was: 办件已已受理)
        XCTAssertEqual(screen.message, .error("办件状态为“已受理”，表单不能再修改"))

        // The deadline on the case: 5 working days after Monday 2026-03-02.
        r.feed(.function(3))
        var frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("容缺·03-09前"), frame)
        XCTAssertTrue(frame.contains("容缺1项 03-09前"), frame)
        r.feed(.character("f"))                          // 只看缺件: the line still owed stays in view
        XCTAssertEqual(screen.visibleMaterials.map { screen.state.c!.checks[$0].materialName }, ["家庭收入情况证明"])
        r.feed(.character("f"))

        // B on a line that was received is refused with the reason; nothing changes.
        for _ in 0..<10 { r.feed(.up) }
        r.feed(.character("b"))
        XCTAssertEqual(screen.message?.isError, true)
        XCTAssertTrue(screen.message!.text.contains("不是容缺受理的材料"), screen.message!.text)

        // A week later the line is overdue: red on the checklist and in the header.
        f.clock.advance(seconds: 8 * 86_400)
        r.tick()
        var buffer = ScreenBuffer(width: 80, height: 24)
        r.render(into: &buffer)
        let y = try XCTUnwrap((0..<24).first { buffer.rowText($0).contains("容缺·逾期03-09") }, buffer.text)
        XCTAssertEqual(buffer[3, y].style.bg, TextStyle.warning.bg, "the overdue line is red")
        XCTAssertTrue(buffer.text.contains("容缺逾期1项 03-09前"), buffer.text)

        let tolerated = try XCTUnwrap(screen.state.c?.checks.firstIndex { $0.state == .toleratedWithCommitment })
        for _ in 0..<10 { r.feed(.up) }
        for _ in 0..<tolerated { r.feed(.down) }
        r.feed(.character("B"))
        XCTAssertEqual(screen.message, .info("已登记补交：家庭收入情况证明（逾期）"))
        let c = try f.store.case(id: screen.caseId)
        XCTAssertEqual(c.checks[tolerated].commitmentFulfilledOn, "2026-03-10")
        XCTAssertNil(c.commitmentDue)
        XCTAssertEqual(try f.store.overdueCommitments(today: "2026-03-10"), [])
        frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("容缺·已补交"), frame)
        XCTAssertFalse(frame.contains("容缺逾期"), frame)
        r.feed(.character("B"))
        XCTAssertEqual(screen.message?.isError, true, "nothing is left to hand in")
    }

    // MARK: 2. history

    func testHistoryShowsWhoWhenAndOldToNewMaskedAndScrollsAt80x24() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try acceptableCase(f)
        // The applicant's name corrected back and forth: the history keeps each change, masked.
        r.feed(.function(2))
        while screen.focusedField?.key != "applicant.name" { r.feed(.up) }
        for name in ["张秀兰", "王秀兰", "张秀兰", "王秀兰", "李秀兰"] {
            r.feed(.control("u")); f.type(r, name); r.feed(.enter); r.feed(.up)
        }
        r.feed(.function(5))
        var frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("1001 李敏"), frame)
        XCTAssertTrue(frame.contains("申请人姓名：王** → 李**"), "the newest line, in full below the table:\n\(frame)")
        XCTAssertFalse(frame.contains("王秀兰") || frame.contains("11010519491231002X"), "personal values masked:\n\(frame)")
        XCTAssertFalse(frame.contains("开始受理"), "the oldest line is scrolled out at 80×24:\n\(frame)")
        let count = screen.state.history.count
        XCTAssertTrue(frame.contains("\(count)/\(count) "), frame)
        r.feed(.home)
        frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(frame.contains("1/\(count) 2026-03-02"), frame)
        XCTAssertTrue(frame.contains("开始受理"), frame)
        r.feed(.down)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("2/\(count) "))
        r.feed(.end)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("\(count)/\(count) "))
        let nameChange = try XCTUnwrap(screen.state.history.last { $0.subject == "申请人姓名" })
        XCTAssertEqual([nameChange.oldValue, nameChange.newValue], ["王**", "李**"])
    }
}
