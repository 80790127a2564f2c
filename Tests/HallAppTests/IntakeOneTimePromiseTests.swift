import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 14, defects 1–3: the one-time notice keeps its promise (everything wrong is said once, a
/// wrong value is never printed as if right), a rejected answer keeps the focus, and materials
/// never looked at do not silently become "missing". Driven key by key at window 1 on the demo
/// hall with the shipped catalog, printing into the spool folder (real SQLite, real PDF).
final class IntakeOneTimePromiseTests: XCTestCase {
    /// Call A001, S, pick 职工正常退休申请 by its pinyin initials, F5: the case screen on its form.
    func openRetirementCase(_ f: AppFixture) throws -> (AppRunner, CaseScreen) {
        try f.issue("A")
        let (r, _) = f.runner(try f.console(window: 1, clerk: "1001"), width: 80, height: 24)
        r.feed(.function(2)); r.feed(.character("s"))
        f.type(r, "zgzctx"); r.feed(.enter); r.feed(.function(5))
        return (r, try XCTUnwrap(r.currentScreen as? CaseScreen))
    }

    /// The screen line that shows `label` on the form.
    func row(_ frame: String, _ label: String) -> String {
        frame.split(separator: "\n").map(String.init).first { $0.contains(label) } ?? ""
    }

    // MARK: defect 2

    func testEnterOnARejectedValueKeepsTheFocusAndTheFocusedFieldIsMarked() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try openRetirementCase(f)
        let id = try XCTUnwrap(screen.state.c).id
        f.type(r, "王秀兰"); r.feed(.enter)
        XCTAssertEqual(screen.focusedField?.key, "applicant.idNumber")
        var frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(row(frame, "申请人身份证号码").contains(CaseScreen.focusMarker + "申请人身份证号码"), frame)
        XCTAssertFalse(row(frame, "申请人姓名").contains(CaseScreen.focusMarker), "only the focused field is marked:\n\(frame)")

        f.type(r, "11010519491231002"); r.feed(.enter)      // 17 characters: rejected
        XCTAssertEqual(screen.focusedField?.key, "applicant.idNumber", "a rejected value keeps the focus")
        XCTAssertEqual(screen.message?.isError, true)
        XCTAssertTrue(screen.message?.text.contains("申请人身份证号码") == true, screen.message?.text ?? "")
        frame = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(row(frame, "申请人身份证号码").contains(CaseScreen.focusMarker + "申请人身份证号码"), frame)

        // The clerk retypes it: it lands in the same field, never under the next label.
        r.feed(.control("u")); f.type(r, "11010519491231002X"); r.feed(.enter)
        XCTAssertEqual(screen.focusedField?.key, "applicant.phone")
        let c = try f.store.case(id: id)
        XCTAssertEqual(c.form["applicant.idNumber"], "11010519491231002X")
        XCTAssertNil(c.form["applicant.phone"])
        XCTAssertNil(screen.state.errors["applicant.idNumber"])

        // ↓ still moves on deliberately, leaving the rejected value saved as typed and flagged.
        f.type(r, "1380013800"); r.feed(.down)
        XCTAssertEqual(screen.focusedField?.key, "applicant.gender")
        XCTAssertEqual(try f.store.case(id: id).form["applicant.phone"], "1380013800")
        XCTAssertNotNil(screen.state.errors["applicant.phone"])
    }

    // MARK: defect 3

    func testUncheckedMaterialsAreNotMissingTheDecisionNamesThemFirst() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try openRetirementCase(f)
        let c = try XCTUnwrap(screen.state.c)
        XCTAssertGreaterThanOrEqual(c.checks.count, 3)
        r.feed(.function(3))
        r.feed(.character("2"))                            // the first line looked at: missing; the rest not yet
        let unchecked = c.checks.dropFirst().filter(\.isRequired).map(\.materialName)
        var frame = f.frame(r, width: 120, height: 40)
        XCTAssertTrue(frame.contains("未核验\(unchecked.count)项 · 缺1项"), frame)

        for choice in ["2", "1"] {                          // correction, then acceptance: neither goes ahead
            r.feed(.function(6))
            frame = f.frame(r, width: 120, height: 40)
            XCTAssertTrue(frame.contains("还有\(unchecked.count)项材料未核验"), frame)
            r.feed(.character(Character(choice)))
            XCTAssertEqual(try f.store.case(id: c.id).status, .draft)
            XCTAssertTrue(try f.store.notices(caseId: c.id).isEmpty, "no notice asks for what nobody looked at")
            XCTAssertEqual(screen.state.tab, .materials)
            XCTAssertEqual(screen.visibleMaterials[screen.state.material], 1, "the checklist opens at the first unchecked line")
            XCTAssertEqual(screen.message?.isError, true)
            XCTAssertTrue(screen.message?.text.contains("还有\(unchecked.count)项材料未核验：" + unchecked.joined(separator: "、")) == true,
                          screen.message?.text ?? "")
        }

        // Each line settled: the notice asks for the one line found missing, nothing else.
        for _ in 1..<c.checks.count { r.feed(.character("1")) }
        r.feed(.function(6)); r.feed(.character("2"))
        XCTAssertEqual(try f.store.case(id: c.id).status, .awaitingCorrection)
        let notice = try XCTUnwrap(f.store.notices(caseId: c.id).last)
        XCTAssertEqual(notice.lines, [try XCTUnwrap(c.checks[0].shortfall)])
    }

    // MARK: defect 1

    func testPrintedNoticeListsEveryFormProblemAndNeverPrintsTheRejectedValue() throws {
        let f = try AppFixture(catalog: true)
        let (r, screen) = try openRetirementCase(f)
        let c = try XCTUnwrap(screen.state.c)
        f.type(r, "王秀兰"); r.feed(.enter)
        f.type(r, "11010519491231002X"); r.feed(.enter)
        f.type(r, "1380013800"); r.feed(.enter)            // 10 digits: rejected, saved as typed
        let phoneMessage = try XCTUnwrap(screen.state.errors["applicant.phone"])
        r.feed(.function(3))
        for i in 0..<c.checks.count { r.feed(.character(i == 0 ? "2" : "1")) }
        r.feed(.function(6)); r.feed(.character("2"))

        // The notice record: every form problem with the form's own message, and the material.
        let notice = try XCTUnwrap(f.store.notices(caseId: c.id).last)
        XCTAssertEqual(notice.kind, .oneTimeCorrection)
        let problems = try XCTUnwrap(notice.formProblems)
        let expected = formProblems(screen.state.fields, try f.store.case(id: c.id).form, today: f.clock.now(), calendar: f.calendar)
        XCTAssertEqual(problems, expected)
        XCTAssertEqual(problems.first, FormProblem(key: "applicant.phone", label: "联系电话", message: phoneMessage))
        XCTAssertGreaterThan(problems.count, 1, "the empty required answers are told as well")
        XCTAssertEqual(notice.lines, [try XCTUnwrap(c.checks[0].shortfall)])

        // The preview (plain text) and the printed PDF (read back with pdftotext) say all of it.
        let plain = PlainTextRenderer(width: 76).renderText(try XCTUnwrap(f.store.documents(caseId: c.id).first).document)
        r.feed(.enter)                                      // print the previewed notice into the spool folder
        let pdf = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: f.spool, includingPropertiesForKeys: nil)
            .first { $0.pathExtension == "pdf" })
        let pdfText = try run("/usr/bin/pdftotext", [pdf.path, "-"])
        for (name, text) in [("plain text", plain), ("PDF", pdfText)] {
            let flat = text.filter { !$0.isWhitespace }
            for p in problems {
                XCTAssertTrue(flat.contains(p.message.filter { !$0.isWhitespace }), "\(name): \(p.message) missing from\n\(text)")
            }
            for must in ["需补正的申请表内容（共\(problems.count)项）", "需补正的材料（共1项）", c.checks[0].materialName,
                         NoticeBuilder.invalidValueMark] {
                XCTAssertTrue(flat.contains(must), "\(name): \(must) missing from\n\(text)")
            }
            XCTAssertFalse(flat.contains("1380013800"), "\(name): the rejected phone is printed as if valid:\n\(text)")
            XCTAssertFalse(flat.contains(maskPhone("1380013800")), "\(name): the rejected phone is printed masked as if valid:\n\(text)")
        }
    }

    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
