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
}
