import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The sign-in and the supervisor dashboard as models: keys in, state and commands out, no SQLite.
final class SignInModelTests: XCTestCase {
    func commands(_ effects: SignIn.Effects) -> [SignIn.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func type(_ s: inout SignIn.State, _ text: String) {
        for c in text { XCTAssertTrue(SignIn.update(&s, .key(.character(c))).isEmpty) }
    }

    func testEnterMovesOnThenAsksTheStoreOnce() {
        var s = SignIn.State(purpose: .window(nil))
        XCTAssertEqual(s.focus, 0)
        type(&s, "3"); _ = SignIn.update(&s, .key(.enter))
        type(&s, "1001"); _ = SignIn.update(&s, .key(.tab))
        type(&s, "1234")
        XCTAssertEqual(commands(SignIn.update(&s, .key(.enter))), [.signIn(clerkNumber: "1001", pin: "1234", window: 3)])
        XCTAssertTrue(SignIn.update(&s, .key(.enter)).isEmpty, "one check at a time")
        _ = SignIn.update(&s, .done(.refused("工号或密码错误")))
        XCTAssertEqual(s.message, .error("工号或密码错误"))
        XCTAssertEqual(s.focus, 2, "back to the PIN, emptied")
        XCTAssertEqual(commands(SignIn.update(&s, .key(.enter))), [.signIn(clerkNumber: "1001", pin: "", window: 3)])
        let clerk = Clerk(id: "c", number: "1001", name: "李敏", role: .clerk)
        guard case .replace(.signedIn(let c, let w))? = SignIn.update(&s, .done(.signedIn(clerk, window: 3))).first else {
            return XCTFail("signed in: the console takes the sign-in's place")
        }
        XCTAssertEqual(c.number, "1001"); XCTAssertEqual(w, 3)
    }

    func testAWindowIsAskedForAndTheDashboardNeedsASupervisor() {
        var s = SignIn.State(purpose: .window(nil))
        _ = SignIn.update(&s, .key(.tab)); type(&s, "1001")
        _ = SignIn.update(&s, .key(.tab))
        XCTAssertTrue(SignIn.update(&s, .key(.enter)).isEmpty)
        XCTAssertEqual(s.message, .error("请输入窗口号"))
        XCTAssertEqual(s.focus, 0)

        var d = SignIn.State(purpose: .dashboard)
        XCTAssertEqual(d.focus, 1, "no window to ask")
        type(&d, "1001"); _ = SignIn.update(&d, .key(.up)); XCTAssertEqual(d.focus, 2, "↑ from the first field wraps")
        XCTAssertTrue(SignIn.update(&d, .done(.signedIn(Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), window: nil))).isEmpty)
        XCTAssertEqual(d.message?.text.contains("大厅监控需要大厅管理或系统管理员"), true)
        XCTAssertTrue(SignIn.update(&d, .key(.escape)).isEmpty, "Esc does not leave")
        guard case .confirmQuit? = SignIn.update(&d, .key(.function(10))).first else { return XCTFail("F10 asks") }
    }
}

extension SignInModelTests {
    /// A PIN an admin reset is one-time: the store refuses it with `pinChangeRequired` (the old
    /// screen only showed that refusal, so the clerk could not sign in at all); now the screen asks
    /// for a new PIN twice, refuses a mismatch, and sends the change with the sign-in.
    func testAOneTimePinIsChangedHereThenSignsIn() {
        var s = SignIn.State(purpose: .window(1))
        type(&s, "1008"); _ = SignIn.update(&s, .key(.enter)); type(&s, "135790")
        XCTAssertEqual(commands(SignIn.update(&s, .key(.enter))), [.signIn(clerkNumber: "1008", pin: "135790", window: 1)])
        _ = SignIn.update(&s, .done(.mustChangePIN("工号 1008 的密码是一次性密码，须先修改")))
        XCTAssertTrue(s.changingPIN)
        XCTAssertEqual(s.focus, 3)
        XCTAssertEqual(SignIn.keyBar(s).map(\.label), ["帮助", "下一项", "改密并登录", "取消改密", "退出"])
        type(&s, "2468"); _ = SignIn.update(&s, .key(.enter)); type(&s, "2469")
        XCTAssertTrue(SignIn.update(&s, .key(.enter)).isEmpty)
        XCTAssertEqual(s.message, .error("两次输入的新密码不一致，请重新输入"))
        XCTAssertEqual(s.focus, 3)
        type(&s, "2468"); _ = SignIn.update(&s, .key(.tab)); type(&s, "2468")
        XCTAssertEqual(commands(SignIn.update(&s, .key(.enter))),
                       [.changePINAndSignIn(clerkNumber: "1008", current: "135790", new: "2468", window: 1)])
        _ = SignIn.update(&s, .done(.refused("密码不能是同一个数字重复")))
        XCTAssertTrue(s.changingPIN, "a refused new PIN is typed again; the one-time PIN stands")
        XCTAssertEqual(s.focus, 3)
        XCTAssertTrue(SignIn.update(&s, .key(.escape)).isEmpty)
        XCTAssertFalse(s.changingPIN, "Esc gives up the change")
        XCTAssertEqual(s.focus, 2)
    }
}

