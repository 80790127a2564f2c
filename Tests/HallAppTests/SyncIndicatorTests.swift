import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// The sync state on every screen's status line, read from the real store as sync writes it.
final class SyncIndicatorTests: XCTestCase {
    func indicator(_ f: AppFixture) throws -> SyncIndicator {
        SyncIndicator.of(try f.store.syncStatus(), now: f.clock.now(), calendar: f.calendar)
    }

    func testStatesFollowTheStoreFromNeverToOnlineToOffline() throws {
        let f = try AppFixture()
        let before = try f.store.syncStatus().pending
        try f.issue("A", 2)
        let pending = try f.store.syncStatus().pending
        XCTAssertGreaterThan(pending, before, "each ticket adds outbox operations")
        XCTAssertEqual(try indicator(f), SyncIndicator(text: "未联网 · 待上传\(pending)", isWarning: false))

        try f.store.recordSyncFailure("中心不可达", at: f.clock.now())
        XCTAssertEqual(try indicator(f), SyncIndicator(text: "○离线 · 待上传\(pending) · 从未同步", isWarning: true))

        let seq = try f.store.outbox(after: 0, limit: 100_000).last!.seq
        try f.store.markAcked(through: seq, at: f.clock.now(), clockOffset: 0)
        XCTAssertEqual(try indicator(f), SyncIndicator(text: "●在线 · 待上传0 · 同步于09:01", isWarning: false))

        try f.issue("B")
        f.clock.advance(seconds: 30)
        try f.store.recordSyncFailure("连接被拒绝", at: f.clock.now())
        let offline = try indicator(f)
        XCTAssertTrue(offline.isWarning)
        XCTAssertTrue(offline.text.hasPrefix("○离线 · 待上传"), offline.text)
        XCTAssertTrue(offline.text.hasSuffix("上次同步09:01"), offline.text)

        // No failure recorded, but nothing succeeded for 3 minutes: the sync process is down.
        try f.store.markAcked(through: try f.store.outbox(after: 0, limit: 100_000).last!.seq, at: f.clock.now(), clockOffset: 0)
        f.clock.advance(seconds: 180)
        XCTAssertEqual(try indicator(f).text, "○离线 · 待上传0 · 上次同步09:02")
        f.clock.advance(seconds: 86_400)
        XCTAssertEqual(try indicator(f).text, "○离线 · 待上传0 · 上次同步03-02 09:02")
    }

    func testEveryScreenShowsItAndALongMessageWins() throws {
        let f = try AppFixture()
        try f.issue("A", 3)
        try f.store.recordSyncFailure("中心不可达", at: f.clock.now())
        let screen = try f.console(window: 2, clerk: "1002")
        let (r, _) = f.runner(screen, width: 80, height: 24)
        r.syncStatus = { try f.store.syncStatus() }
        r.refreshSyncIndicator(force: true)
        assertGolden(f.frame(r, width: 80, height: 24), "sync-indicator-console-80x24")
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("○离线 · 待上传"))

        let guide = try f.store.signIn(clerkNumber: "2001", pin: "2222", window: nil, terminal: "desk")
        let desk = TicketDeskScreen(store: f.store, clerk: guide, terminal: "desk", calendar: f.calendar, printDesk: f.printDesk)
        let (d, _) = f.runner(desk, width: 120, height: 40)
        d.syncStatus = { try f.store.syncStatus() }
        d.refreshSyncIndicator(force: true)
        XCTAssertTrue(f.frame(d, width: 120, height: 40).contains("○离线 · 待上传"))
    }
}
