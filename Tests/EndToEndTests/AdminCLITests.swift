import Foundation
import GRDB
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 13 on the real binary: commands that change the hall take a 工号 and PIN of a role that
/// may (from the environment or stdin, never argv), window actions only the signed-in clerk's,
/// and the administration and close-of-day commands work end to end.
final class AdminCLITests: XCTestCase {
    func refusal(_ hall: MultiProcessHall, _ args: [String], env: [String: String] = [:]) throws -> String {
        let c = try hall.runner.spawn(args + ["--store", hall.storePath], env: env)
        hall.runner.wait(c)
        XCTAssertNotEqual(c.process.terminationStatus, 0, "\(args) was done: \(c.stdout())")
        return c.stderr()
    }

    /// Today anyone who can run the binary can `config pin_attempts 20`,
    /// `config rating_default_level 非常满意`, or `call`/`finish` at another clerk's window.
    func testTheQuotedHolesAreClosed() throws {
        let hall = try MultiProcessHall(windows: 2)
        _ = try hall.issueTickets(2)
        for args in [["config", "pin_attempts", "20"], ["config", "rating_default_level", "非常满意"]] {
            XCTAssertTrue(try refusal(hall, args).contains("YICHUANG_STAFF"), "no credentials")
            XCTAssertTrue(try refusal(hall, args, env: MultiProcessHall.clerk(1)).contains("窗口人员无权修改大厅规则"))
        }
        XCTAssertTrue(try hall.runner.run(["config", "--store", hall.storePath, "pin_attempts", "20"], env: MultiProcessHall.admin)
            .contains("pin_attempts = 20"))
        for action in [["call"], ["finish"]] {
            XCTAssertTrue(try refusal(hall, action + ["--window", "1"]).contains("YICHUANG_STAFF"))
            XCTAssertTrue(try refusal(hall, action + ["--window", "1"], env: MultiProcessHall.clerk(2))
                .contains("1 号窗口由 工作人员1 登录：只有该窗口登录的工作人员本人可以操作"))
            XCTAssertTrue(try refusal(hall, action + ["--window", "1"], env: MultiProcessHall.admin).contains("1 号窗口由 工作人员1 登录"))
        }
        // The clerk's credentials on stdin work as well as in the environment.
        let c = try hall.runner.spawnWithInput(["call", "--window", "1", "--store", hall.storePath], input: "1001\n1234\n")
        hall.runner.wait(c)
        XCTAssertEqual(c.process.terminationStatus, 0, c.stderr())
        XCTAssertEqual(c.stdout(), "请 A001 号 到 1 号窗口 办理\n")
    }

    /// A morning of administration through the CLI: a temporary window, a dead terminal signed
    /// out by the supervisor with its ticket back at the front, a PIN reset and changed, the day
    /// closed and its summary exported.
    func testAMorningOfAdministration() throws {
        let hall = try MultiProcessHall(windows: 2)
        let store = try hall.openStore()
        let admin = try store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "t")
        try store.addStaff(number: "8001", name: "孙建国", role: .supervisor, pin: "8080", by: Attribution(clerkId: admin.id, clerkNumber: "9001", terminal: "t"))
        try store.changeOwnPIN(staff: "8001", current: "8080", new: "8642", terminal: "t")
        let supervisor = ["YICHUANG_STAFF": "8001", "YICHUANG_PIN": "8642"]
        _ = try hall.issueTickets(3)
        func run(_ args: [String], _ env: [String: String]) throws -> String { try hall.runner.run(args + ["--store", hall.storePath], env: env) }

        XCTAssertTrue(try refusal(hall, ["windows", "temporary", "--number", "3", "--services", "A"], env: MultiProcessHall.clerk(1)).contains("窗口人员无权"))
        XCTAssertTrue(try run(["windows", "temporary", "--number", "3", "--services", "A"], supervisor).contains("已开设 3 号临时窗口"))
        XCTAssertTrue(try run(["windows", "list"], [:]).contains("3 3号临时窗口：开放，临时窗口，业务 A"))

        XCTAssertEqual(try run(["call", "--window", "1"], MultiProcessHall.clerk(1)), "请 A001 号 到 1 号窗口 办理\n")
        // 1001's terminal dies; 1002 cannot take window 1 …
        let taken = try refusal(hall, ["signin", "--window", "1", "--clerk", "1002"], env: ["YICHUANG_PIN": "1234"])
        XCTAssertTrue(taken.contains("1 号窗口已由 工作人员1 登录"), taken)
        // … until the supervisor signs it out, A001 back at the front.
        XCTAssertTrue(try run(["windows", "sign-out", "--number", "1", "--serving", "front"], supervisor).contains("A001 已重新排队"))
        XCTAssertEqual(try run(["call", "--window", "2"], MultiProcessHall.clerk(2)), "请 A001 号 到 2 号窗口 办理\n")

        // A PIN reset is one-time: refused until changed.
        let reset = try run(["staff", "reset-pin", "1001"], MultiProcessHall.admin)
        let oneTime = try XCTUnwrap(reset.range(of: #"\d{6}"#, options: .regularExpression).map { String(reset[$0]) }, reset)
        XCTAssertTrue(try refusal(hall, ["signin", "--window", "1", "--clerk", "1001"], env: ["YICHUANG_PIN": oneTime]).contains("一次性密码"))
        _ = try run(["staff", "change-pin"], ["YICHUANG_STAFF": "1001", "YICHUANG_PIN": oneTime, "YICHUANG_NEW_PIN": "2580"])
        XCTAssertTrue(try run(["signin", "--window", "1", "--clerk", "1001"], ["YICHUANG_PIN": "2580"]).contains("已登录 1 号窗口"))

        // Close of day: the clerk may not, the supervisor may; the summary is exported.
        _ = try run(["finish", "--window", "2"], MultiProcessHall.clerk(2))
        XCTAssertTrue(try refusal(hall, ["close-day"], env: MultiProcessHall.clerk(2)).contains("窗口人员无权日结"))
        let closed = try run(["close-day"], supervisor)
        XCTAssertTrue(closed.contains("已日结：未叫号关闭 2 张"), closed)
        let out = hall.dir.appendingPathComponent("day.csv").path
        let day = try store.hall().calendar.dayKey(Date())
        _ = try run(["close-day", "--day", day, "--out", out], supervisor)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(csv.contains("业务,A,社保医保,3,2,1,0,2"), csv)
        XCTAssertEqual(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE status = 'waiting'") }, 0)
        XCTAssertTrue(try store.ledgerChecks().allSatisfy(\.passed))
    }
}
