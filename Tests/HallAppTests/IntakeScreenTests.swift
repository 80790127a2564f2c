import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI
import XCTest
@testable import HallApp

/// The intake screens driven key by key, as a clerk at window 1 would, on the demo hall with the
/// shipped catalog and calendar (Monday 2026-03-02 09:00).
final class IntakeScreenTests: XCTestCase {
    let sizes = [(80, 24), (120, 40)]

    /// Call a ticket, S, pick three retirement matters by pinyin initials, F5.
    func openRetirementCase(_ f: AppFixture, _ r: AppRunner) throws -> CaseScreen {
        r.feed(.function(2))
        r.feed(.character("s"))
        XCTAssertTrue(r.currentScreen is MatterPickerScreen)
        for q in ["zgzctx", "jbyljsl", "zgyb"] {
            r.feed(.control("u"))
            f.type(r, q)
            r.feed(.enter)
        }
        r.feed(.function(5))
        return try XCTUnwrap(r.currentScreen as? CaseScreen)
    }

    func testMergedFormChecklistCorrectionResumeAndAcceptance() throws {
        let f = try AppFixture(catalog: true)
        try f.issue("A", 2)
        let (r, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        r.feed(.function(2))
        r.feed(.character("s"))
        f.type(r, "zgzctx")
        assertGolden(f.frame(r, width: 80, height: 24), "intake-search-80x24")
        r.feed(.escape)
        let screen = try openRetirementCase(f, r)
        let c0 = try XCTUnwrap(screen.state.c)
        XCTAssertEqual(c0.matters.map(\.name), ["职工正常退休申请", "基本养老金申领", "职工医保退休人员待遇核定"])
        // One form: name, ID and phone asked once for the three matters.
        XCTAssertEqual(screen.state.fields.filter { $0.key == "applicant.idNumber" }.count, 1)

        f.type(r, "王秀兰"); r.feed(.enter)
        f.type(r, "１１０１０５１９４９１２３１００２x"); r.feed(.enter)
        f.type(r, "1380013800"); r.feed(.enter)          // 10 digits: refused with a precise message, kept as typed
        r.feed(.down)                                    // a rejected value keeps the focus; ↓ moves on deliberately
        r.feed(.character("2")); r.feed(.enter)          // 性别: 2 = 女
        f.type(r, "1949年12月31日"); r.feed(.enter)
        f.type(r, "示范区第一纺织厂\u{1b}[31m"); r.feed(.enter)   // a pasted escape sequence is dropped (issue 14 defect 7)
        for (w, h) in sizes { assertGolden(f.frame(r, width: w, height: h), "intake-form-\(w)x\(h)") }
        var c = try f.store.case(id: c0.id)
        XCTAssertEqual(c.form["applicant.idNumber"], "11010519491231002X")
        XCTAssertEqual(c.form["applicant.birthDate"], "1949-12-31")
        XCTAssertEqual(c.form["applicant.phone"], "1380013800", "an invalid answer is saved as typed, and flagged")
        XCTAssertEqual(c.form["employer.name"], "示范区第一纺织厂")
        XCTAssertNotNil(screen.state.errors["applicant.phone"])

        // The checklist: tick all but two.
        r.feed(.function(3))
        let count = c.checks.count
        XCTAssertGreaterThanOrEqual(count, 5)
        for i in 0..<count { r.feed(.character(i == 1 || i == 2 ? "2" : "1")) }
        for (w, h) in sizes { assertGolden(f.frame(r, width: w, height: h), "intake-checklist-\(w)x\(h)") }
        c = try f.store.case(id: c0.id)
        XCTAssertEqual(c.missing.count, 2)

        // Accept is refused while materials are missing; the one-time correction lists both.
        r.feed(.function(6))
        for (w, h) in sizes { assertGolden(f.frame(r, width: w, height: h), "intake-decision-\(w)x\(h)") }
        r.feed(.character("1"))
        XCTAssertTrue(screen.message?.isError == true)
        XCTAssertEqual(try f.store.case(id: c0.id).status, .draft)
        r.feed(.function(6)); r.feed(.character("2"))
        for (w, h) in sizes { assertGolden(f.frame(r, width: w, height: h), "intake-correction-notice-\(w)x\(h)") }
        c = try f.store.case(id: c0.id)
        XCTAssertEqual(c.status, .awaitingCorrection)
        let notice = try XCTUnwrap(f.store.notices(caseId: c0.id).last)
        XCTAssertEqual(notice.kind, .oneTimeCorrection)
        XCTAssertEqual(notice.lines.count, 2)
        // Enter prints the previewed notice to the configured printer (here the spool folder).
        r.feed(.enter)
        XCTAssertTrue(screen.message?.text.hasPrefix("一次性告知书 示范区政务〔2026〕1号：已打印") == true, screen.message?.text ?? "")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: f.spool.path).filter { $0.hasSuffix(".pdf") }
        XCTAssertEqual(pdfs.count, 1)
        // F8 lists it with its number and fate; P prints a second copy, which is a 补打.
        r.feed(.function(8))
        XCTAssertTrue(f.frame(r, width: 120, height: 40).contains("示范区政务〔2026〕1号"))
        r.feed(.character("p"))
        XCTAssertTrue(screen.message?.text.contains("（补打）：已打印") == true, screen.message?.text ?? "")
        // F9: a 材料接收凭证 for what was handed in, previewed, printed, listed beside the notice.
        r.feed(.function(9))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("打印预览 · 材料接收凭证"))
        r.feed(.enter)
        let docs = try f.store.documents(caseId: c0.id)
        XCTAssertEqual(docs.map(\.kind), [.oneTimeCorrection, .materialsReceipt])
        XCTAssertEqual(try f.store.printJobs(documentId: docs[1].id).map(\.status), [.printed])
        assertGolden(f.frame(r, width: 120, height: 40), "intake-notices-120x40")
        r.feed(.escape)                                   // back to the console
        XCTAssertTrue(r.currentScreen is ModelScreen<WindowConsole>)
        r.feed(.function(4))

