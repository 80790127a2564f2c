import Foundation
import HallCore
import Printing
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The administration screens in the runner over a real store: the keys a supervisor or an admin
/// types, and what the hall is afterwards.
final class AdminScreenTests: XCTestCase {
    func ticket(_ f: AppFixture, _ number: String) throws -> Ticket { try f.store.ticket(number: number) }

    /// `1 号窗口已由 李敏 登录` for every other clerk once 李敏's terminal died: from the dashboard,
    /// F12 → 4 现场调度, the supervisor recovers the held ticket and signs the window out with its
    /// serving ticket back at the front; then another clerk signs in there.
    func testTheSupervisorFreesADeadTerminalsWindowFromTheDashboard() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        let by1 = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let li = Attribution(clerkId: by1.id, clerkNumber: by1.number, terminal: "tty1")
        XCTAssertEqual(try f.store.callNext(window: 1, by: li).number, "A001")
        _ = try f.store.hold(window: 1, note: nil, by: li)
        XCTAssertEqual(try f.store.callNext(window: 1, by: li).number, "A002")
        // The terminal dies here: nobody signs window 1 out.
        XCTAssertThrowsError(try f.store.signIn(clerkNumber: "1002", pin: "1234", window: 1, terminal: "tty1b")) {
            XCTAssertEqual(ErrorText.of($0), "1 号窗口已由 李敏 登录")
        }

        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("F12后台管理"))
        r.feed(.function(12))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("4. 现场调度"))
        r.feed(.character("4"))
        let page = f.frame(r, width: 80, height: 24)
        XCTAssertTrue(page.contains("后台管理 · 现场调度"), page)
        XCTAssertTrue(page.contains("1号综合窗口  办理中 李敏     A002   A001"), page)

        r.feed(.character("h")); r.feed(.character("1")); r.feed(.character("0"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("挂起的 A001 已收回，回到队首"))
        XCTAssertEqual(try ticket(f, "A001").status, .waiting)

        r.feed(.character("o"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("在办的 A002"))
        r.feed(.character("0"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("强制 1 号窗口（李敏）退出登录？"))
        r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("1 号窗口已强制退出（原登录：李敏）"))
        XCTAssertEqual(try ticket(f, "A002").status, .waiting)
        XCTAssertEqual(try f.store.windowSnapshot(1).status, .signedOut)
        XCTAssertEqual(try f.store.signIn(clerkNumber: "1002", pin: "1234", window: 1, terminal: "tty1b").name, "王芳")
        // The next call at window 1 takes the ticket put back at the front.
        let wang = Attribution(clerkId: try f.store.windowSnapshot(1).clerk!.id, clerkNumber: "1002", terminal: "tty1b")
        XCTAssertEqual(try f.store.callNext(window: 1, by: wang).number, "A002")

        r.feed(.escape); r.feed(.escape)
        XCTAssertTrue(r.currentScreen === dash, "Esc twice: back at the dashboard")
    }

    /// The admin resets a PIN on 人员管理; the clerk's next sign-in asks for a new PIN twice,
    /// changes it and signs in with it.
    func testAResetPinIsChangedOnTheSignInScreen() throws {
        let f = try AppFixture()
        let admin = try f.store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "admin")
        let menu = Interfaces.adminMenu(store: f.store, clerk: admin, terminal: "admin")
        let (r, _) = f.runner(menu, width: 80, height: 24)
        r.feed(.character("3"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("1001   李敏"))
        r.feed(.character("p"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("重置 1001 李敏 的密码？"))
        r.feed(.character("1"))
        let shown = f.frame(r, width: 80, height: 24)
        let pin = try XCTUnwrap(shown.firstMatch(of: /一次性密码：(\d{6})/)?.1).description
        XCTAssertThrowsError(try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "t"), "the old PIN is gone")

        var signedIn: Clerk?
        let signIn = SignInScreen(store: f.store, purpose: .window(1), terminal: "tty1") { clerk, _ in
            signedIn = clerk
            return f.board()
        }
        let (s, _) = f.runner(signIn, width: 80, height: 24)
        f.type(s, "1001"); s.feed(.enter); f.type(s, pin); s.feed(.enter)
        XCTAssertTrue(f.frame(s, width: 80, height: 24).contains("一次性密码，须先修改"))
        f.type(s, "2468"); s.feed(.enter); f.type(s, "2469"); s.feed(.enter)
        XCTAssertTrue(f.frame(s, width: 80, height: 24).contains("两次输入的新密码不一致"))
        XCTAssertNil(signedIn)
        f.type(s, "2468"); s.feed(.enter); f.type(s, "2468"); s.feed(.enter)
        XCTAssertEqual(signedIn?.number, "1001")
        XCTAssertEqual(try f.store.windowSnapshot(1).clerk?.number, "1001")
        XCTAssertEqual(try f.store.staffSetups().first { $0.clerk.number == "1001" }?.mustChangePIN, false)
    }

    /// The menu and every page at 80×24 (goldens), for an admin, with a window serving and holding,
    /// a temporary window, a one-time PIN and a suspended service on them; then the sign-in
    /// asking for a new PIN.
    func testEveryPageIsReadableAt80x24() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        let li = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by1 = Attribution(clerkId: li.id, clerkNumber: li.number, terminal: "tty1")
        _ = try f.store.callNext(window: 1, by: by1); _ = try f.store.hold(window: 1, note: nil, by: by1); _ = try f.store.callNext(window: 1, by: by1)
        let admin = try f.store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "admin")
        let by = Attribution(clerkId: admin.id, clerkNumber: admin.number, terminal: "admin")
        try f.store.openTemporaryWindow(number: 8, services: ["A"], until: f.clock.now() + 3 * 3600, by: by)
        try f.store.suspendServiceToday("D", true, by: by)
        try f.store.editService("A", .hours(open: 8 * 60 + 30, cutoff: 16 * 60 + 30), by: by)
        let oneTime = try f.store.resetPIN("1002", by: by)

        let (r, _) = f.runner(Interfaces.adminMenu(store: f.store, clerk: admin, terminal: "admin"), width: 80, height: 24)
        assertGolden(f.frame(r, width: 80, height: 24), "admin-menu-80x24")
        for section in AdminSection.allCases {
            r.feed(.character(Character("\(section.rawValue + 1)")))
            assertGolden(f.frame(r, width: 80, height: 24), "admin-\(section)-80x24")
            r.feed(.escape)
        }
        r.feed(.character("4")); r.feed(.character("o"))
        assertGolden(f.frame(r, width: 80, height: 24), "admin-live-force-sign-out-80x24")

        let signIn = SignInScreen(store: f.store, purpose: .window(2), terminal: "tty2") { _, _ in f.board() }
        let (s, _) = f.runner(signIn, width: 80, height: 24)
        f.type(s, "1002"); s.feed(.enter); f.type(s, oneTime); s.feed(.enter)
        assertGolden(f.frame(s, width: 80, height: 24), "sign-in-change-pin-80x24")
    }

    /// The store refuses what the role may not do even when the key is pressed: a supervisor's
    /// add-service form ends in the store's Chinese refusal, nothing added.
    func testAStoreRefusalIsShownAsItIs() throws {
        let f = try AppFixture()
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let by = Attribution(clerkId: sup.id, clerkNumber: sup.number, terminal: "dashboard")
        let outcome = AdminPage.execute(admin: f.store, by: by)(.apply(.addService(code: "Z", prefix: "Z", name: "测试", targetWait: 30, maxQueue: 10, warnQueue: 5)))
        guard case .refused(let text) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(text, "大厅管理无权管理业务类别：需要 系统管理员 的工号和密码")
        XCTAssertFalse(try f.store.serviceSetups().contains { $0.service.code == "Z" })
    }
}

