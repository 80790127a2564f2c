import Foundation
import HallCore
@testable import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The rectification list as a model: key sequences in, state and commands out, no SQLite.
final class RectificationListModelTests: XCTestCase {
    let boss = Clerk(id: "b", number: "8001", name: "王强", role: .supervisor)
    typealias Effects = [ModelEffect<RectificationList.Command, RectificationList.Destination>]

    func task(_ id: String, anonymous: Bool = false) -> RectificationTask {
        RectificationTask(id: id, ratingId: "r-\(id)", windowNumber: 1, clerkNumber: "1001", level: .dissatisfied, reasons: ["办事效率"],
                          text: nil, rater: anonymous ? nil : RaterIdentity(name: "李四", phone: "13900000000"), anonymous: anonymous,
                          dueDate: "2026-03-23", state: Rectification(anonymous: anonymous), openedAt: Date(timeIntervalSince1970: 0),
                          overdue: false, history: [])
    }

    func listed(_ tasks: [RectificationTask]) -> RectificationList.State {
        var s = RectificationList.State(clerk: boss, calendar: HallCalendar())
        XCTAssertEqual(RectificationList.update(&s, .started).first.flatMap(command), .load(includeClosed: false))
        _ = RectificationList.update(&s, .done(.loaded(tasks)))
        return s
    }

    func command(_ e: ModelEffect<RectificationList.Command, RectificationList.Destination>) -> RectificationList.Command? {
        if case .run(let c) = e { return c }
        return nil
    }

    func keys(_ s: inout RectificationList.State, _ keys: [Key]) -> [RectificationList.Command] {
        keys.flatMap { RectificationList.update(&s, .key($0)) }.compactMap(command)
    }
    func text(_ t: String) -> [Key] { t.map { .character($0) } }

    func testEachStepIsDialogsThenOneCommandForTheSelectedTask() {
        var s = listed([task("t1"), task("t2")])
        XCTAssertEqual(keys(&s, [.down, .function(2), .character("1")] + text("已致歉") + [.enter]),
                       [.rectify(taskId: "t2", .callback(reached: true, note: "已致歉"), includeClosed: false)])
        XCTAssertEqual(keys(&s, [.function(3), .character("2")] + text("2026-03-10 组织培训") + [.enter]),
                       [.rectify(taskId: "t2", .resolve(.fixBy(date: "2026-03-10", note: "组织培训")), includeClosed: false)])
        XCTAssertEqual(keys(&s, [.function(6), .character("2")]),
                       [.rectify(taskId: "t2", .raterVerdict(.satisfied), includeClosed: false)])
        XCTAssertEqual(keys(&s, [.function(8), .escape]), [], "Esc closes the dialog, nothing is sent")
        XCTAssertNil(s.choice)
        _ = RectificationList.update(&s, .done(.rectified(.raterVerdict(.satisfied), [task("t1")])))
        XCTAssertEqual(s.message, .info("已登记：评价人对整改的评价：满意"))
        XCTAssertEqual(s.selected, 0, "the selection stays on the list when it shrinks")
    }

    func testNoTaskRefusesStepsAndAShowsClosedTasksToo() {
        var s = listed([])
        XCTAssertEqual(keys(&s, [.function(2)]), [])
        XCTAssertEqual(s.message, .error("没有选中的整改任务"))
        XCTAssertEqual(keys(&s, [.character("a")]), [.load(includeClosed: true)])
        XCTAssertTrue(RectificationList.keyBar(s).contains(KeyBarItem("A", "仅未结")))
        // A change while that load runs asks for one more after it, not a second load at once.
        XCTAssertEqual(RectificationList.update(&s, .storeChanged).compactMap(command), [])
        XCTAssertEqual(RectificationList.update(&s, .done(.loaded([]))).compactMap(command), [.load(includeClosed: true)])
    }

    func testEscGoesBackAndTheBarMatchesTheHelp() {
        var s = listed([task("t1")])
        guard case .close(nil)? = RectificationList.update(&s, .key(.escape)).first else { return XCTFail("Esc goes back") }
        let help = RectificationList.help(s).joined(separator: "\n")
        for item in RectificationList.keyBar(s) where item.key != "F1" {
            XCTAssertTrue(help.contains("\(item.key) \(item.label)："), "\(item.key) \(item.label)")
        }
    }
}
