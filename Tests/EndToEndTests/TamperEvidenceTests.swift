import Foundation
import GRDB
import HallCore
import HallStore
import XCTest

/// Issue 16, defect 2 and must-deliver 3: edits made to a real store with the real `sqlite3` tool,
/// after real activity (tickets issued, called and finished through the binary, ratings given
/// through the store), each found by the real `yichuang doctor` (exit 3), which names the first bad
/// record and what it checked.
final class TamperEvidenceTests: XCTestCase {
    struct Outcome { var status: Int32; var out: String; var err: String }

    @discardableResult
    func sh(_ tool: String, _ args: [String]) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func sqlite(_ path: String, _ sql: String) throws -> Outcome { try sh("/usr/bin/sqlite3", [path, sql]) }

    func doctor(_ hall: MultiProcessHall, _ path: String) throws -> Outcome {
        let c = try hall.runner.spawn(["doctor", "--store", path])
        XCTAssertTrue(hall.runner.wait(c, limit: 120), "doctor hung")
        return Outcome(status: c.process.terminationStatus, out: c.stdout(), err: c.stderr())
    }

    /// Two windows; A001 finished at window 1 (rated 满意), A002 finished at window 2 (rated 不满意,
    /// which opens a rectification task), A003 finished at window 1, A004 waiting. The store is
    /// then checkpointed into one file that each case copies.
    func activeHall() throws -> (MultiProcessHall, day: String) {
        let hall = try MultiProcessHall(windows: 2)
        for _ in 0..<4 { try hall.runner.run(["ticket", "--store", hall.storePath, "--service", "A"]) }
        let store = try hall.openStore()
        for (window, level) in [(1, RatingLevel.satisfied), (2, .dissatisfied), (1, .verySatisfied)] {
            try hall.runner.run(["call", "--store", hall.storePath, "--window", "\(window)"], env: MultiProcessHall.clerk(window))
            try hall.runner.run(["finish", "--store", hall.storePath, "--window", "\(window)"], env: MultiProcessHall.clerk(window))
            let inv = try XCTUnwrap(store.pendingInvitation(window: window))
            try store.rate(window: window, eventId: inv.id, level: level, reasons: level.isBad ? ["办事效率"] : [], by: .system("pad-\(window)"))
        }
        let day = try XCTUnwrap(try sqlite(hall.storePath, "SELECT service_day FROM ticket WHERE number = 'A001'").out
            .trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(try sqlite(hall.storePath, "PRAGMA wal_checkpoint(TRUNCATE)").status, 0)
        return (hall, day)
    }

    /// Replaces a trigger exactly as it was (so the schema check passes) around an edit it refuses:
    /// what someone with the file and `sqlite3` can do, leaving only the data to give them away.
    func behindTrigger(_ base: String, _ trigger: String, _ edit: String) throws -> String {
        let sql = try sqlite(base, "SELECT sql FROM sqlite_master WHERE name = '\(trigger)'").out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(sql.isEmpty, "trigger \(trigger) missing")
        return "DROP TRIGGER \(trigger); \(edit); \(sql);"
    }

    func testEachEditMadeWithSqlite3IsFoundByDoctorAtTheFirstBadRecord() throws {
        let (hall, day) = try activeHall()
        let base = hall.storePath

        let clean = try doctor(hall, base)
        XCTAssertEqual(clean.status, 0, clean.out + clean.err)
        XCTAssertFalse(clean.out.contains("不符"), clean.out)
        for check in ["评价统计", "差评整改任务", "数据库结构", "票号记录", "待同步操作的内容"] {
            XCTAssertTrue(clean.out.contains(check), "doctor does not say it checked \(check):\n\(clean.out)")
        }

        // (what is edited, the SQL, what doctor must print)
        let cases: [(String, String, [String])] = [
            ("the tally turned to 100 % satisfied", "UPDATE rating_tally SET satisfied = n",
             ["评价统计（rating_tally）由评价记录重新计算后对照：不符", "\(day) 按工号「1002」：存的是 1 条、满意 1 条，由评价记录算得 1 条、满意 0 条"]),
            ("an open rectification task closed", "UPDATE rectification_task SET status = 'closed'",
             ["差评整改任务的状态由整改事件重放后对照：不符", "2号窗口）：记为「已办结」，按整改事件应为「待处理」"]),
            ("the rating guard dropped", "DROP TRIGGER rating_no_update",
             ["数据库结构（表、索引、触发器）与本版本迁移应有的结构对照：不符", "缺少触发器 rating_no_update（被删除）"]),
            ("the audit guard dropped", "DROP TRIGGER audit_no_delete", ["缺少触发器 audit_no_delete（被删除）"]),
            ("the queue event guard dropped", "DROP TRIGGER queue_event_no_update", ["缺少触发器 queue_event_no_update（被删除）"]),
            ("the rectification guard dropped", "DROP TRIGGER rectification_task_no_delete", ["缺少触发器 rectification_task_no_delete（被删除）"]),
            ("the ticket guard dropped", "DROP TRIGGER ticket_finished_frozen", ["缺少触发器 ticket_finished_frozen（被删除）"]),
            ("a guard defused", "DROP TRIGGER rating_no_delete; CREATE TRIGGER rating_no_delete BEFORE DELETE ON rating WHEN 0 BEGIN SELECT 1; END",
             ["触发器 rating_no_delete 的定义被改动"]),
            ("a trigger of one's own", "CREATE TRIGGER x AFTER INSERT ON rating BEGIN SELECT 1; END", ["多出触发器 x（不是本版本建立的）"]),
            ("a finished ticket's window changed", try behindTrigger(base, "ticket_finished_frozen", "UPDATE ticket SET window_number = 2 WHERE number = 'A001'"),
             ["票号记录与排队事件、审计日志对照：不符", "票 \(day) A001：记为在 2号窗口 办结，第", "条排队事件是在 1号窗口 办结"]),
            ("a finished ticket re-opened", try behindTrigger(base, "ticket_finished_frozen",
                                                              "UPDATE ticket SET status = 'waiting', finished_at = NULL, window_number = NULL WHERE number = 'A003'"),
             ["票 \(day) A003：第", "条排队事件已办结，票却记为「等候中」（被重新打开）"]),
            ("a ticket deleted", try behindTrigger(base, "ticket_no_delete", "DELETE FROM ticket WHERE number = 'A002'"),
             ["条排队事件（取号 \(day) A002）所指的票在票号表中不存在（被删除）"]),
            ("a ticket finished without an event", "UPDATE ticket SET status = 'finished', window_number = 1 WHERE number = 'A004'",
             ["票 \(day) A004：记为已办结，但没有办结的排队事件"]),
            ("a sync operation's payload edited", "UPDATE outbox SET payload = replace(payload, 'A001', 'A009') WHERE seq = (SELECT MIN(seq) FROM outbox WHERE payload LIKE '%A001%')",
             ["待同步操作的内容与其 SHA-256 校验和对照：不符", "条待同步操作的内容与校验和不符（被改动）"]),
        ]
        for (what, edit, expected) in cases {
            let dir = hall.dir.appendingPathComponent("case-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("hall.sqlite").path
            try FileManager.default.copyItem(atPath: base, toPath: path)
            let edited = try sqlite(path, edit)
            XCTAssertEqual(edited.status, 0, "\(what): sqlite3 refused the edit: \(edited.err)")
            let d = try doctor(hall, path)
            XCTAssertEqual(d.status, 3, "\(what): doctor passed an edited store:\n\(d.out)\(d.err)")
            for line in expected {
                XCTAssertTrue(d.out.contains(line), "\(what): doctor does not say 「\(line)」:\n\(d.out)\(d.err)")
            }
        }
    }

    /// Issue 16, must-deliver 3: a day closed through the real `close-day`, then the audit log's
    /// last entries deleted with `sqlite3` behind its guard trigger. The chain left is intact; the
    /// real `doctor` finds the cut against the head the day summary wrote down.
    func testDoctorFindsATruncatedAuditLogAgainstTheDaySummary() throws {
        let (hall, day) = try activeHall()
        let closed = try hall.runner.spawn(["close-day", "--store", hall.storePath], env: MultiProcessHall.admin)
        XCTAssertTrue(hall.runner.wait(closed, limit: 120))
        XCTAssertEqual(closed.process.terminationStatus, 0, closed.stdout() + closed.stderr())
        XCTAssertTrue(closed.stdout().contains("审计日志末条：第 "), closed.stdout())
        let head = try XCTUnwrap(Int(try sqlite(hall.storePath, "SELECT MAX(seq) FROM audit_entry").out
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let clean = try doctor(hall, hall.storePath)
        XCTAssertEqual(clean.status, 0, clean.out + clean.err)
        XCTAssertTrue(clean.out.contains("审计日志与各日日结汇总表记下的日志末条（序号、哈希）对照：一致（1 条）"), clean.out)
        let cut = try behindTrigger(hall.storePath, "audit_no_delete", "DELETE FROM audit_entry WHERE seq > \(head - 2)")
        XCTAssertEqual(try sqlite(hall.storePath, cut).status, 0)
        let d = try doctor(hall, hall.storePath)
        XCTAssertEqual(d.status, 3, d.out + d.err)
        XCTAssertTrue(d.out.contains("哈希链完整"), "the chain alone does not see the cut:\n\(d.out)")
        XCTAssertTrue(d.out.contains("\(day) 日结时审计日志到第 \(head) 条，现在只到第 \(head - 2) 条：第 \(head - 1) 至 \(head) 条被删除（日志被截断）"), d.out)
    }

    func testTicketGuardsRefuseDeletingATicketAndChangingAFinishedOne() throws {
        let (hall, _) = try activeHall()
        let refused = [
            ("DELETE FROM ticket WHERE number = 'A004'", "ticket is never deleted"),
            ("UPDATE ticket SET window_number = 2 WHERE number = 'A001'", "a finished ticket is never changed"),
            ("UPDATE ticket SET status = 'waiting' WHERE number = 'A001'", "a finished ticket is never changed"),
        ]
        for (sql, message) in refused {
            let r = try sqlite(hall.storePath, sql)
            XCTAssertNotEqual(r.status, 0, "\(sql) was allowed")
            XCTAssertTrue(r.err.contains(message), "\(sql): \(r.err)")
        }
        // A waiting ticket still moves, and the store still works afterwards.
        XCTAssertEqual(try sqlite(hall.storePath, "UPDATE ticket SET note = 'x' WHERE number = 'A004'").status, 0)
        try hall.runner.run(["call", "--store", hall.storePath, "--window", "2"], env: MultiProcessHall.clerk(2))
        try hall.runner.run(["finish", "--store", hall.storePath, "--window", "2"], env: MultiProcessHall.clerk(2))
        let d = try doctor(hall, hall.storePath)
        XCTAssertEqual(d.status, 0, d.out + d.err)
    }
}
