import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest

/// `yichuang call --finish`: 办结并叫号 on the real binary, one transaction.
final class FinishAndCallCLITests: XCTestCase {
    func testCallFinishFinishesTheCurrentAndCallsTheNext() throws {
        let hall = try MultiProcessHall(windows: 1)
        _ = try hall.issueTickets(2)
        func run(_ args: [String]) throws -> String {
            try hall.runner.run(args + ["--store", hall.storePath], env: MultiProcessHall.clerk(1))
        }
        _ = try run(["call", "--window", "1"])
        let out = try run(["call", "--window", "1", "--finish", "--json"])
        let j = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], out)
        XCTAssertEqual(j["finished"] as? String, "A001")
        XCTAssertEqual((j["ticket"] as? [String: Any])?["number"] as? String, "A002")
        XCTAssertEqual(j["clerk"] as? String, "1001")
        XCTAssertEqual(try run(["call", "--window", "1", "--finish"]), "A002 已办结；1 号窗口所办业务暂无等候\n")

        let store = try hall.openStore()
        let kinds = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT kind || ' ' || ticket_number FROM queue_event WHERE ticket_number IS NOT NULL AND kind != 'issued' ORDER BY seq")
        }
        XCTAssertEqual(kinds, ["called A001", "finished A001", "called A002", "finished A002"])

        let refused = try hall.runner.spawn(["call", "--window", "1", "--finish", "--number", "A001", "--store", hall.storePath],
                                            env: MultiProcessHall.clerk(1))
        hall.runner.wait(refused)
        XCTAssertNotEqual(refused.process.terminationStatus, 0)
        XCTAssertTrue(refused.stderr().contains("--finish 只用于叫下一位"), refused.stderr())
    }
}
