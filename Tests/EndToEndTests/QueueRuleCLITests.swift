import Foundation
import HallCore
import HallStore
import XCTest

/// Issue 12 through the real binary: the estimated wait on `yichuang ticket` (must-deliver 8).
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
}
