import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol
import XCTest

/// Issue 15, defect 1: a station token files data under its own hall only. Hall 1's token used by
/// hall 2's node (a copied token, a cloned disk) must store nothing and say why on the node.
final class HallBoundaryTests: XCTestCase {
    func testForeignHallsNodeWithThisHallsTokenStoresNothing() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(3)
            _ = try await f.client().pushAll()
            let before = try f.count("SELECT COUNT(*) FROM operation")
            let hall2 = try SecondHall()
            defer { hall2.remove() }
            try hall2.issueTickets(4)
            _ = try await f.central.registry.register(hallId: try hall2.store.syncIdentity().hallId, name: "第二大厅")
            let pending = try hall2.store.syncStatus().pending
            do {
                _ = try await SyncClient(store: hall2.store, transport: f.transport, token: f.token).pushAll()
                XCTFail("hall 1's token must not carry hall 2's operations")
            } catch let e as SyncClientError {
                guard case .wrongHall = e else { return XCTFail("\(e)") }
                XCTAssertTrue(e.errorDescription!.contains("未存入任何数据"), e.errorDescription!)
                XCTAssertTrue(e.errorDescription!.contains("令牌却属于大厅"), e.errorDescription!)
                XCTAssertFalse(e.isRetryable)
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), before, "the centre's counts are unchanged")
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor"), 1, "hall 2's device is not bound to hall 1")
            XCTAssertEqual(try hall2.store.syncStatus().pending, pending, "nothing is marked sent")
        }
    }

    /// Without the node's own word (a hand-made request, or a client older than the check) a
    /// device already filed under hall 2 still cannot be pushed under hall 1's token.
    func testDeviceIsBoundToTheHallOfItsFirstContact() async throws {
        try await CentralFixture.run { f in
            let hall2 = try SecondHall()
            defer { hall2.remove() }
            try hall2.issueTickets(2)
            let hall2Id = try hall2.store.syncIdentity().hallId
            let token2 = try await f.central.registry.register(hallId: hall2Id, name: "第二大厅").token
            _ = try await SyncClient(store: hall2.store, transport: f.transport, token: token2).pushAll()
            let stored = try f.count("SELECT COUNT(*) FROM operation")
            try hall2.issueTickets(1)
            let ops = try hall2.store.outbox(after: 0, limit: 1000).map(SyncClient.wireForTests)
            let device = ops[0].deviceId
            let hall1Id = try f.store.syncIdentity().hallId
            for claimed in [nil, hall1Id] {
                let hs = HandshakeRequest(deviceId: device, schemaVersion: 1, clientTime: Date().timeIntervalSince1970, hallId: claimed)
                let (hsStatus, hsBody) = try await f.post(SyncPaths.handshake, hs)
                XCTAssertEqual(hsStatus, 403)
                XCTAssertEqual(try JSONDecoder().decode(SyncErrorBody.self, from: hsBody).code, .wrongHall)
                let (status, body) = try await f.post(SyncPaths.push, PushRequest(deviceId: device, operations: ops, hallId: claimed))
                XCTAssertEqual(status, 403)
                let error = try JSONDecoder().decode(SyncErrorBody.self, from: body)
                XCTAssertEqual(error.code, .wrongHall)
                XCTAssertTrue(error.message.contains("已登记在另一个大厅名下"), error.message)
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), stored)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation WHERE hall_id = '\(hall1Id)'"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor WHERE hall_id = '\(hall1Id)'"), 0)
            // Hall 2's own token still works and picks up the new ticket.
            let s = try await SyncClient(store: hall2.store, transport: f.transport, token: token2).pushAll()
            XCTAssertGreaterThan(s.counts[.applied, default: 0], 0)
        }
    }

    /// Issue 15, old nodes: a node older than the hall check sends no hall id. Trusting the token
    /// for a device the centre never saw filed hall 2's first sync under hall 1 for good (the old
    /// code answered 200 and stored it). Now: 426 upgrade_required, in Chinese, nothing stored,
    /// nothing bound; the hall-2 node that upgrades then syncs under its own token.
    func testNodeWithoutHallIdAndUnknownDeviceMustUpgradeFirst() async throws {
        try await CentralFixture.run { f in
            let hall2 = try SecondHall()
            defer { hall2.remove() }
            try hall2.issueTickets(2)
            let ops = try hall2.store.outbox(after: 0, limit: 1000).map(SyncClient.wireForTests)
            let device = ops[0].deviceId
            let hs = HandshakeRequest(deviceId: device, schemaVersion: 1, clientTime: Date().timeIntervalSince1970)
            for (path, body) in [(SyncPaths.handshake, try JSONEncoder().encode(hs)),
                                 (SyncPaths.push, try JSONEncoder().encode(PushRequest(deviceId: device, operations: ops)))] {
                let (status, data) = try await f.transport.send(method: "POST", path: path, query: nil, body: body, token: f.token)
                XCTAssertEqual(status, 426, path)
                let error = try JSONDecoder().decode(SyncErrorBody.self, from: data)
                XCTAssertEqual(error.code, .upgradeRequired, path)
                XCTAssertTrue(error.message.contains("未存入任何数据"), error.message)
                XCTAssertTrue(error.message.contains("升级"), error.message)
            }
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM quarantine"), 0)
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM device_cursor"), 0, "the device is bound to no hall")
            // The upgrade path: the same node, now sending its hall id, with its own hall's token.
            let token2 = try await f.central.registry.register(hallId: try hall2.store.syncIdentity().hallId, name: "第二大厅").token
            let s = try await SyncClient(store: hall2.store, transport: f.transport, token: token2).pushAll()
            XCTAssertEqual(s.counts[.applied, default: 0], ops.count)
            XCTAssertEqual(try hall2.store.syncStatus().pending, 0)
        }
    }

    /// The other half of the decision: a device the centre already files under the token's hall
    /// (it synced before the check) keeps syncing without a hall id, so stations can be upgraded
    /// one by one over weeks.
    func testNodeWithoutHallIdKeepsSyncingADeviceAlreadyFiledUnderItsHall() async throws {
        try await CentralFixture.run { f in
            try f.issueTickets(2)
            _ = try await f.client().pushAll()
            let stored = try f.count("SELECT COUNT(*) FROM operation")
            try f.issueTickets(1)
            let fresh = try f.store.outbox(after: 0, limit: 1000).map(SyncClient.wireForTests).filter { $0.seq > Int64(stored) }
            XCTAssertFalse(fresh.isEmpty)
            let device = fresh[0].deviceId
            let hs = try await f.post(SyncPaths.handshake, HandshakeRequest(deviceId: device, schemaVersion: 1, clientTime: Date().timeIntervalSince1970))
            XCTAssertEqual(hs.0, 200)
            let (status, data) = try await f.post(SyncPaths.push, PushRequest(deviceId: device, operations: fresh))
            XCTAssertEqual(status, 200, String(decoding: data, as: UTF8.self))
            XCTAssertEqual(try f.count("SELECT COUNT(*) FROM operation"), stored + fresh.count)
        }
    }
}

/// A second hall's store beside the fixture's, with its own hall id and device id.
struct SecondHall {
    let dir: URL
    let store: HallStore

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-hall2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path)
        try store.setUp(CentralFixture.setup, by: .system("test"), pinRounds: 1000)
    }

    func issueTickets(_ n: Int) throws {
        for _ in 0..<n { _ = try store.issueTicket(service: "A", by: .system("desk")) }
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

extension SyncClient {
    static func wireForTests(_ e: OutboxEntry) -> WireOperation { PushTests.wire(e) }
}
