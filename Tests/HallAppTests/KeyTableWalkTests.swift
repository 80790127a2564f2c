import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Walks the key table of every screen that is a model: the key bar and the F1 help list the same
/// keys, every key on the bar dispatches, Esc at a front end's first screen leaves the process
/// running, and the help can be read to its end at 80×24.
final class KeyTableWalkTests: XCTestCase {
    let calendar = HallCalendar()
    let now = Date(timeIntervalSince1970: 1_772_413_200)

    func walk<C, A>(_ table: KeyTable<C, A>, _ context: C, _ name: String, help: [String]) {
        let bar = table.keyBar(context)
        XCTAssertEqual(bar.first, KeyBarItem("F1", "帮助"), name)
        for item in bar.dropFirst() {
            XCTAssertTrue(help.contains { $0.hasPrefix("\(item.key) \(item.label)：") }, "\(name): \(item.key) \(item.label) is on the bar, not in the help")
            guard let row = table.commands.first(where: { $0.name == item.key && $0.label == item.label }) else { return XCTFail(name) }
            guard case .run = table.dispatch(row.keys[0], context) else { return XCTFail("\(name): \(item.key) does not dispatch") }
        }
        // Every row available now is on the bar; every row is in the help, unavailable ones too.
        for row in table.commands {
            XCTAssertTrue(help.contains { $0.hasPrefix("\(row.name) \(row.label)：") }, "\(name): \(row.name) missing from the help")
            if row.unavailable(context) == nil {
                XCTAssertTrue(bar.contains(KeyBarItem(row.name, row.label)), "\(name): \(row.name) \(row.label) available but not on the bar")
            }
        }
        XCTAssertLessThanOrEqual(KeyBar.rows(bar, width: 80), 2, "\(name): at 80 columns the bar wraps to two rows at most")
    }

