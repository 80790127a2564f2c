import HallCore
import XCTest

/// The open-another-window alert names a staffed window that may take the overloaded service.
final class WindowSwitchTests: XCTestCase {
    func w(_ n: Int, _ services: [String]) -> Window { Window(id: "w\(n)", number: n, name: "\(n)号窗口", serviceIds: services) }

    func testTheIdleOrLeastBusyWindowThatServesTheLineIsNamed() {
        let waiting = ["A": 3, "B": 0, "E": 32]
        let windows: [WindowSwitch.Candidate] = [
            .init(window: w(1, ["E", "A"]), status: .serving),   // already calls E first
            .init(window: w(2, ["A", "E"]), status: .serving),   // 3 waiting in A ahead of E
            .init(window: w(3, ["B", "E"]), status: .serving),   // nobody in B: the cheapest switch
            .init(window: w(4, ["A"]), status: .idle),           // may not serve E at all
            .init(window: w(5, ["B", "E"]), status: .signedOut), // nobody there
            .init(window: w(6, ["B", "A", "E"]), status: .paused),
        ]
        XCTAssertEqual(WindowSwitch.suggest(for: "E", among: windows, waiting: waiting)?.number, 3)

        var idle = windows
        idle[1].status = .idle                                     // an idle window beats a busy one
        XCTAssertEqual(WindowSwitch.suggest(for: "E", among: idle, waiting: waiting)?.number, 2)
    }

    func testNoWindowQualifiesWhenEveryOneAlreadyCallsItFirstOrMayNot() {
        let windows: [WindowSwitch.Candidate] = [.init(window: w(1, ["E"]), status: .serving), .init(window: w(2, ["A"]), status: .idle)]
        XCTAssertNil(WindowSwitch.suggest(for: "E", among: windows, waiting: ["E": 40]))
    }

    func testTheAlertLineNamesTheWindow() {
        let service = Service(id: "E", code: "E", prefix: "E", name: "综合咨询", targetWaitMinutes: 10, maxQueue: 200, warnQueue: 15, sortOrder: 0)
        let alert = QueueAlerts.evaluate(service: service, waiting: 32, longestWaitSeconds: 60, openWindows: 1, switchWindow: 2)
        XCTAssertEqual(alert?.message, "【综合咨询】等候32人≥预警15人：建议增开窗口（在岗1个），或让2号窗口先叫本业务")
        XCTAssertEqual(QueueAlerts.evaluate(service: service, waiting: 32, longestWaitSeconds: 60, openWindows: 1)?.message,
                       "【综合咨询】等候32人≥预警15人：建议增开窗口（在岗1个）")
    }
}