        // The applicant returns: find the case by ID number typed with a lower-case x, resume.
        f.clock.advance(seconds: 3600)
        let (r2, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        r2.feed(.character("c"))
        f.type(r2, "11010519491231002x")
        assertGolden(f.frame(r2, width: 80, height: 24), "intake-case-list-80x24")
        r2.feed(.enter)
        let again = try XCTUnwrap(r2.currentScreen as? CaseScreen)
        r2.feed(.character("1"))                          // form tab: typing goes to the form only when editable
        XCTAssertEqual(try f.store.case(id: c0.id).form["applicant.name"], "王秀兰")
        r2.feed(.function(7))
        XCTAssertEqual(again.state.tab, .materials)
        XCTAssertEqual(again.visibleMaterials.count, 2, "only the missing materials are left to tick")
        assertGolden(f.frame(r2, width: 80, height: 24), "intake-resumed-80x24")
        r2.feed(.character("1")); r2.feed(.character("1"))
        r2.feed(.function(6)); r2.feed(.character("1"))
        // The form still has a bad phone number: acceptance goes to it first.
        XCTAssertEqual(again.state.tab, .form)
        XCTAssertEqual(again.focusedField?.key, "applicant.phone")
        r2.feed(.control("u")); f.type(r2, "13800138000"); r2.feed(.enter)
        r2.feed(.function(6)); r2.feed(.character("1"))
        XCTAssertEqual(again.focusedField?.key, "retirement.date", "then to the first required answer still empty")
        f.type(r2, "2009-12-31"); r2.feed(.enter)
        f.type(r2, "6222021234567890"); r2.feed(.enter)
        f.type(r2, "中国工商银行示范区支行"); r2.feed(.enter)
        r2.feed(.function(6)); r2.feed(.character("1"))
        r2.feed(.character("1"))                          // 结果送达方式: 窗口领取
        for (w, h) in sizes { assertGolden(f.frame(r2, width: w, height: h), "intake-acceptance-notice-\(w)x\(h)") }
        c = try f.store.case(id: c0.id)
        XCTAssertEqual(c.status, .accepted)
        XCTAssertEqual(c.dueDate, "2026-03-16", "10 working days from Monday 2026-03-02")
        XCTAssertEqual(c.events.map(\.kind).filter { $0 != .fieldSaved && $0 != .materialChecked },
                       [.opened, .correctionRequested, .resumed, .accepted])
        r2.feed(.escape)                                  // not printed now: it stays in F8
        XCTAssertTrue(again.message?.text.contains("未打印") == true)
        XCTAssertEqual(try f.store.caseDeadlines(today: "2026-03-17").overdue, 1)
        r2.feed(.function(5))
        for (w, h) in sizes { assertGolden(f.frame(r2, width: w, height: h), "intake-history-\(w)x\(h)") }
        // The result is handed over: F4 办结 stops the deadline counting.
        r2.feed(.function(4)); f.type(r2, "申请人窗口领取"); r2.feed(.enter)
        XCTAssertEqual(try f.store.case(id: c0.id).status, .completed)
        XCTAssertEqual(try f.store.case(id: c0.id).events.last?.detail, "按期办结（承诺2026-03-16）：申请人窗口领取")
        XCTAssertEqual(try f.store.caseDeadlines(today: "2026-03-17").overdue, 0)
    }

