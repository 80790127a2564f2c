import CentralServer
import Foundation
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// A township station offline for a month, then syncing through a link that breaks at random.
final class BacklogTests: XCTestCase {
    func testThirtyDayBacklogThroughAFaultyLinkArrivesExactlyOnce() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(5)   // some real business writes at the head of the backlog
            let before = try f.pendingOutbox().count
            let written = try Backlog.write(f.store, days: 30, perDay: 100)
            let local = try f.pendingOutbox()
            XCTAssertEqual(local.count, before + written)
            let port = Int(f.baseURL.split(separator: ":").last!)!
            // Every connection breaks somewhere until 40 faults have happened, then the link heals,
            // so the run is bounded. Points: before the request, somewhere inside it (a push body is
            // ~150 KB), or after the centre answered (a push answer is ~16 KB).
            let budget = FaultBudget(faults: 40)
            let proxy = try FaultProxy(upstreamPort: port) { _ in
                guard budget.take() else { return .none }
                switch Int.random(in: 0..<10) {
                case 0, 1: return .cutRequest(afterBytes: 0)
                case 2, 3, 4: return .cutRequest(afterBytes: Int.random(in: 1...400_000))
                case 5, 6: return .cutReply(afterBytes: 0)
                default: return .cutReply(afterBytes: Int.random(in: 1...40_000))
                }
            }
            defer { proxy.stop() }
            let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(proxy.port)", timeout: .seconds(20))
            let client = f.client(transport: transport, batchSize: 200)
            var failures = 0, rounds = 0
            while try f.store.syncStatus().pending > 0 {
                rounds += 1
                guard rounds < 300 else { return XCTFail("did not drain after \(rounds) rounds") }
                do { _ = try await client.pushAll() } catch let e as SyncClientError {
                    XCTAssertTrue(e.isRetryable, "\(e)")
                    failures += 1
                }
            }
            print("backlog of \(local.count) ops drained in \(rounds) rounds, \(failures) failed; faults: \(proxy.faults)")
            XCTAssertGreaterThan(failures, 0, "the link did break")
            XCTAssertGreaterThan(proxy.faults.count, 0)
            try f.assertCentralEqualsLocal()
            // Exactly: same op at the same seq, byte for byte.
            let pg = try TestPostgres.shared.get()
            let rows = try pg.psql(f.database, "SELECT seq || ' ' || id || ' ' || sha256 FROM operation ORDER BY seq")
            XCTAssertEqual(rows, local.map { "\($0.seq) \($0.opId) \($0.sha256)" }.joined(separator: "\n"))
        }
    }
}

/// A fixed number of faults shared by all connections.
final class FaultBudget: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(faults: Int) { left = faults }
    func take() -> Bool { lock.withLock { guard left > 0 else { return false }; left -= 1; return true } }
}

/// Writes an outbox backlog straight into the store, as a station offline for `days` would have
/// accumulated it: queue events with wall times and HLC spread over the days. Direct inserts
/// (one transaction) rather than thousands of business writes keep the test fast; the sync path
/// reads only the outbox.
enum Backlog {
    @discardableResult
    static func write(_ store: HallStore, days: Int, perDay: Int, start: Date = Date().addingTimeInterval(-30 * 86_400)) throws -> Int {
        // IMMEDIATE: other processes write the same outbox (the seq is read, then used).
        try store.pool.writeWithoutTransaction { db in try db.inTransaction(.immediate) { try insert(db, days: days, perDay: perDay, start: start); return .commit } }
        return days * perDay
    }

    private static func insert(_ db: Database, days: Int, perDay: Int, start: Date) throws {
            let node = try Row.fetchOne(db, sql: "SELECT hall_id, device_id, hlc_last FROM node WHERE id = 1")!
            let hallId: String = node["hall_id"], deviceId: String = node["device_id"]
            var last = (node["hlc_last"] as String?).flatMap(HLCTimestamp.init)
            var seq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0
            var n = 0
            for day in 0..<days {
                for i in 0..<perDay {
                    let wall = start.addingTimeInterval(Double(day) * 86_400 + 9 * 3_600 + Double(i) * 60)
                    let hlc = HLCTimestamp.next(after: last, wallTime: wall)
                    last = hlc
                    seq += 1
                    let id = UUID().uuidString.lowercased()
                    let payload = #"{"event":{"id":"\#(id)","kind":"issued","at":\#(wall.timeIntervalSince1970),"detail":"第\#(day + 1)天第\#(i + 1)号","ticketNumber":"A\#(String(format: "%03d", i + 1))"},"ticket":{"id":"\#(UUID().uuidString.lowercased())","serviceId":"A","note":"\#(String(repeating: "离线积压数据", count: 40))"}}"#
                    try db.execute(sql: """
                        INSERT INTO outbox (seq, op_id, hall_id, device_id, hlc, wall_time, schema_version, kind, entity_id, payload, sha256)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [seq, UUID().uuidString.lowercased(), hallId, deviceId, hlc.description,
                                         wall.timeIntervalSince1970, 1, OperationKind.queueEvent.rawValue, nil, payload,
                                         CentralTestCrypto.sha256Hex(payload)])
                    n += 1
                }
            }
            try db.execute(sql: "UPDATE node SET hlc_last = ? WHERE id = 1", arguments: [last?.description])
            _ = n
    }
}
