import Foundation
import XCTest

/// The rating issue's end-to-end check on the real binary in tmux: window 1 finishes a ticket,
/// the pad facing the applicant rates it 非常不满意 with two reasons (real name), the supervisor
/// sees the task on the dashboard, records the callback and the fix, reports back, and the task
/// closes. The window console never shows anything that could choose or change a rating.
extension TmuxTests {
    func testPadRatesBadAndSupervisorClosesTask() throws {
        let bin = binary.path
        try start("pad", "\(bin) pad --window 1")
        try waitFor("pad", "欢迎您对我们的服务进行评价")
        try start("win", "\(bin) window --window 1")
        try signIn("win")
        try keys("win", "F2"); try waitFor("win", "已叫号")
        try keys("win", "F4"); try waitFor("win", "已办结")

        // The pad invites within its poll interval; it shows the window and the ticket, never the
        // clerk's name or 工号.
        let invited = try waitFor("pad", "请您对本次服务作出评价")
        XCTAssertTrue(invited.range(of: #"1号窗口 · A\d{3}号"#, options: .regularExpression) != nil && !invited.contains("1001") && !invited.contains("李敏"), invited)
        try type("pad", "5"); try waitFor("pad", "请选择原因")
        try type("pad", "1"); try type("pad", "5"); try waitFor("pad", "[*] 5 等候时间")
        try keys("pad", "Enter"); try waitFor("pad", "请补充您的意见")
        try type("pad", "等了一个小时"); try keys("pad", "Enter")
        try waitFor("pad", "是否留下姓名和电话")
        try type("pad", "1"); try waitFor("pad", "请输入您的姓名")
        try type("pad", "张三"); try keys("pad", "Enter"); try waitFor("pad", "请输入您的联系电话")
        try type("pad", "13800138000"); try keys("pad", "Enter")
        try waitFor("pad", "感谢您的评价")
        XCTAssertEqual(try sql("SELECT level, reasons, anonymous FROM rating"), #"5|["服务态度","等候时间"]|0"#)

        // Nothing on the window console offers a rating, and its keys do not reach the rating.
        let console = try screen("win")
        XCTAssertFalse(console.contains("满意") || console.contains("评价"), console)
        try type("win", "1")
        XCTAssertEqual(try sql("SELECT COUNT(*) FROM rating"), "1")

        // The supervisor: dashboard line, then the task list with the rater's contact.
        try start("dash", "\(bin) dashboard")
        try waitFor("dash", "工  号")
        try type("dash", "8001"); try keys("dash", "Enter"); try type("dash", "8888"); try keys("dash", "Enter")
        try waitFor("dash", "整改未结 1")
        try type("dash", "R")
        let list = try waitFor("dash", "待回访")
        XCTAssertTrue(list.contains("张三 13800138000") && list.contains("非常不满意"), list)
        try keys("dash", "F2"); try waitFor("dash", "回访结果")
        try type("dash", "1"); try waitFor("dash", "沟通情况")
        try type("dash", "已致歉并了解情况"); try keys("dash", "Enter")
        try waitFor("dash", "待处理")
        try keys("dash", "F3"); try waitFor("dash", "处理方式")
        try type("dash", "1"); try waitFor("dash", "说明")
        try type("dash", "增开高峰窗口"); try keys("dash", "Enter")
        try waitFor("dash", "待反馈")
        try keys("dash", "F5"); try waitFor("dash", "反馈内容")
        try type("dash", "已电话告知整改结果"); try keys("dash", "Enter")
        try waitFor("dash", "没有未办结的差评整改任务")
        XCTAssertEqual(try sql("SELECT status FROM rectification_task"), "closed")
        XCTAssertEqual(try sql("SELECT COUNT(*) FROM rectification_event"), "3")
        try keys("dash", "Escape")
        try waitFor("dash", "实名差评回访 100%")
        XCTAssertFalse(try screen("win").contains("满意"))
    }
}
