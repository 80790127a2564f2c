import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 12: a board whose voice does not play showed it on the board only; the supervisor's
/// dashboard now warns too, and the warning goes when the voice plays again.
final class DashboardVoiceTests: XCTestCase {
    func testTheDashboardWarnsWhileABoardsVoiceDoesNotPlay() throws {
        let f = try AppFixture()
        let sup = try f.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "sup")
        let dash = DashboardScreen(store: f.store, clerk: sup, calendar: f.calendar, reportFolder: FileManager.default.temporaryDirectory,
                                   printDesk: f.printDesk)
        let (r, _) = f.runner(dash, width: 80, height: 24)
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("语音未播放"))
        try f.store.recordVoiceHealth(terminal: "board-1", problem: "没有可用的声音设备（aplay 退出码 1），已改响铃声")
        r.storeChanged()
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("叫号屏 board-1 语音未播放：没有可用的声音设备"), f.frame(r, width: 80, height: 24))
        try f.store.recordVoiceHealth(terminal: "board-1", problem: nil)
        r.storeChanged()
        XCTAssertFalse(f.frame(r, width: 80, height: 24).contains("语音未播放"))
    }
}
