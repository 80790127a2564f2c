import Foundation
import HallCore
import XCTest
@testable import HallStore

/// Must-deliver 6 (part): a voice that does not play is shown on the dashboard as well as the board.
final class VoiceStatusTests: XCTestCase {
    func testABoardsVoiceFailureReachesTheDashboardUntilItPlaysAgain() throws {
        let h = try TestHall()
        XCTAssertEqual(try h.store.dashboard().voiceProblems, [])
        try h.store.recordVoiceHealth(terminal: "board-1", problem: "未找到语音播报命令（退出码 127），已改响铃声")
        h.clock.advance(seconds: 60)
        try h.store.recordVoiceHealth(terminal: "board-1", problem: "未找到语音播报命令（退出码 127），已改响铃声")
        try h.store.recordVoiceHealth(terminal: "board-2", problem: nil)
        let problems = try h.store.dashboard().voiceProblems
        XCTAssertEqual(problems, [VoiceProblem(terminal: "board-1", problem: "未找到语音播报命令（退出码 127），已改响铃声", since: TestHall.start)],
                       "one row per board, since the first failure")
        try h.store.recordVoiceHealth(terminal: "board-1", problem: nil)
        XCTAssertEqual(try h.store.dashboard().voiceProblems, [])
    }
}
