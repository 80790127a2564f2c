import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The ticket desk as a model: keys in, state and commands out, no SQLite.
final class TicketDeskModelTests: XCTestCase {
    let calendar = HallCalendar()
    let now = Date(timeIntervalSince1970: 1_772_413_200)

    func state() -> TicketDesk.State {
        var s = TicketDesk.State(clerk: Clerk(id: "g", number: "2001", name: "周丽", role: .guide), calendar: calendar, now: now)
        let services = ["A", "B"].enumerated().map { i, p in
            Service(id: p, code: p, prefix: p, name: "业务\(p)", targetWaitMinutes: 10, maxQueue: 100, warnQueue: 20, sortOrder: i)
        }
        s.data = .init(queues: services.map { ServiceQueue(service: $0, waiting: 0, greenWaiting: 0, longestWaitSeconds: 0, nextNumbers: []) },
                       policy: QueuePolicy(), readAt: now)
        return s
    }

    func issued(_ number: String, green: Bool = false) -> IssuedTicket {
        IssuedTicket(ticket: Ticket(id: number, number: number, serviceId: "A", serviceDay: "2026-03-02",
                                    priority: green ? .greenChannel : .normal, status: .waiting, issuedAt: now, enqueuedAt: now),
                     serviceName: "业务A", peopleAhead: 0)
    }

    func commands(_ effects: TicketDesk.Effects) -> [TicketDesk.Command] {
        effects.compactMap { if case .run(let c) = $0 { return c }; return nil }
    }

    func testDigitsIssueAndGreenChannelLastsOneTicket() {
        var s = state()
        XCTAssertEqual(commands(TicketDesk.update(&s, .key(.character("2")))), [.issue(serviceId: "B", priority: .normal)])
        XCTAssertTrue(TicketDesk.update(&s, .key(.character("7"))).isEmpty)
        XCTAssertEqual(s.message, .error("没有编号为 7 的业务"))
        _ = TicketDesk.update(&s, .key(.character("G")))
        XCTAssertTrue(s.green)
        XCTAssertEqual(commands(TicketDesk.update(&s, .key(.character("1")))), [.issue(serviceId: "A", priority: .greenChannel)])
        let ticket = issued("A005", green: true)
        XCTAssertEqual(commands(TicketDesk.update(&s, .done(.issued(ticket, appointment: false, nil)))), [.printTicket(ticket)])
        XCTAssertFalse(s.green, "green channel is for one ticket")
        XCTAssertEqual(commands(TicketDesk.update(&s, .key(.function(6)))), [.printTicket(ticket)])
        XCTAssertTrue(TicketDesk.update(&s, .key(.escape)).isEmpty, "Esc at the desk's first screen does nothing")
        XCTAssertEqual(s.message?.text, "这是取号台的首页：退出请按 F10")
        guard case .confirmQuit? = TicketDesk.update(&s, .key(.function(10))).first else { return XCTFail("F10 asks first") }
    }

    func testReprintBeforeAnyTicketSaysWhy() {
        var s = state()
        XCTAssertTrue(TicketDesk.update(&s, .key(.function(6))).isEmpty)
        XCTAssertEqual(s.message, .error("还没有取过号，无可补打"))
    }

    /// The tmux run typed "2" as soon as the desk appeared, before its first load landed: the
    /// key must wait for the services, not be refused as "没有编号为 2 的业务".
    func testADigitTypedBeforeTheFirstLoadIssuesOnceTheServicesAreKnown() {
        var s = TicketDesk.State(clerk: Clerk(id: "g", number: "2001", name: "周丽", role: .guide), calendar: calendar, now: now)
        XCTAssertEqual(commands(TicketDesk.update(&s, .started)), [.load])
        XCTAssertTrue(TicketDesk.update(&s, .key(.character("2"))).isEmpty)
        XCTAssertNil(s.message, "not refused")
        let data = state().data!
        XCTAssertEqual(commands(TicketDesk.update(&s, .done(.loaded(data)))), [.issue(serviceId: "B", priority: .normal)])
    }

