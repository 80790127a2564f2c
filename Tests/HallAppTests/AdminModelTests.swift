import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The administration menu and pages as models: keys in, state and commands out, no SQLite.
final class AdminModelTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_772_413_200)
    static let admin = Clerk(id: "a", number: "9001", name: "系统管理员", role: .admin)
    static let supervisor = Clerk(id: "s", number: "8001", name: "孙建国", role: .supervisor)

    func commands(_ effects: AdminPage.Effects) -> [AdminPage.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func ticket(_ number: String, _ status: TicketStatus) -> Ticket {
        Ticket(id: number, number: number, serviceId: "A", serviceDay: "2026-03-02", priority: .normal, status: status, issuedAt: now, enqueuedAt: now)
    }

    func window(_ n: Int, clerk: Clerk?, current: Ticket? = nil, held: [Ticket] = []) -> WindowSnapshot {
        WindowSnapshot(window: Window(id: "w\(n)", number: n, name: "\(n)号综合窗口", serviceIds: ["A"]),
                       status: clerk == nil ? .signedOut : current == nil ? .idle : .serving, clerk: clerk, current: current, currentServiceName: nil,
                       statusSince: now, queues: [], targetedWaiting: 0, held: held, history: [], finishedToday: 0)
    }

    /// A live page whose window 1 was left signed in by a dead terminal, serving A002 and holding A001.
    func livePage(_ who: Clerk = supervisor) -> AdminPage.State {
        var s = AdminPage.State(clerk: who, section: .live)
        XCTAssertEqual(commands(AdminPage.update(&s, .started)), [.load(.live)])
        var d = AdminPage.Data()
        d.live = [window(1, clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), current: ticket("A002", .serving), held: [ticket("A001", .held)]),
                  window(2, clerk: nil), window(3, clerk: nil)]
        _ = AdminPage.update(&s, .done(.loaded(d)))
        return s
    }

    func press(_ s: inout AdminPage.State, _ keys: Key...) -> [AdminPage.Command] {
        var out: [AdminPage.Command] = []
        for k in keys { out += commands(AdminPage.update(&s, .key(k))) }
        return out
    }

    /// A key pressed before the page's list is read starts nothing: 临时窗口 used to offer
    /// window number 1 (max of an empty list + 1), which the store then refused as taken.
    func testNoChangeStartsBeforeTheListIsRead() {
        var s = AdminPage.State(clerk: Self.supervisor, section: .windows)
        XCTAssertEqual(commands(AdminPage.update(&s, .started)), [.load(.windows)])
        XCTAssertTrue(press(&s, .character("t")).isEmpty)
        XCTAssertFalse(s.isFormOpen)
        XCTAssertEqual(s.message, .error("正在读取列表，请稍候再操作"))
        var live = AdminPage.State(clerk: Self.supervisor, section: .live)
        _ = AdminPage.update(&live, .started)
        _ = press(&live, .character("o"))
        XCTAssertEqual(live.message, .error("正在读取列表，请稍候再操作"), "not 列表为空 while it is being read")
        var d = AdminPage.Data()
        d.windows = [WindowSetup(number: 7, name: "7号咨询窗口", serviceCodes: ["E"], isOpen: true, isTemporary: false, temporaryUntil: nil, allowedStaff: [])]
        _ = AdminPage.update(&s, .done(.loaded(d)))
        _ = press(&s, .character("t"))
        XCTAssertTrue(s.isFormOpen, "once read, T asks for the next free number")
        XCTAssertEqual(s.form?.input?.field.text, "8")
    }

    func testTheMenuOpensOnlyThePagesTheRoleMayUse() {
        var sup = AdminMenu.State(clerk: Self.supervisor)
        guard case .open(.live)? = AdminMenu.update(&sup, .key(.character("4"))).first else { return XCTFail("4 opens 现场调度") }
        XCTAssertTrue(AdminMenu.update(&sup, .key(.character("3"))).isEmpty)
        XCTAssertEqual(sup.message, .error("大厅管理不能使用人员管理"))
        XCTAssertFalse(AdminMenu.keyBar(sup).contains(KeyBarItem("3", "人员管理")), "not offered to a supervisor")
        var adm = AdminMenu.State(clerk: Self.admin)
        guard case .open(.staff)? = AdminMenu.update(&adm, .key(.character("3"))).first else { return XCTFail("an admin opens 人员管理") }
        _ = AdminMenu.update(&adm, .key(.down))
        guard case .open(.live)? = AdminMenu.update(&adm, .key(.enter)).first else { return XCTFail("↓ Enter opens the next page") }
        guard case .close? = AdminMenu.update(&adm, .key(.escape)).first else { return XCTFail("Esc goes back") }
        var clerk = AdminMenu.State(clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk))
        XCTAssertTrue(AdminMenu.update(&clerk, .key(.enter)).isEmpty, "a clerk opens nothing")
    }

    /// The quoted defect: `1 号窗口已由 李敏 登录` for every other clerk. The supervisor signs the
    /// window out, choosing where its serving and held tickets go, after a confirmation.
    func testForcedSignOutAsksWhereTheTicketsGoThenConfirms() {
        var s = livePage()
        XCTAssertEqual(press(&s, .character("o")), [])
        XCTAssertTrue(s.isFormOpen)
        XCTAssertEqual(press(&s, .character("0")), [], "the serving A002: 0, back to the queue front")
        XCTAssertEqual(press(&s, .character("2")), [], "the held A001: 2, to window 2")
        XCTAssertEqual(press(&s, .character("1")), [.apply(.forceSignOut(window: 1, serving: .queueFront, held: .window(2)))])
        XCTAssertFalse(s.isFormOpen)

        var cancelled = livePage()
        XCTAssertEqual(press(&cancelled, .character("o"), .character("0"), .character("0"), .character("2")), [], "2 = 取消 at the confirmation")
        XCTAssertEqual(cancelled.message, .info("已取消"))
        XCTAssertEqual(press(&cancelled, .character("o"), .escape), [], "Esc at any step changes nothing")

        var signedOut = livePage()
        _ = press(&signedOut, .down)
        XCTAssertEqual(press(&signedOut, .character("o")), [])
        XCTAssertEqual(signedOut.message, .error("该窗口未登录"))
    }

    func testAHeldTicketIsRecoveredAndAClerkMoved() {
        var s = livePage()
        XCTAssertEqual(press(&s, .character("h"), .character("1"), .character("0")), [.apply(.recoverHeld("A001", .queueFront))])
        XCTAssertEqual(press(&s, .character("h"), .character("1"), .character("3")), [.apply(.recoverHeld("A001", .window(3)))])
        XCTAssertEqual(press(&s, .character("m"), .character("3"), .character("1")), [.apply(.moveClerk(from: 1, to: 3))],
                       "3 picks 3号窗口, not the third line")
    }

    func testTheStoresRefusalIsShownAndTheListReread() {
        var s = livePage()
        _ = press(&s, .character("h"), .character("1"), .character("0"))
        let effects = AdminPage.update(&s, .done(.refused("没有挂起的号 A001")))
        XCTAssertEqual(s.message, .error("没有挂起的号 A001"))
        XCTAssertEqual(commands(effects), [.load(.live)])
    }

    /// A change is told once the list read after it has landed, and no new change starts on the
    /// list from before it (the tmux morning test pressed O on a list that still showed the
    /// ticket just recovered).
    func testAChangeIsToldOnceTheListShowsIt() {
        var s = livePage()
        XCTAssertEqual(press(&s, .character("h"), .character("1"), .character("0")), [.apply(.recoverHeld("A001", .queueFront))])
        _ = AdminPage.update(&s, .storeChanged)   // the commit wakes the watcher: a load starts
        XCTAssertEqual(commands(AdminPage.update(&s, .done(.applied("挂起的 A001 已收回，回到队首")))), [], "one load at a time")
        XCTAssertEqual(press(&s, .character("o")), [])
        XCTAssertFalse(s.isFormOpen)
        XCTAssertEqual(s.message, .error("正在刷新列表，请稍候再操作"))
        var fresh = AdminPage.Data()
        fresh.live = [window(1, clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), current: ticket("A002", .serving)), window(2, clerk: nil)]
        XCTAssertEqual(commands(AdminPage.update(&s, .done(.loaded(fresh)))), [.load(.live)], "the load from before the change is followed by another")
        XCTAssertNotEqual(s.message, .info("挂起的 A001 已收回，回到队首"))
        XCTAssertEqual(commands(AdminPage.update(&s, .done(.loaded(fresh)))), [])
        XCTAssertEqual(s.message, .info("挂起的 A001 已收回，回到队首"))
        _ = press(&s, .character("o"))
        XCTAssertTrue(s.isFormOpen, "now the next change may start")

        var failed = livePage()
        _ = AdminPage.update(&failed, .done(.applied("工号 1001 的一次性密码：123456")))
        _ = AdminPage.update(&failed, .done(.loadFailed("数据库忙")))
        XCTAssertEqual(failed.message, .error("工号 1001 的一次性密码：123456；但刷新列表失败：数据库忙"))
    }

    func testStaffPagesNeedAnAdminAndAResetPinIsConfirmed() {
        var d = AdminPage.Data()
        d.staff = [StaffSetup(clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), active: true, mustChangePIN: false, lockedUntil: nil, windows: [])]
        var sup = AdminPage.State(clerk: Self.supervisor, section: .staff)
        _ = AdminPage.update(&sup, .done(.loaded(d)))
        XCTAssertEqual(press(&sup, .character("p")), [])
        XCTAssertEqual(sup.message?.text.hasPrefix("大厅管理无权管理工作人员"), true, "\(String(describing: sup.message))")

        var adm = AdminPage.State(clerk: Self.admin, section: .staff)
        _ = AdminPage.update(&adm, .done(.loaded(d)))
        XCTAssertEqual(press(&adm, .character("p"), .character("1")), [.apply(.resetPIN("1001"))])
        XCTAssertEqual(press(&adm, .character("w")) + press(&adm, .backspace, .backspace) + typeLine(&adm, "1,3"), [.apply(.staffWindows("1001", [1, 3]))])
        XCTAssertEqual(press(&adm, .character("n")) + typeLine(&adm, "1008") + typeLine(&adm, "吴新") + press(&adm, .character("1")) + typeLine(&adm, "246810"),
                       [.apply(.addStaff(number: "1008", name: "吴新", role: .clerk, pin: "246810"))])
    }

    func typeLine(_ s: inout AdminPage.State, _ text: String) -> [AdminPage.Command] {
        var out: [AdminPage.Command] = []
        for c in text { out += press(&s, .character(c)) }
        return out + press(&s, .enter)
    }

    func testServiceHoursAreReadOrRefusedWithTheReason() {
        var d = AdminPage.Data()
        d.services = [ServiceSetup(service: Service(id: "A", code: "A", prefix: "A", name: "社保医保", targetWaitMinutes: 30, maxQueue: 200, warnQueue: 20, sortOrder: 0),
                                   openMinute: nil, cutoffMinute: nil, suspendedToday: false)]
        var s = AdminPage.State(clerk: Self.admin, section: .services)
        _ = AdminPage.update(&s, .done(.loaded(d)))
        _ = press(&s, .character("h"))
        _ = press(&s, .backspace, .backspace, .backspace)
        XCTAssertEqual(typeLine(&s, "08:30 16:30"), [.apply(.editService("A", .hours(open: 510, cutoff: 990)))])
        _ = press(&s, .character("t"), .backspace, .backspace)
        XCTAssertEqual(typeLine(&s, "半小时"), [])
        XCTAssertEqual(s.message, .error("目标等候应为整数，“半小时”不是"))
        XCTAssertEqual(press(&s, .character("s"), .character("1")), [.apply(.suspendService("A", true))])
    }

    /// Every key on every page in every state (empty, loaded, a form open at each step) leaves a
    /// state that renders at 80×24, and no key but a form's last answer sends a change.
    func testEveryKeyOnEveryPageInEveryState() {
        let keys: [Key] = [.up, .down, .enter, .escape, .tab, .backspace] + (1...12).map { .function($0) }
            + "abcdefghijklmnopqrstuvwxyz0123456789".map { .character($0) }
        var states: [AdminPage.State] = []
        for who in [Self.admin, Self.supervisor] {
            states.append(livePage(who))
            for section in AdminSection.allCases { states.append(AdminPage.State(clerk: who, section: section)) }
        }
        for start in states {
            for key in keys {
                var s = start
                _ = AdminPage.update(&s, .key(key))
                for next in keys {
                    var t = s
                    let effects = AdminPage.update(&t, .key(next))
                    var buffer = ScreenBuffer(width: 80, height: 24)
                    AdminPage.render(t, into: &buffer, area: Rect(x: 0, y: 1, width: 80, height: 22))
                    for case .run(.apply) in effects { XCTAssertTrue(s.isFormOpen, "\(key) \(next): a change only ends a form") }
                }
            }
        }
    }
}

