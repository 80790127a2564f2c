import Foundation
import XCTest
@testable import HallApp

/// Issue 17: the board's voice command runs through swift-subprocess with a time limit; a command
/// that hangs (and a child it left holding the output) is ended, the bell rings and the board
/// says so in Chinese, instead of the queue of announcements stopping for good.
final class VoiceTimeoutTests: XCTestCase {
    func testAHangingVoiceCommandIsEndedWithItsChildAndReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("voice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pidFile = dir.appendingPathComponent("child.pid"), log = dir.appendingPathComponent("voice.log")
        final class Bells: @unchecked Sendable { var count = 0; let lock = NSLock() }
        let bells = Bells()
        // The first announcement hangs (a child that ignores nothing and sleeps); the second plays.
        let command = "case {text} in *A001*) sleep 300 & echo $! > \(pidFile.path); wait;; *) echo {text} >> \(log.path);; esac"
        let a = Announcer(command: command, repeats: 1, maxAge: 600, bell: { bells.lock.withLock { bells.count += 1 } }, commandTimeout: 1)
        a.announce("请 A001 号")
        a.announce("请 A002 号")
        a.drain(timeout: 60)   // a hang guard; the old announcer waited on the hung command for good
        XCTAssertEqual(a.pending, 0, "the queue stopped behind the hung command")
        XCTAssertEqual(try String(contentsOf: log, encoding: .utf8), "请 A002 号\n")
        XCTAssertEqual(bells.lock.withLock { bells.count }, 1, "the bell rang for the announcement that did not play")
        // The sleeping child went with it (a zombie counts as gone).
        let pid = Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        XCTAssertTrue(stat.isEmpty || stat.contains(") Z "), "the voice command's child is still running: \(stat)")
    }

    func testTheTimeoutIsReportedInChinese() {
        final class Seen: @unchecked Sendable { var health: [VoiceHealth] = []; let lock = NSLock() }
        let seen = Seen()
        let a = Announcer(command: "sleep 300", repeats: 1, bell: {}, onHealthChange: { h in seen.lock.withLock { seen.health.append(h) } },
                          commandTimeout: 1)
        a.announce("请 A001 号")
        a.drain(timeout: 60)
        XCTAssertEqual(a.pending, 0)
        XCTAssertTrue(a.health.problem?.contains("秒未结束，已终止并改响铃声") ?? false, "\(a.health)")
    }
}