    /// The age check runs in the screen: nothing goes to the store, the number is not kept.
    func testTheIDCheckOpensTheGreenChannelForTheElderlyWithoutTheStore() {
        var s = state()
        _ = TicketDesk.update(&s, .key(.function(4)))
        for c in "11010519491231002X" { XCTAssertTrue(TicketDesk.update(&s, .key(.character(c))).isEmpty) }
        XCTAssertTrue(TicketDesk.update(&s, .key(.enter)).isEmpty, "no command: the number never leaves the screen")
        XCTAssertTrue(s.green)
        XCTAssertEqual(s.message?.text.hasPrefix("110105********002X：76 周岁，已自动开启绿色通道"), true)
        _ = TicketDesk.update(&s, .key(.function(4)))
        for c in "110105194912310021" { _ = TicketDesk.update(&s, .key(.character(c))) }
        _ = TicketDesk.update(&s, .key(.enter))
        XCTAssertEqual(s.message?.isError, true, "a wrong check digit is refused")
    }

    /// Issue 12 (text slips): the desk's message line kept old text. A printer's answer that
    /// comes after the clerk moved on joins the new line no more; a failed print is still told.
    func testALatePrintAnswerNeverJoinsALaterLine() {
        var s = state()
        _ = TicketDesk.update(&s, .done(.issued(issued("A005"), appointment: false, nil)))
        _ = TicketDesk.update(&s, .done(.printed(ticket: "A005", text: "已打印", failed: false)))
        XCTAssertEqual(s.message, .info("已取号 A005（业务A），前面还有 0 人 · 号票 A005：已打印"))
        _ = TicketDesk.update(&s, .done(.issued(issued("A006"), appointment: false, nil)))
        _ = TicketDesk.update(&s, .key(.character("g")))
        _ = TicketDesk.update(&s, .done(.printed(ticket: "A006", text: "已打印", failed: false)))
        XCTAssertEqual(s.message, .info("下一张号票走绿色通道"))
        _ = TicketDesk.update(&s, .done(.printed(ticket: "A006", text: "打印失败：缺纸", failed: true)))
        XCTAssertEqual(s.message, .error("号票 A006：打印失败：缺纸；按 F6 补打"))
    }

    /// Issue 12, must-deliver 8: the estimated wait the ticket carries is said on the desk too, in
    /// the paper's words (the desk showed people ahead only), and left out when there is none.
    func testTheDeskSaysTheEstimatedWaitWhereThereIsOne() {
        var s = state()
        var ticket = issued("A007")
        ticket.peopleAhead = 3
        ticket.estimatedWaitSeconds = 425
        _ = TicketDesk.update(&s, .done(.issued(ticket, appointment: false, nil)))
        XCTAssertEqual(s.message?.text, "已取号 A007（业务A），前面还有 3 人，预计等候约 8 分钟")
        var buffer = ScreenBuffer(width: 80, height: 24)
        TicketDesk.render(s, into: &buffer, area: Rect(x: 0, y: 1, width: 80, height: 21))
        XCTAssertTrue(buffer.text.contains("预计等候约 8 分钟"), buffer.text)
        XCTAssertTrue(buffer.text.contains("请留意叫号屏和语音提示"), "the last line still fits at 80×24: \(buffer.text)")

        let plain = issued("A008")
        _ = TicketDesk.update(&s, .done(.issued(plain, appointment: false, nil)))
        XCTAssertEqual(s.message?.text, "已取号 A008（业务A），前面还有 0 人", "no estimate, none said")
        buffer = ScreenBuffer(width: 80, height: 24)
        TicketDesk.render(s, into: &buffer, area: Rect(x: 0, y: 1, width: 80, height: 21))
        XCTAssertFalse(buffer.text.contains("预计"), buffer.text)
    }
}

/// The same defect on the real desk: a dialog opened and closed after a ticket leaves no old line.
final class TicketDeskScreenTests: XCTestCase {
    func testTheMessageLineDoesNotKeepTheLastTicketAfterALaterAction() throws {
        let f = try AppFixture()
        let guide = try f.store.signIn(clerkNumber: "2001", pin: "2222", window: nil, terminal: "desk")
        let desk = TicketDeskScreen(store: f.store, clerk: guide, terminal: "desk", calendar: f.calendar, printDesk: f.printDesk)
        let (r, _) = f.runner(desk, width: 80, height: 24)
        r.feed(.character("1"))
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("已取号 A001"))
        r.feed(.function(3)); r.feed(.escape)                  // 预约签到, then cancelled
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("已取号 A001"), "the line still spoke of the last ticket")
        XCTAssertNil(desk.message)
    }
}
