import Foundation
import HallCore
import HallStore
import XCTest

/// Issue 12 through the real binary: the estimated wait on `yichuang ticket` (must-deliver 8) and
/// setting a window's choice among its services (must-deliver 4), which had no way in but code.
final class QueueRuleCLITests: XCTestCase {
    func object(_ out: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], out)
    }

    func testTicketSaysTheEstimatedWaitOnceTheDayHasAServiceTime() throws {
        let hall = try MultiProcessHall(windows: 1)
        let first = try object(try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A", "--json"]))
        XCTAssertEqual(first["peopleAhead"] as? Int, 0)
        XCTAssertNil(first["estimatedWaitSeconds"], "no service time yet today: no estimate, none made up")
        let text = try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A"])
        XCTAssertFalse(text.contains("预计"), text)
        try hall.runner.run(["call", "--store", hall.storePath, "--window", "1"], env: MultiProcessHall.clerk(1))
        try hall.runner.run(["finish", "--store", hall.storePath, "--window", "1"], env: MultiProcessHall.clerk(1))

        let json = try object(try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A", "--json"]))
        XCTAssertEqual(json["peopleAhead"] as? Int, 1)
        XCTAssertNotNil(json["estimatedWaitSeconds"] as? Int, "\(json)")
        let said = try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A"])
        XCTAssertTrue(said.contains("前面还有 2 人，预计"), said)
    }

    func testWindowChoiceIsShownAndSetByTheAdminOnly() throws {
        let hall = try MultiProcessHall(windows: 2)
        func run(_ args: [String], _ env: [String: String] = [:]) throws -> String {
            try hall.runner.run(["window-choice", "--store", hall.storePath] + args, env: env)
        }
        XCTAssertEqual(try run(["--window", "2"]), "2 号窗口叫号方式：按业务顺序\n")
        XCTAssertEqual(try run(["--window", "2", "longest"], MultiProcessHall.admin), "2 号窗口叫号方式：等候最久优先\n")
        let weighted = try object(try run(["--window", "2", "weights:A=3", "--json"], MultiProcessHall.admin))
        XCTAssertEqual(weighted["choice"] as? String, "weighted")
        XCTAssertEqual((weighted["weights"] as? [String: Any])?["A"] as? Double, 3)
        let store = try hall.openStore()
        let a = try XCTUnwrap(try store.services().first { $0.code == "A" })
        XCTAssertEqual(try store.windows().first { $0.number == 2 }?.choice, .weighted([a.id: 3]), "stored by service id")
        XCTAssertEqual(try run(["--window", "2", "order"], MultiProcessHall.admin), "2 号窗口叫号方式：按业务顺序\n")

        // Refusals name the fault in Chinese; nothing changes.
        for (args, env, expected) in [
            (["--window", "2", "fastest"], MultiProcessHall.admin, "叫号方式“fastest”无法识别"),
            (["--window", "2", "weights:A=0"], MultiProcessHall.admin, "权重应为正数"),
            (["--window", "9", "longest"], MultiProcessHall.admin, "没有 9 号窗口"),
            (["--window", "2", "longest"], MultiProcessHall.clerk(1), "错误："),
        ] {
            let child = try hall.runner.spawn(["window-choice", "--store", hall.storePath] + args, env: env)
            hall.runner.wait(child)
            XCTAssertNotEqual(child.process.terminationStatus, 0, "\(args)")
            XCTAssertTrue(child.stderr().contains(expected), "\(args): \(child.stderr())")
        }
        XCTAssertEqual(try hall.openStore().windows().first { $0.number == 2 }?.choice, .serviceOrder, "refused: unchanged")
    }
}
