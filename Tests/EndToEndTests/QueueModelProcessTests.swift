import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) import HallStore
import XCTest

/// Issue 12, must-deliver 2, second run: a seeded random sequence of window actions, each one a
/// separate `yichuang` process (desk and five windows), checked after every step against the pure
/// `QueueMachine` (the in-process run is HallStoreTests.QueueModelTests). The store's clock is the
/// real one, so the deferral's fallback time is set long (120 min) and only its count is compared.
final class QueueModelProcessTests: XCTestCase {
    struct Rng: RandomNumberGenerator {   // SplitMix64, as in QueueModelTests
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomActionsThroughRealProcessesAgreeWithTheModel() throws {
        let seed = ProcessInfo.processInfo.environment["YICHUANG_MODEL_SEED"].flatMap(UInt64.init) ?? 7
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-model-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let storePath = dir.appendingPathComponent("hall.sqlite").path
        let runner = try ProcessRunner(dir: dir)
        let setup: [String: Any] = [
            "name": "模型大厅", "kind": "hall", "timeZone": "Asia/Shanghai", "openingHour": 9, "pinRounds": 1000,
            "services": ["A", "B", "C"].map { ["code": $0, "prefix": $0, "name": "业务\($0)", "targetWaitMinutes": 20, "maxQueue": 100, "warnQueue": 10] },
            "windows": [["number": 1, "name": "1号窗口", "services": ["A", "B"]], ["number": 2, "name": "2号窗口", "services": ["B", "A"]],
                        ["number": 3, "name": "3号窗口", "services": ["C"]], ["number": 4, "name": "4号窗口", "services": ["A", "C"]],
                        ["number": 5, "name": "5号窗口", "services": ["B"]]],
            "clerks": (1...5).map { ["number": "100\($0)", "name": "工作人员\($0)", "role": "clerk", "pin": "1234"] }
                + [["number": "9001", "name": "系统管理员", "role": "admin", "pin": "9999"]],
        ]
        let setupFile = dir.appendingPathComponent("hall.json")
        try JSONSerialization.data(withJSONObject: setup).write(to: setupFile)
        try runner.run(["init", "--store", storePath, "--setup", setupFile.path])
        for (k, v) in [("keep_overnight", "true"), ("no_show", "after:2"), ("no_show_wait", "120"), ("recall_limit", "1")] {
            try runner.run(["config", "--store", storePath, k, v], env: ["YICHUANG_STAFF": "9001", "YICHUANG_PIN": "9999"])
        }
        for w in 1...5 {
            try runner.run(["signin", "--store", storePath, "--window", "\(w)", "--clerk", "100\(w)"], env: ["YICHUANG_PIN": "1234"])
        }
        let store = try HallStore(path: storePath)
        var model = QueueMachine(services: try store.services(), windows: try store.windows(), policy: try store.hall().policy)
        for w in 1...5 { model.signIn(window: w) }

        var rng = Rng(state: seed)
        var done = 0, calls = 0
        for step in 0..<160 {
            let w = Int.random(in: 1...5, using: &rng)
            let service = ["A", "B", "C"].randomElement(using: &rng)!
            let (action, args): (QueueMachine.Action, [String])
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<22:
                let green = Int.random(in: 0..<5, using: &rng) == 0
                (action, args) = (.issue(service: service, priority: green ? .greenChannel : .normal), ["ticket", "--service", service] + (green ? ["--green"] : []))
            case 22..<50: (action, args) = (.call(window: w), ["call", "--window", "\(w)"])
            case 50..<68: (action, args) = (.finish(window: w), ["finish", "--window", "\(w)"])
            case 68..<74: (action, args) = (.recall(window: w), ["recall", "--window", "\(w)"])
            case 74..<81: (action, args) = (.noShow(window: w), ["noshow", "--window", "\(w)"])
            case 81..<84: (action, args) = (.hold(window: w), ["hold", "--window", "\(w)"])
            case 84..<87: (action, args) = (.callBack(window: w), ["callback", "--window", "\(w)"])
            case 87..<92:
                let to = Int.random(in: 1...5, using: &rng)
                (action, args) = (.transfer(window: w, to: .window(to), position: .front), ["transfer", "--window", "\(w)", "--to-window", "\(to)", "--front"])
            case 92..<94: (action, args) = (.pause(window: w), ["pause", "--window", "\(w)"])
            case 94..<97: (action, args) = (.resume(window: w), ["resume", "--window", "\(w)"])
            default: (action, args) = (.walkUp(service: service, window: w), ["walkup", "--window", "\(w)", "--service", service])
            }
            let context = "seed \(seed), step \(step): \(args.joined(separator: " "))"
            let expected = Result { try model.apply(action, now: Date()) }
            // Window actions act as the clerk signed in at the window, with their own PIN (issue 13).
            let child = try runner.spawn(args + ["--store", storePath, "--json"], env: ["YICHUANG_STAFF": "100\(w)", "YICHUANG_PIN": "1234"])
            XCTAssertTrue(runner.wait(child, limit: 60), context)
            let ok = child.process.terminationStatus == 0
            switch expected {
            case .success(let t):
                XCTAssertTrue(ok, "the model did it, the process refused: \(child.stderr()) — \(context)")
                done += 1
                if case .call = action { calls += 1 }
                if !t.number.isEmpty, !["pause", "resume"].contains(args[0]) { XCTAssertTrue(child.stdout().contains("\"number\" : \"\(t.number)\""), "expected \(t.number): \(child.stdout()) — \(context)") }
            case .failure(let e):
                XCTAssertFalse(ok, "the process did it, the model refused (\(e)): \(child.stdout()) — \(context)")
            }
            let rows = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM ticket") }
            XCTAssertEqual(rows.count, model.tickets.count, "no ticket lost or invented: \(context)")
            for r in rows {
                let number: String = r["number"]
                guard let m = model.tickets[number] else { XCTFail("\(number) not in the model: \(context)"); continue }
                let got = [r["status"] as String, "\(r["window_number"] as Int? ?? 0)", "\(r["target_window_number"] as Int? ?? 0)", "\(r["defer_calls_left"] as Int? ?? -1)"]
                let want = [m.status.rawValue, "\(m.windowNumber ?? 0)", "\(m.targetWindowNumber ?? 0)", "\(m.deferral?.callsLeft ?? -1)"]
                XCTAssertEqual(got, want, "\(number) [status, window, target, deferral]: \(context)")
            }
            if testRun?.failureCount ?? 0 > 0 { return }
        }
        XCTAssertGreaterThan(done, 40, "the sequence exercised the store")
        XCTAssertGreaterThan(calls, 15)
        // Every window action in the log counts for the clerk signed in there.
        let anonymous = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_event WHERE window_number IS NOT NULL AND clerk_id IS NULL")
        }
        XCTAssertEqual(anonymous, 0)
        try assertStoreHealthy(store)
    }
}