    func testEveryModelScreensBarAndHelpListTheSameKeys() {
        let guide = Clerk(id: "g", number: "2001", name: "周丽", role: .guide)
        var desk = TicketDesk.State(clerk: guide, calendar: calendar, now: now)
        walk(TicketDesk.keys, desk, "desk", help: TicketDesk.help(desk))
        desk.green = true
        desk.last = IssuedTicket(ticket: Ticket(id: "t", number: "A001", serviceId: "A", serviceDay: "2026-03-02", priority: .normal,
                                                status: .waiting, issuedAt: now, enqueuedAt: now), serviceName: "社保医保", peopleAhead: 0)
        walk(TicketDesk.keys, desk, "desk, green, after a ticket", help: TicketDesk.help(desk))
        for purpose in [SignIn.Purpose.window(nil), .window(3), .desk, .dashboard] {
            let s = SignIn.State(purpose: purpose)
            walk(SignIn.keys, s, "sign-in \(purpose)", help: SignIn.help(s))
        }
        for role in [ClerkRole.supervisor, .guide] {
            let s = Dashboard.State(clerk: Clerk(id: "s", number: "8001", name: "王强", role: role), today: "2026-03-02")
            walk(Dashboard.keys, s, "dashboard \(role)", help: Dashboard.help(s))
            var figures = s
            _ = Dashboard.update(&figures, .key(.character("g")))
            walk(Dashboard.keys, figures, "dashboard \(role), 办件指标", help: Dashboard.help(figures))
        }
        let console = WindowConsole.State(clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk), windowNumber: 1,
                                          calendar: calendar, now: now)
        walk(WindowConsole.keys, console, "console", help: WindowConsole.help(console))
        let board = BoardModel.State(calendar: calendar)
        walk(BoardModel.keys, board, "board", help: BoardModel.help(board))
        var changing = SignIn.State(purpose: .window(3))
        _ = SignIn.update(&changing, .done(.mustChangePIN("工号 1008 的密码是一次性密码，须先修改")))
        walk(SignIn.keys, changing, "sign-in changing a one-time PIN", help: SignIn.help(changing))
        for role in ClerkRole.allCases {
            let who = Clerk(id: "x", number: "9001", name: "系统管理员", role: role)
            let menu = AdminMenu.State(clerk: who)
            walk(AdminMenu.keys, menu, "admin menu \(role)", help: AdminMenu.help(menu))
            let adminConsole = WindowConsole.State(clerk: who, windowNumber: 1, calendar: calendar, now: now)
            walk(WindowConsole.keys, adminConsole, "console \(role)", help: WindowConsole.help(adminConsole))
            for section in AdminSection.allCases {
                let empty = AdminPage.State(clerk: who, section: section)
                walk(AdminPage.keys(section), empty, "admin \(section) \(role), not loaded", help: AdminPage.help(empty))
                var loaded = empty
                _ = AdminPage.update(&loaded, .done(.loaded(AdminPageSamples.data(now: now))))
                for row in 0..<3 {
                    walk(AdminPage.keys(section), loaded, "admin \(section) \(role), row \(row)", help: AdminPage.help(loaded))
                    _ = AdminPage.update(&loaded, .key(.down))
                }
            }
        }
    }

    /// The intake screens: the picker, the case list, and the case in every status and tab.
    func testTheIntakeScreensBarAndHelpListTheSameKeys() {
        let picker = MatterPicker.State(ticket: nil)
        walk(MatterPicker.keys, picker, "matter picker", help: MatterPicker.help(picker))
        let list = CaseList.State(calendar: calendar, now: now)
        walk(CaseList.keys, list, "case list", help: CaseList.help(list))
        var s = IntakeCase.State(caseId: "k", calendar: calendar, now: now)
        walk(IntakeCase.keys, s, "case, before its first load", help: IntakeCase.help(s))
        for status in [CaseStatus.draft, .awaitingCorrection, .accepted, .refused, .completed] {
            s.c = Case(id: "k", caseNumber: "YC202603020001", status: status, ticketId: nil, windowNumber: 1, bundleCode: nil,
                       matters: [], form: [:], checks: [], createdAt: now, acceptedAt: nil, dueDate: nil, decisionNote: nil, events: [])
            for tab in [IntakeCase.Tab.form, .materials, .history, .notices] {
                s.tab = tab
                walk(IntakeCase.keys, s, "case \(status) on \(tab)", help: IntakeCase.help(s))
            }
        }
        // Accepted under 容缺 with a line still owed (B 补交 on the materials tab), in the delivery
        // dialogs, and on a history of a few lines scrolled to its top: the same keys, drawn at 80×24.
        var owed = MaterialCheck(matterCode: "M", materialName: "家庭收入情况证明", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                                 isTolerable: true, electronicLicence: nil, state: .toleratedWithCommitment)
        owed.commitmentDue = "2026-03-01"
        s.c = Case(id: "k", caseNumber: "YC202603020001", status: .accepted, ticketId: nil, windowNumber: 1, bundleCode: nil,
                   matters: [], form: [:], checks: [owed], createdAt: now, acceptedAt: now, dueDate: "2026-03-30", decisionNote: nil, events: [])
        s.history = (0..<30).map { _ in CaseHistoryEntry(at: now, kind: .fieldSaved, clerkNumber: "1001", clerkName: "李敏", subject: "申请人姓名",
                                                    oldValue: "王**", newValue: "李**") }
        s.historyIndex = 0
        let modals: [IntakeCase.Modal?] = [nil, .delivery(IntakeCase.deliveryDialog()),
                                           .mailAddress(InputDialog(title: "邮寄送达：收件地址", prompt: "地址：", field: TextField()))]
        for modal in modals {
            s.modal = modal
            for tab in [IntakeCase.Tab.form, .materials, .history, .notices] {
                s.tab = tab
                walk(IntakeCase.keys, s, "case accepted under 容缺 on \(tab), \(String(describing: modal))", help: IntakeCase.help(s))
                var buffer = ScreenBuffer(width: 80, height: 24)
                IntakeCase.render(s, into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 22))
                XCTAssertTrue(buffer.text.contains("容缺逾期1项"), buffer.text)
            }
        }
        s.modal = nil; s.tab = .materials
        XCTAssertTrue(IntakeCase.keyBar(s).contains(KeyBarItem("B", "补交")))
    }

    /// On the real screens in the runner: Esc (twice) at the first screen leaves every front end
    /// running, and F1 → PgDn… shows the help's last line at 80×24, Esc closing it.
    func testEscKeepsEveryFrontEndRunningAndTheHelpScrollsToItsEnd() throws {
        let f = try AppFixture()
        try f.issue("A", 2)
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let guide = try f.store.signIn(clerkNumber: "2001", pin: "2222", window: nil, terminal: "desk")
        let screens: [(String, Screen)] = [
            ("sign-in", SignInScreen(store: f.store, purpose: .window(nil), terminal: "t") { _, _ in fatalError() }),
            ("desk", TicketDeskScreen(store: f.store, clerk: guide, terminal: "desk", calendar: f.calendar, printDesk: f.printDesk)),
            ("dashboard", DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                          printDesk: f.printDesk)),
            ("console", try f.console(window: 1, clerk: "1001")),
            ("board", f.board()),
        ]
        for (name, screen) in screens {
            let (r, _) = f.runner(screen, width: 80, height: 24)
            r.feed(.escape); r.feed(.escape)
            XCTAssertFalse(r.isQuitting, "\(name): Esc left the front end")
            XCTAssertTrue(r.currentScreen === screen, name)
            r.feed(.function(1))
            XCTAssertTrue(r.showHelp, name)
            let last = try XCTUnwrap(screen.help.last(where: { !$0.isEmpty }), name)
            let tail = String(last.prefix(8))
            for _ in 0..<10 where !f.frame(r, width: 80, height: 24).contains(tail) { r.feed(.pageDown) }
            XCTAssertTrue(f.frame(r, width: 80, height: 24).contains(tail), "\(name): the help's last line cannot be reached: \(last)")
            XCTAssertTrue(r.showHelp, "\(name): paging keeps the help open")
            r.feed(.escape)
            XCTAssertFalse(r.showHelp, "\(name): Esc closes the help")
            XCTAssertFalse(r.isQuitting, "\(name): and nothing else")
            XCTAssertTrue(r.currentScreen === screen, name)
        }
    }

    /// The window console's help is longer than 80×24: it scrolls both ways and says where it is.
    func testTheLongHelpScrollsBackToItsTop() throws {
        let f = try AppFixture()
        let console = try f.console(window: 1, clerk: "1001")
        let (r, _) = f.runner(console, width: 80, height: 24)
        r.feed(.function(1))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("第1–"))
        r.feed(.end)
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("F2 叫号："))
        r.feed(.home)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("F2 叫号："))
        r.feed(.character("x"))
        XCTAssertFalse(r.showHelp, "any other key closes it, as before")
    }
}

/// Errors are worded once for the screens: the store's text names no key, the screen's names the
/// key that is the way out.
final class ErrorTextTests: XCTestCase {
    func testAPausedWindowNamesF9OnTheScreen() {
        XCTAssertEqual(ErrorText.of(StoreError.windowPaused(3)), "3 号窗口已暂停叫号：请先按 F9 恢复叫号")
        XCTAssertEqual(StatusMessage.from(StoreError.windowPaused(3)), .error("3 号窗口已暂停叫号：请先按 F9 恢复叫号"))
        XCTAssertEqual(ErrorText.of(StoreError.noSuchWindow(9)), "没有 9 号窗口", "others keep the store's text")
    }
}