/// The window's call choice and the 绿色通道 age on the admin pages, over a real store: each a
/// one-line form ending in the store's own operation (audited like every admin change).
final class AdminRulesScreenTests: XCTestCase {
    func testTheAdminSetsAWindowsWeightsAndTheGreenChannelAge() throws {
        let f = try AppFixture()
        let admin = try f.store.signIn(clerkNumber: "9001", pin: "9999", window: nil, terminal: "admin")
        let menu = Interfaces.adminMenu(store: f.store, clerk: admin, terminal: "admin")
        let (r, _) = f.runner(menu, width: 80, height: 24)
        r.feed(.character("2"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("1号综合窗口"))
        r.feed(.character("c"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("order、longest 或 weights"))
        for _ in 0..<5 { r.feed(.backspace) }
        f.type(r, "weights:A=3,E=1")
        r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("1 号窗口叫号方式：按业务权重"))
        let services = Dictionary(uniqueKeysWithValues: try f.store.services().map { ($0.code, $0.id) })
        XCTAssertEqual(try f.store.windows().first { $0.number == 1 }?.choice, .weighted([services["A"]!: 3, services["E"]!: 1]))
        r.feed(.character("c"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("weights:A=3,E=1"), "the form starts from the rule in force")
        r.feed(.escape)

        // A rule that cannot be read is refused on the screen, in Chinese; nothing changes.
        r.feed(.character("c"))
        for _ in 0..<20 { r.feed(.backspace) }
        f.type(r, "fastest")
        r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("叫号方式“fastest”无法识别"))

        r.feed(.escape); r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("社保医保"))
        r.feed(.character("g"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("年满几岁"))
        for _ in 0..<3 { r.feed(.backspace) }
        f.type(r, "65"); r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("绿色通道年龄已改为 65 岁"))
        XCTAssertEqual(try f.store.hall().policy.greenChannelAge, 65)
        r.feed(.character("g")); for _ in 0..<3 { r.feed(.backspace) }
        f.type(r, "30"); r.feed(.enter)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("绿色通道年龄应为 50–120 岁"))
        XCTAssertEqual(try f.store.hall().policy.greenChannelAge, 65)
    }

    func testASupervisorIsToldTheRulesAreTheAdmins() throws {
        let f = try AppFixture()
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let (r, _) = f.runner(Interfaces.adminMenu(store: f.store, clerk: sup, terminal: "dashboard"), width: 80, height: 24)
        r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("社保医保"))
        r.feed(.character("g"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("大厅管理无权"), f.frame(r, width: 80, height: 24))
        XCTAssertEqual(try f.store.hall().policy.greenChannelAge, 70)
    }
}

