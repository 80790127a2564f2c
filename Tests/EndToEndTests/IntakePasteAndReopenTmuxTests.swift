import Foundation
import XCTest

/// Issue 14 defects 7 and 8 on the real binary in tmux at 80×24: a 10,000-character paste is
/// taken in one go (counted in keys the loop handled, not in time) and keeps what was saved; a
/// window killed with a case open offers that case again when the clerk signs in.
extension TmuxTests {
    /// Signs in at window 1 (which may then offer an open case instead of the console).
    func signInOnly(_ pane: String) throws {
        try waitFor(pane, "工  号")
        try type(pane, "1001"); try keys(pane, "Enter"); try type(pane, "1234"); try keys(pane, "Enter")
    }

    /// Calls a ticket and opens a 职工正常退休申请 case; the form has the keyboard.
    func openRetirementCase(_ pane: String) throws {
        try keys(pane, "F2"); try waitFor(pane, "已叫号")
        try type(pane, "s"); try waitFor(pane, "查找事项")
        try type(pane, "zgzctx"); try waitFor(pane, "行政")
        try keys(pane, "Enter"); try waitFor(pane, "已选 1 项")
        try keys(pane, "F5"); try waitFor(pane, "已开始受理")
    }

    /// The console under a case, serving its ticket.
    func waitForConsole(_ pane: String) throws { try waitFor(pane, "S受理") }

    func testATenThousandCharacterPasteIsOneEventAndLosesNothingSaved() throws {
        let bin = binary.path
        let stats = dir.appendingPathComponent("loop-stats.txt")
        try start("w1", "YICHUANG_LOOP_STATS=\(stats.path) \(bin) window --window 1")
        try signIn("w1")
        try openRetirementCase("w1")
        try type("w1", "王秀兰"); try keys("w1", "Enter")
        try waitFor("w1", "已保存：申请人姓名")

        // 10,000 characters pasted into the ID field, as a terminal pastes: all at once.
        let pasted = dir.appendingPathComponent("paste.txt")
        try String(repeating: "1", count: 10_000).write(to: pasted, atomically: true, encoding: .utf8)
        try tmux("load-buffer", "-b", "big", pasted.path)
        try tmux("paste-buffer", "-b", "big", "-t", "w1")
        try waitFor("w1", "字已舍去")
        try keys("w1", "Enter")                                   // checked and saved as typed (flagged)
        try waitFor("w1", "身份证")
        let saved = try sql("SELECT json_extract(form, '$.\"applicant.name\"'), length(json_extract(form, '$.\"applicant.idNumber\"')) FROM case_file")
        let parts = saved.split(separator: "|").map(String.init)
        XCTAssertEqual(parts.first, "王秀兰", "what was saved before the paste is kept: \(saved)")
        XCTAssertEqual(parts.count, 2, saved)
        XCTAssertLessThanOrEqual(Int(parts.last ?? "") ?? .max, 200, "the field keeps at most its limit: \(saved)")

        try keys("w1", "Escape"); try waitForConsole("w1")
        try keys("w1", "F10"); try waitFor("w1", "退出")
        try keys("w1", "Enter"); try waitFor("w1", "EXIT=0")
        let counts = try String(contentsOf: stats, encoding: .utf8)
        let keysHandled = Int(counts.split(separator: " ").first?.dropFirst("keys=".count) ?? "") ?? .max
        // Before: one key per pasted character, over 10,000 updates and frames (85 s).
        XCTAssertLessThan(keysHandled, 500, "the paste was taken a few keys at most: \(counts)")
    }

    func testACaseOpenWhenTheWindowWasKilledIsOfferedAgainWithWhatWasTyped() throws {
        let bin = binary.path
        try start("w1", "\(bin) window --window 1")
        try signIn("w1")
        try openRetirementCase("w1")
        try type("w1", "王秀兰"); try keys("w1", "Enter")
        try waitFor("w1", "已保存：申请人姓名")
        try type("w1", "11010519491231002X")                 // not left: saved as typed after a pause
        usleep(2_500_000)
        try killApp("w1")
        let number = try sql("SELECT case_number FROM case_file")

        try start("w2", "\(bin) window --window 1")
        try signInOnly("w2")
        let offer = try waitFor("w2", "本窗口有一件未完成的办件")
        XCTAssertTrue(offer.contains(number) && offer.contains("王秀兰"), offer)
        try keys("w2", "Enter")
        let form = try waitFor("w2", "110105********002X")
        XCTAssertTrue(form.contains("王秀兰") && form.contains("继续受理 \(number)"), form)
        // Esc goes back to the console under it.
        try keys("w2", "Escape"); try waitForConsole("w2")
    }
}