/// One of each kind of row for the key walk: a signed-in window serving and holding, a signed-out
/// one, a closed temporary one; a suspended service; a disabled, a one-time-PIN member of staff.
enum AdminPageSamples {
    static func data(now: Date) -> AdminPage.Data {
        let t = Ticket(id: "t", number: "A001", serviceId: "A", serviceDay: "2026-03-02", priority: .normal, status: .held, issuedAt: now, enqueuedAt: now)
        func snapshot(_ n: Int, _ status: WindowStatus, clerk: Clerk?, current: Ticket?, held: [Ticket]) -> WindowSnapshot {
            WindowSnapshot(window: Window(id: "w\(n)", number: n, name: "\(n)号窗口", serviceIds: ["A"]), status: status, clerk: clerk, current: current,
                           currentServiceName: nil, statusSince: now, queues: [], targetedWaiting: 0, held: held, history: [], finishedToday: 0)
        }
        var d = AdminPage.Data()
        d.now = now
        let clerk = Clerk(id: "c", number: "1001", name: "李敏", role: .clerk)
        d.live = [snapshot(1, .serving, clerk: clerk, current: t, held: [t]), snapshot(2, .signedOut, clerk: nil, current: nil, held: []),
                  snapshot(3, .idle, clerk: clerk, current: nil, held: [])]
        d.services = ["A", "B", "C"].enumerated().map { i, c in
            ServiceSetup(service: Service(id: c, code: c, prefix: c, name: "业务\(c)", targetWaitMinutes: 30, maxQueue: 200, warnQueue: 20, sortOrder: i),
                         openMinute: i == 1 ? 510 : nil, cutoffMinute: i == 1 ? 990 : nil, suspendedToday: i == 2)
        }
        d.windows = [WindowSetup(number: 1, name: "1号窗口", serviceCodes: ["A"], isOpen: true, isTemporary: false, temporaryUntil: nil, allowedStaff: []),
                     WindowSetup(number: 2, name: "2号窗口", serviceCodes: ["A", "B"], isOpen: false, isTemporary: false, temporaryUntil: nil, allowedStaff: ["1001"]),
                     WindowSetup(number: 8, name: "8号临时窗口", serviceCodes: ["A"], isOpen: true, isTemporary: true, temporaryUntil: now + 3600, allowedStaff: [])]
        d.temporaryUntil = [8: "10:00"]
        d.staff = [StaffSetup(clerk: clerk, active: true, mustChangePIN: false, lockedUntil: nil, windows: []),
                   StaffSetup(clerk: Clerk(id: "d", number: "1002", name: "王芳", role: .clerk), active: false, mustChangePIN: false, lockedUntil: now + 60, windows: [1]),
                   StaffSetup(clerk: Clerk(id: "e", number: "1008", name: "吴新", role: .guide), active: true, mustChangePIN: true, lockedUntil: nil, windows: [])]
        return d
    }
}