/// 后台管理 · 打印机 over this machine's printer routes: where each kind of document prints
/// (and which [printers] key says so), and a test page that comes out there.
final class AdminPrintersScreenTests: XCTestCase {
    func testThePrintersPageListsEachDocumentsPrinterAndPrintsATestPage() throws {
        let f = try AppFixture()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-printers-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let a4 = root.appendingPathComponent("a4"), tickets = root.appendingPathComponent("tickets")
        let routes = try PrinterRoutes(spoolDirectory: root.appendingPathComponent("spool").path,
                                       settings: ["notice": "spool:\(a4.path)", "ticket": "spool:\(tickets.path)?paper=58mm"])
        let desk = PrintDesk(store: f.store, routes: routes, inline: true)
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let (r, _) = f.runner(Interfaces.adminMenu(store: f.store, clerk: sup, terminal: "dashboard", printDesk: desk), width: 80, height: 24)
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("5. 打印机"))
        r.feed(.character("5"))
        let page = f.frame(r, width: 80, height: 24)
        for text in ["后台管理 · 打印机", "一次性告知书", "排队号票", "[printers] 键", " notice", " ticket", "P打印测试页"] {
            XCTAssertTrue(page.contains(text), "\(text)\n\(page)")
        }
        r.feed(.character("p"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("测试页（一次性告知书）：已打印"), f.frame(r, width: 80, height: 24))
        let pdf = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: a4, includingPropertiesForKeys: nil).first { $0.pathExtension == "pdf" })
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext"); p.arguments = [pdf.path, "-"]
        let out = Pipe(); p.standardOutput = out
        try p.run(); let data = out.fileHandleForReading.readDataToEndOfFile(); p.waitUntilExit()
        XCTAssertTrue(String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }.contains("打印测试页"))

        let ticketRow = try XCTUnwrap(DocumentKind.allCases.firstIndex(of: .queueTicket))
        for _ in 0..<ticketRow { r.feed(.down) }
        r.feed(.character("p"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("测试页（排队号票）：已打印"))
        // ESC/POS bytes for the 58 mm printer, and the spool folder's readable copy beside them.
        let files = try FileManager.default.contentsOfDirectory(atPath: tickets.path).sorted()
        XCTAssertEqual(files.map { ($0 as NSString).pathExtension }, ["bin", "txt"], "the desk's tickets go to their own printer: \(files)")
        let text = try String(contentsOf: tickets.appendingPathComponent(files[1]), encoding: .utf8)
        XCTAssertTrue(text.filter { !$0.isWhitespace }.contains("排队号票将打印到这台打印机"), text)
    }

    func testAClerkDoesNotReachThePrintersPage() {
        var clerk = AdminMenu.State(clerk: Clerk(id: "c", number: "1001", name: "李敏", role: .clerk))
        XCTAssertTrue(AdminMenu.update(&clerk, .key(.character("5"))).isEmpty)
        XCTAssertEqual(clerk.message, .error("窗口人员不能使用打印机"))
    }
}