final class DashboardModelTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_772_413_200)

    func state(role: ClerkRole = .supervisor) -> Dashboard.State {
        Dashboard.State(clerk: Clerk(id: "s", number: "8001", name: "王强", role: role), today: "2026-03-02")
    }

    func data() -> Dashboard.Data {
        Dashboard.Data(snapshot: DashboardSnapshot(queues: [], metrics: [:], windows: [], alerts: [], at: now), deadlines: (0, 0),
                       ratings: RatingSummary(tally: SatisfactionTally(), openTasks: 0, overdueTasks: 0, realNameBad: 0, calledBack: 0),
                       today: "2026-03-03")
    }

    func commands(_ effects: Dashboard.Effects) -> [Dashboard.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    /// It re-reads every second, but one load at a time: changes during a load ask for one more.
    func testLoadsOneAtATimeAndTicksSettleDefaults() {
        var s = state()
        XCTAssertEqual(commands(Dashboard.update(&s, .started)), [.load])
        XCTAssertEqual(commands(Dashboard.update(&s, .tick(now))), [.applyDefaults])
        XCTAssertEqual(commands(Dashboard.update(&s, .storeChanged)), [])
        XCTAssertEqual(commands(Dashboard.update(&s, .done(.loaded(data())))), [.load], "the change seen during the load")
        XCTAssertEqual(commands(Dashboard.update(&s, .done(.loaded(data())))), [])
        XCTAssertEqual(commands(Dashboard.update(&s, .tick(now))), [.applyDefaults, .load])
    }

    func testReportDialogKeysAndDestinations() {
        var s = state()
        _ = Dashboard.update(&s, .done(.loaded(data())))
        XCTAssertTrue(Dashboard.update(&s, .key(.function(5))).isEmpty)
        XCTAssertTrue(s.isDialogOpen)
        XCTAssertTrue(Dashboard.isTypingText(s), "? is typed in the dialog")
        XCTAssertEqual(commands(Dashboard.update(&s, .key(.enter))), [.export(fromDay: "2026-03-03", toDay: "2026-03-03")],
                       "the dialog starts from the day of the last read")
        _ = Dashboard.update(&s, .key(.function(5)))
        for _ in 0..<21 { _ = Dashboard.update(&s, .key(.backspace)) }
        for c in "1 2 3" { _ = Dashboard.update(&s, .key(.character(c))) }
        XCTAssertTrue(Dashboard.update(&s, .key(.enter)).isEmpty)
        XCTAssertEqual(s.message?.isError, true)
        _ = Dashboard.update(&s, .done(.exported(path: "/r/q.csv")))
        XCTAssertEqual(s.message, .info("已导出报表：/r/q.csv"))

        guard case .open(.cases)? = Dashboard.update(&s, .key(.character("c"))).first else { return XCTFail("C opens the cases") }
        guard case .open(.rectification)? = Dashboard.update(&s, .key(.character("R"))).first else { return XCTFail("R") }
        var guide = state(role: .guide)
        XCTAssertTrue(Dashboard.update(&guide, .key(.character("r"))).isEmpty)
        XCTAssertEqual(guide.message, .error("差评整改由大厅管理处理"))
        XCTAssertTrue(Dashboard.update(&s, .key(.escape)).isEmpty, "Esc does not leave")
        guard case .confirmQuit? = Dashboard.update(&s, .key(.function(10))).first else { return XCTFail("F10 asks") }
    }
}
