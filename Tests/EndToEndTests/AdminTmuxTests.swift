import Foundation
import XCTest

/// Hall administration's morning through the real binary in tmux: 李敏's window console dies with
/// a ticket held and one being served, so every other clerk is refused at window 1
/// (`1 号窗口已由 李敏 登录`); the supervisor, from the dashboard (F12 → 4 现场调度), recovers the
/// held ticket, signs the window out with its serving ticket back at the queue front, and 王芳
/// signs in there. A new clerk's first sign-in changes the one-time PIN on the sign-in screen.
extension TmuxTests {
    /// Waits (up to 15 s) until the query answers `expected`.
    func waitForSQL(_ query: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date() + 15
        var last = ""
        while Date() < deadline {
            last = try sql(query)
            if last == expected { return }
            usleep(100_000)
        }
        XCTFail("\(query) answered “\(last)”, not “\(expected)”", file: file, line: line)
    }

    func testAMorningOfLiveControlFromTheDashboard() throws {
        let bin = binary.path
        let atWindow1 = "SELECT number FROM ticket WHERE window_number = 1 AND status = "

        // 李敏 calls, holds that ticket, calls the next; then the terminal dies.
        try start("w1", "\(bin) window --window 1")
        try signIn("w1")
        try keys("w1", "F2"); try waitFor("w1", "已叫号")
        // F7 回呼 is on the bar once the console shows the held ticket and nobody served.
        try keys("w1", "F6"); try waitFor("w1", "F7回呼")
        try keys("w1", "F2"); try waitForSQL("SELECT COUNT(*) FROM ticket WHERE status = 'serving'", "1")
        let held = try sql(atWindow1 + "'held'"), serving = try sql(atWindow1 + "'serving'")
        try killApp("w1")

        try start("w1b", "\(bin) window --window 1")
        try waitFor("w1b", "工  号")
        try type("w1b", "1002"); try keys("w1b", "Enter"); try type("w1b", "1234"); try keys("w1b", "Enter")
        try waitFor("w1b", "1 号窗口已由 李敏 登录")

        // The supervisor at the dashboard: F12 后台管理 → 4 现场调度.
        try start("dash", "\(bin) dashboard")
        try waitFor("dash", "工  号")
        try type("dash", "8001"); try keys("dash", "Enter"); try type("dash", "8888"); try keys("dash", "Enter")
        try waitFor("dash", "F12后台管理")
        try keys("dash", "F12"); try waitFor("dash", "4. 现场调度")
        try type("dash", "4"); try waitFor("dash", "后台管理 · 现场调度")
        try waitFor("dash", "\(serving)   \(held)")
        try type("dash", "h"); try waitFor("dash", "哪个号")
        try type("dash", "1"); try waitFor("dash", "去向")
        try type("dash", "0"); try waitFor("dash", "挂起的 \(held) 已收回，回到队首")
        try type("dash", "o"); try waitFor("dash", "在办的 \(serving)")
        try type("dash", "0"); try waitFor("dash", "强制 1 号窗口（李敏）退出登录？")
        try type("dash", "1"); try waitFor("dash", "1 号窗口已强制退出（原登录：李敏）")
        XCTAssertEqual(try sql("SELECT status FROM ticket WHERE number IN ('\(held)', '\(serving)') ORDER BY number"), "waiting\nwaiting")
        try waitFor("dash", "1号综合窗口  未登录")

        // 王芳 signs in at window 1 (the PIN field was emptied after the refusal).
        try type("w1b", "1234"); try keys("w1b", "Enter")
        try waitFor("w1b", "F2叫号")
        XCTAssertTrue(try run(bin, ["status", "--window", "1"]).out.contains("王芳"))

        // A new clerk: added with a one-time PIN, changed at the first sign-in.
        let added = try run(bin, ["staff", "add", "--number", "1008", "--name", "吴新"], env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "9999"])
        XCTAssertEqual(added.status, 0, added.out)
        let oneTime = try XCTUnwrap(added.out.firstMatch(of: /一次性密码：(\d{6})/)?.1).description
        try start("w2", "\(bin) window --window 2")
        try waitFor("w2", "工  号")
        try type("w2", "1008"); try keys("w2", "Enter"); try type("w2", oneTime); try keys("w2", "Enter")
        try waitFor("w2", "一次性密码，须先修改")
        try waitFor("w2", "再输一次")
        try type("w2", "2580"); try keys("w2", "Enter"); try type("w2", "2580"); try keys("w2", "Enter")
        try waitFor("w2", "F2叫号")
        XCTAssertEqual(try sql("SELECT must_change_pin FROM clerk WHERE number = '1008'"), "0")
        XCTAssertEqual(try run(bin, ["doctor"]).status, 0)
    }

    /// The issue's whole morning in one run: the queue for 社保医保 grows past its warning line
    /// and the supervisor opens a temporary window for it; 李敏's terminal is killed while she
    /// serves, and the supervisor signs window 1 out with the ticket back at the front; the admin
    /// resets 王芳's PIN and she changes it at sign-in, then takes that ticket first; the day is
    /// closed from the dashboard (F9 日结) and its summary, written as a PDF, reads back through
    /// pdftotext.
    func testTheIssuesWholeMorningEndsWithTheDayClosedAndItsSummaryAsPDF() throws {
        let bin = binary.path
        for _ in 1...16 { XCTAssertEqual(try run(bin, ["ticket", "--service", "A"]).status, 0) }

        // The queue grows: the dashboard warns; the supervisor opens temporary window 8 for A.
        try start("dash", "\(bin) dashboard")
        try waitFor("dash", "工  号")
        try type("dash", "8001"); try keys("dash", "Enter"); try type("dash", "8888"); try keys("dash", "Enter")
        try waitFor("dash", "建议增开窗口")
        try keys("dash", "F12"); try waitFor("dash", "2. 窗口设置")
        try type("dash", "2"); try waitFor("dash", "7号咨询窗口")
        try type("dash", "t"); try waitFor("dash", "窗口号：")
        try keys("dash", "Enter"); try waitFor("dash", "业务代码")
        try type("dash", "A"); try keys("dash", "Enter"); try waitFor("dash", "开放到")
        try keys("dash", "Enter"); try waitFor("dash", "已开设 8 号临时窗口（A，至关闭）")
        XCTAssertEqual(try sql("SELECT is_temporary || is_open FROM hall_window WHERE number = 8"), "11")

        // 李敏 calls at window 1; her terminal dies while she serves.
        try start("w1", "\(bin) window --window 1")
        try signIn("w1")
        try keys("w1", "F2"); try waitForSQL("SELECT COUNT(*) FROM ticket WHERE status = 'serving'", "1")
        let serving = try sql("SELECT number FROM ticket WHERE window_number = 1 AND status = 'serving'")
        try killApp("w1")

        // The supervisor signs window 1 out (4 现场调度 → O), the ticket back at the front.
        try keys("dash", "Escape"); try waitFor("dash", "4. 现场调度")
        try type("dash", "4"); try waitFor("dash", "后台管理 · 现场调度")
        try waitFor("dash", "1号综合窗口  办理中 李敏     \(serving)")
        try waitFor("dash", "临时")
        try type("dash", "o"); try waitFor("dash", "在办的 \(serving)")
        try type("dash", "0"); try waitFor("dash", "强制 1 号窗口（李敏）退出登录？")
        try type("dash", "1"); try waitFor("dash", "1 号窗口已强制退出（原登录：李敏）")
        XCTAssertEqual(try sql("SELECT status FROM ticket WHERE number = '\(serving)'"), "waiting")

        // The admin resets 王芳's PIN on 人员管理; she changes it at sign-in, then calls.
        try start("admin", "\(bin) dashboard")
        try waitFor("admin", "工  号")
        try type("admin", "9001"); try keys("admin", "Enter"); try type("admin", "9999"); try keys("admin", "Enter")
        try waitFor("admin", "F12后台管理")
        try keys("admin", "F12"); try waitFor("admin", "3. 人员管理")
        try type("admin", "3"); try waitFor("admin", "王芳")
        try keys("admin", "Down"); try type("admin", "p"); try waitFor("admin", "重置 1002 王芳 的密码？")
        try type("admin", "1")
        let shown = try waitFor("admin", "的一次性密码：")
        let oneTime = try XCTUnwrap(shown.firstMatch(of: /一次性密码：(\d{6})/)?.1).description
        try start("w1b", "\(bin) window --window 1")
        try waitFor("w1b", "工  号")
        try type("w1b", "1002"); try keys("w1b", "Enter"); try type("w1b", oneTime); try keys("w1b", "Enter")
        try waitFor("w1b", "再输一次")
        try type("w1b", "3690"); try keys("w1b", "Enter"); try type("w1b", "3690"); try keys("w1b", "Enter")
        try waitFor("w1b", "F2叫号")
        XCTAssertEqual(try sql("SELECT must_change_pin FROM clerk WHERE number = '1002'"), "0")
        try keys("w1b", "F2"); try waitFor("w1b", "已叫号")
        XCTAssertEqual(try sql("SELECT status FROM ticket WHERE number = '\(serving)'"), "serving", "the ticket put back at the front is called first")
        try keys("w1b", "F4"); try waitForSQL("SELECT status FROM ticket WHERE number = '\(serving)'", "finished")

        // 日结 from the dashboard: asked first, then the summary as a PDF.
        try keys("dash", "Escape"); try waitFor("dash", "4. 现场调度")
        try keys("dash", "Escape"); try waitFor("dash", "F9日结")
        try keys("dash", "F9"); try waitFor("dash", "未叫号的号按放弃关闭")
        try type("dash", "1")
        try waitForSQL("SELECT COUNT(*) FROM day_close", "1")
        let day = try sql("SELECT day FROM day_close")
        try waitFor("dash", "\(day) 已日结")
        try waitFor("dash", "存为 PDF 文件")
        try type("dash", "2"); try waitFor("dash", "已写出日结汇总表")
        XCTAssertEqual(try sql("SELECT COUNT(*) FROM ticket WHERE status IN ('waiting', 'held', 'serving')"), "0")
        XCTAssertEqual(try sql("SELECT COUNT(*) FROM window_state WHERE status != 'signedOut'"), "0")
        let pdf = dir.appendingPathComponent("reports/day-summary-\(day).pdf")
        let text = try run("/usr/bin/pdftotext", [pdf.path, "-"]).out.filter { !$0.isWhitespace }
        XCTAssertTrue(text.contains("日结汇总表") && text.contains("社保医保") && text.contains(day), text)
        XCTAssertEqual(try run(bin, ["doctor"]).status, 0)
    }
}