    func testRefusalWithReasonAndRightAgency() throws {
        let f = try AppFixture(catalog: true)
        try f.issue("A")
        let (r, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        let screen = try openRetirementCase(f, r)
        r.feed(.function(6)); r.feed(.character("3"))
        f.type(r, "申请人尚未达到法定退休年龄"); r.feed(.enter)
        f.type(r, "申请人参保地社会保险经办机构"); r.feed(.enter)
        for (w, h) in sizes { assertGolden(f.frame(r, width: w, height: h), "intake-refusal-notice-\(w)x\(h)") }
        let c = try f.store.case(id: try XCTUnwrap(screen.state.c).id)
        XCTAssertEqual(c.status, .refused)
        let n = try XCTUnwrap(f.store.notices(caseId: c.id).last)
        XCTAssertEqual(n.kind, .refusal)
        XCTAssertTrue(n.lines.contains("请向申请人参保地社会保险经办机构申请"))
        XCTAssertTrue(n.lines.last!.contains("行政复议"))
        r.feed(.escape)
        r.feed(.function(2)); r.feed(.character("x"))
        XCTAssertEqual(screen.message?.isError, true, "a refused case's form cannot change")
    }

    func testStartingACaseNeedsACalledTicketAndAnUnpublishedYearIsRefused() throws {
        let f = try AppFixture(catalog: true)
        let console = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.character("s"))
        XCTAssertTrue(r.currentScreen is ModelScreen<WindowConsole>)
        XCTAssertEqual(console.message?.isError, true)

        // Late December 2026: 10 working days run into 2027, whose calendar is not published.
        f.clock.set(HallCalendar().parseLocal("2026-12-24 09:00")!)
        try f.issue("A")
        let (r2, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        let screen = try openRetirementCase(f, r2)
        let id = try XCTUnwrap(screen.state.c).id
        for (k, v) in ["applicant.name": "王秀兰", "applicant.idNumber": "11010519491231002X", "applicant.phone": "13800138000",
                       "applicant.gender": "女", "applicant.birthDate": "1949-12-31", "retirement.date": "2009-12-31",
                       "bank.accountNumber": "6222021234567890", "bank.name": "工行"] {
            try f.store.saveField(caseId: id, key: k, value: v, by: .system("t"))
        }
        r2.storeChanged()
        r2.feed(.function(3))
        for _ in 0..<screen.visibleMaterials.count { r2.feed(.character("1")) }
        r2.feed(.function(6)); r2.feed(.character("1")); r2.feed(.character("1"))
        XCTAssertEqual(screen.message?.isError, true)
        XCTAssertTrue(screen.message!.text.contains("2027年的节假日安排尚未发布"), screen.message!.text)
        XCTAssertEqual(try f.store.case(id: id).status, .draft, "nothing changes when the due date cannot be computed")
    }

    /// Issue 14 defect 8: the text of the field being typed survives a kill -9. A pause in typing
    /// saves it as typed; the focus stays; leaving the field still checks it.
    func testAPauseInTypingSavesTheFieldAsTyped() throws {
        let f = try AppFixture(catalog: true)
        try f.issue("A", 1)
        let (r, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        let screen = try openRetirementCase(f, r)
        let id = try XCTUnwrap(screen.state.c?.id)
        f.type(r, "王秀兰")
        f.clock.advance(seconds: 0.5); r.tick()
        XCTAssertNil(try f.store.case(id: id).form["applicant.name"], "still typing: nothing saved yet")
        f.clock.advance(seconds: 1); r.tick()
        XCTAssertEqual(try f.store.case(id: id).form["applicant.name"], "王秀兰")
        XCTAssertEqual(screen.state.focus, 0, "saving as typed does not move on")
        r.feed(.enter)
        XCTAssertEqual(screen.state.focus, 1)
        XCTAssertEqual(screen.message?.text, "已保存：申请人姓名")
    }
}

/// A printer that is not there: the clerk is told why, nothing is lost, and R tries again.
final class PrintFailureScreenTests: XCTestCase {
    func testAFailedNoticeShowsTheReasonAndRetriesOnOneKey() throws {
        let f = try AppFixture(catalog: true)
        try f.issue("A")
        let missing = f.spool.appendingPathComponent("no-such-dir/lp0").path
        let desk = PrintDesk(store: f.store, routes: try PrinterRoutes(spoolDirectory: f.spool.path, settings: ["notice": "device:\(missing)"]),
                             inline: true)
        let c = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let console = Interfaces.windowConsole(store: f.store, clerk: c, window: 1, terminal: "tty1", calendar: f.calendar, printDesk: desk)
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.function(2)); r.feed(.character("s"))
        f.type(r, "zgzctx"); r.feed(.enter); r.feed(.function(5))
        let screen = try XCTUnwrap(r.currentScreen as? CaseScreen)
        r.feed(.function(3))                                 // everything is missing, each line looked at
        for _ in 0..<screen.visibleMaterials.count { r.feed(.character("2")) }
        r.feed(.function(6)); r.feed(.character("2"))       // one-time correction
        r.feed(.enter)                                       // print
        XCTAssertEqual(screen.message?.isError, true)
        XCTAssertTrue(screen.message!.text.contains("找不到打印机设备"), screen.message!.text)
        XCTAssertTrue(screen.message!.text.contains("按 R 重试"), screen.message!.text)
        let doc = try XCTUnwrap(f.store.documents(caseId: screen.caseId).first)
        XCTAssertEqual(try f.store.printJobs(documentId: doc.id).map(\.status), [.failed], "the job is kept for retry")
        r.feed(.function(8))
        XCTAssertTrue(f.frame(r, width: 120, height: 40).contains("打印失败"))
        r.feed(.character("r"))
        let jobs = try f.store.printJobs(documentId: doc.id)
        XCTAssertEqual(jobs.count, 1, "a retry is the same job, not a second copy")
        XCTAssertEqual(jobs[0].attempts, 2)
        XCTAssertEqual(screen.message?.isError, true)
    }
}
