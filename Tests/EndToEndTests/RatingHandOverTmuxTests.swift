import Foundation
import XCTest

/// The rest of the rating issue on the real binary: a one-screen station hands its screen to the
/// applicant and takes it back; a standalone pad closes only with a staff PIN; the rating rules
/// are changed with `yichuang config`; the province default runs from cron.
extension TmuxTests {
    func testRatingHandOverOnOneScreenAndPadExitPin() throws {
        let bin = binary.path
        try start("win", "\(bin) window --window 1")
        try signIn("win")
        try keys("win", "F2"); try waitFor("win", "已叫号")
        try keys("win", "F4")
        let console = try waitFor("win", "P交屏")
        XCTAssertFalse(console.contains("满意") || console.contains("评价"), console)
        try type("win", "p")
        let pad = try waitFor("win", "请您对本次服务作出评价")
        XCTAssertTrue(pad.range(of: #"1号窗口 · A\d{3}号"#, options: .regularExpression) != nil && !pad.contains("1001") && !pad.contains("李敏") && pad.contains("Esc不评价"), pad)
        try keys("win", "F10")                              // not the console's sign-out here
        try keys("win", "C-c")                              // nor Ctrl-C: the applicant's keys
        try type("win", "1"); try waitFor("win", "感谢您的评价")
        XCTAssertEqual(try sql("SELECT level, is_default FROM rating"), "1|0")
        XCTAssertFalse(try waitFor("win", "感谢您的评价").contains("待上传"), "the applicant's screen shows no staff status")
        // The screen comes back by itself a few seconds after the thanks, with no key pressed.
        let back = try waitFor("win", "屏幕已交还")
        XCTAssertTrue(back.contains("F2叫号") && !back.contains("P交屏"), back)
        XCTAssertEqual(try sql("SELECT COUNT(*) FROM rating"), "1")

        // A standalone pad: F10 asks for staff 工号 and PIN; a wrong PIN keeps it running.
        try start("pad", width: 40, height: 12, "\(bin) pad --window 2")
        try waitFor("pad", "欢迎您对我们的服务进行评价")
        try keys("pad", "F10"); try waitFor("pad", "工号：")
        try type("pad", "1002"); try keys("pad", "Enter"); try waitFor("pad", "密码：")
        try type("pad", "0000"); try keys("pad", "Enter"); try waitFor("pad", "密码错误")
        try keys("pad", "F10"); try type("pad", "1002"); try keys("pad", "Enter")
        try type("pad", "1234"); try keys("pad", "Enter")
        try waitFor("pad", "EXIT=0")
    }

    /// The demo hall's admin: changing a rule takes an admin's 工号 and PIN (issue 13).
    static let admin = ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "9999"]

    func testRatingSettingsByConfigAndDefaultsFromCron() throws {
        let bin = binary.path
        let shown = try run(bin, ["config"])
        XCTAssertEqual(shown.status, 0)
        for line in ["rating_timeout = 60", "rating_default_level = none", "rating_fix_days = 15", "rating_level_code = standard"] {
            XCTAssertTrue(shown.out.contains(line), shown.out)
        }
        let refused = try run(bin, ["config", "rating_default_level", "不满意"], env: Self.admin)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.out.contains("默认评价不能是差评"), refused.out)
        XCTAssertTrue(try run(bin, ["config", "rating_timeout", "5"], env: Self.admin).out.contains("10 到 600"))
        XCTAssertEqual(try run(bin, ["config", "rating_default_level", "基本满意"], env: Self.admin).status, 0)
        XCTAssertTrue(try run(bin, ["config", "rating_reasons", "服务态度,办事效率,其他"], env: Self.admin).out.contains("rating_reasons = 服务态度,办事效率,其他"))

        // An invitation ten days old that nobody rated (as if the hall had been running).
        let old = Date().timeIntervalSince1970 - 10 * 86_400
        _ = try sql("""
            INSERT INTO rating_invitation (id, hall_id, window_number, ticket_number, service_name, clerk_number, created_at, expires_at, service_day)
            SELECT 'old-1', hall_id, 1, 'A099', '社保医保', '1001', \(old), \(old + 60), '2026-01-05' FROM hall LIMIT 1
            """)
        let applied = try run(bin, ["ratings", "apply-defaults"])
        XCTAssertTrue(applied.out.contains("已记默认评价 1 条"), applied.out)
        XCTAssertTrue(try run(bin, ["ratings", "apply-defaults"]).out.contains("已记默认评价 0 条"))
        XCTAssertEqual(try sql("SELECT level, is_default, channel FROM rating"), "3|1|hallOtherTerminal")
        let report = try run(bin, ["ratings", "report"], env: Self.admin)
        XCTAssertTrue(report.out.contains("其中超期默认评价 1 条"), report.out)
    }
}
