import Foundation
import GRDB
import HallCore

/// What `yichuang doctor` checks beyond the audit chain: every figure or state the store keeps
/// that can be derived again from its append-only facts is derived again and compared, and the
/// schema itself (triggers included) is compared with the one this binary's migrations build.
/// Each check names the first record that does not agree.
public enum LedgerCheck {
    public struct Result: Sendable, Equatable {
        /// What was checked, in Chinese (printed by doctor).
        public var name: String
        /// How many records the check looked at.
        public var checked: Int
        /// The first record that does not agree, and how; nil when the check passed.
        public var firstBad: String?
        public var passed: Bool { firstBad == nil }
    }

    public static func all(_ db: Database) throws -> [Result] {
        [try schema(db), try ratingTally(db), try rectification(db), try tickets(db), try outbox(db), try dayAnchors(db)]
    }

    // MARK: schema

    /// The schema (tables, indexes, triggers) against the one the migrations applied to this store
    /// build in an empty in-memory database: a dropped or rewritten guard trigger shows here.
    static func schema(_ db: Database) throws -> Result {
        let name = "数据库结构（表、索引、触发器）与本版本迁移应有的结构对照"
        let migrator = Migrations.migrator()
        let applied = try migrator.appliedIdentifiers(db)
        let expected = try DatabaseQueue()
        if let last = migrator.migrations.last(where: applied.contains) {
            try migrator.migrate(expected, upTo: last)
        }
        func objects(_ db: Database) throws -> [String: (type: String, sql: String?)] {
            var out: [String: (type: String, sql: String?)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'") {
                out[r["name"]] = (r["type"], r["sql"])
            }
            return out
        }
        let want = try expected.read(objects)
        let have = try objects(db)
        func label(_ type: String) -> String {
            ["table": "表", "index": "索引", "trigger": "触发器", "view": "视图"][type] ?? type
        }
        for key in want.keys.sorted() {
            let w = want[key]!
            guard let h = have[key] else {
                return Result(name: name, checked: have.count, firstBad: "缺少\(label(w.type)) \(key)（被删除）")
            }
            if h.type != w.type || h.sql != w.sql {
                return Result(name: name, checked: have.count, firstBad: "\(label(w.type)) \(key) 的定义被改动")
            }
        }
        if let extra = have.keys.sorted().first(where: { want[$0] == nil }) {
            return Result(name: name, checked: have.count, firstBad: "多出\(label(have[extra]!.type)) \(extra)（不是本版本建立的）")
        }
        return Result(name: name, checked: have.count, firstBad: nil)
    }

    // MARK: rating tally

    /// The satisfaction counts in `rating_tally`, recomputed from the append-only `rating` rows.
    static func ratingTally(_ db: Database) throws -> Result {
        let name = "评价统计（rating_tally）由评价记录重新计算后对照"
        struct Key: Hashable, Comparable {
            var dimension: String, day: String, key: String
            static func < (a: Key, b: Key) -> Bool { (a.day, a.dimension, a.key) < (b.day, b.dimension, b.key) }
        }
        var counts: [Key: (n: Int, ok: Int)] = [:]
        var ratings = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT window_number, clerk_number, service_name, matter, service_day, level, is_default FROM rating ORDER BY seq
            """)
        while let r = try rows.next() {
            ratings += 1
            let day: String = r["service_day"]
            let ok = (RatingLevel(rawValue: r["level"])?.isSatisfied ?? false) ? 1 : 0
            var keys = RatingDimension.keys(window: r["window_number"], clerkNumber: r["clerk_number"], serviceName: r["service_name"],
                                            matter: r["matter"], day: day).map { Key(dimension: $0.0.rawValue, day: day, key: $0.1) }
            if r["is_default"] as Bool { keys.append(Key(dimension: "default", day: day, key: day)) }
            for k in keys { counts[k, default: (0, 0)].n += 1; counts[k, default: (0, 0)].ok += ok }
        }
        var stored: [Key: (n: Int, ok: Int)] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT dimension, service_day, key, n, satisfied FROM rating_tally") {
            stored[Key(dimension: r["dimension"], day: r["service_day"], key: r["key"])] = (r["n"], r["satisfied"])
        }
        for k in Set(counts.keys).union(stored.keys).sorted() {
            let want = counts[k] ?? (0, 0), have = stored[k] ?? (0, 0)
            if want != have {
                let dimension = RatingDimension(rawValue: k.dimension)?.label ?? (k.dimension == "default" ? "默认评价" : k.dimension)
                return Result(name: name, checked: ratings, firstBad: """
                    \(k.day) 按\(dimension)「\(k.key)」：存的是 \(have.n) 条、满意 \(have.ok) 条，\
                    由评价记录算得 \(want.n) 条、满意 \(want.ok) 条
                    """)
            }
        }
        return Result(name: name, checked: ratings, firstBad: nil)
    }

    // MARK: rectification

    /// Each rectification task's status and state, replayed from its append-only events.
    static func rectification(_ db: Database) throws -> Result {
        let name = "差评整改任务的状态由整改事件重放后对照"
        let tasks = try Row.fetchAll(db, sql: """
            SELECT t.id, t.status, t.state, t.window_number, r.anonymous FROM rectification_task t
            LEFT JOIN rating r ON r.id = t.rating_id ORDER BY t.opened_at, t.rowid
            """)
        let decoder = JSONDecoder()
        for t in tasks {
            let id: String = t["id"]
            let where_ = "整改任务 \(id)（\(t["window_number"] as Int? ?? 0)号窗口）"
            guard let anonymous = t["anonymous"] as Bool? else {
                return Result(name: name, checked: tasks.count, firstBad: "\(where_)：对应的评价记录不存在")
            }
            var state = Rectification(anonymous: anonymous)
            for e in try Row.fetchAll(db, sql: "SELECT seq, action FROM rectification_event WHERE task_id = ? ORDER BY seq", arguments: [id]) {
                guard let action = try? decoder.decode(RectificationAction.self, from: Data((e["action"] as String).utf8)),
                      let next = try? state.applying(action) else {
                    return Result(name: name, checked: tasks.count, firstBad: "\(where_)：第 \(e["seq"] as Int64) 条整改事件无法按规则重放")
                }
                state = next
            }
            let storedState = try? decoder.decode(Rectification.self, from: Data((t["state"] as String).utf8))
            let status: String = t["status"]
            if status != state.status.rawValue || storedState != state {
                let shown = RectificationStatus(rawValue: status)?.label ?? status
                return Result(name: name, checked: tasks.count, firstBad: "\(where_)：记为「\(shown)」，按整改事件应为「\(state.status.label)」")
            }
        }
        return Result(name: name, checked: tasks.count, firstBad: nil)
    }

    // MARK: outbox

    /// Each sync operation's payload against the SHA-256 written with it.
    static func outbox(_ db: Database) throws -> Result {
        let name = "待同步操作的内容与其 SHA-256 校验和对照"
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, payload, sha256 FROM outbox ORDER BY seq")
        while let r = try rows.next() {
            count += 1
            if Digest.sha256Hex(r["payload"]) != r["sha256"] as String {
                return Result(name: name, checked: count, firstBad: "第 \(r["seq"] as Int64) 条待同步操作的内容与校验和不符（被改动）")
            }
        }
        return Result(name: name, checked: count, firstBad: nil)
    }

    // MARK: tickets

    /// Tickets against the append-only queue events and the audit log: every ticket an event names
    /// still exists, every ticket was issued by an event, and a ticket the events finished is
    /// finished at the window the finishing event (and its audit entry) names.
    static func tickets(_ db: Database) throws -> Result {
        let name = "票号记录与排队事件、审计日志对照"
        var tickets: [String: Row] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, number, service_day, status, window_number FROM ticket") { tickets[r["id"]] = r }
        var seen = Set<String>()
        var finishedAt: [String: (seq: Int64, window: Int?)] = [:]
        let events = try Row.fetchCursor(db, sql: """
            SELECT seq, id, kind, ticket_id, ticket_number, service_day, window_number FROM queue_event WHERE ticket_id IS NOT NULL ORDER BY seq
            """)
        while let e = try events.next() {
            let tid: String = e["ticket_id"]
            if tickets[tid] == nil {
                let kind: String = e["kind"]
                return Result(name: name, checked: tickets.count, firstBad: """
                    第 \(e["seq"] as Int64) 条排队事件（\(QueueEventKind(rawValue: kind)?.label ?? kind) \(e["service_day"] as String) \
                    \(e["ticket_number"] as String? ?? "")）所指的票在票号表中不存在（被删除）
                    """)
            }
            seen.insert(tid)
            if e["kind"] as String == QueueEventKind.finished.rawValue { finishedAt[tid] = (e["seq"], e["window_number"]) }
        }
        let finishAudits = Set(try String.fetchAll(db, sql: "SELECT entity_id FROM audit_entry WHERE action = 'queue.finished' AND entity_id IS NOT NULL"))
        let ordered = tickets.values.sorted { ($0["service_day"] as String, $0["number"] as String) < ($1["service_day"] as String, $1["number"] as String) }
        for t in ordered {
            let id: String = t["id"]
            let what = "票 \(t["service_day"] as String) \(t["number"] as String)"
            guard seen.contains(id) else {
                return Result(name: name, checked: tickets.count, firstBad: "\(what)：没有任何排队事件（不是取号产生的）")
            }
            let status: String = t["status"]
            let window: Int? = t["window_number"]
            if let f = finishedAt[id] {
                if status != TicketStatus.finished.rawValue {
                    let shown = TicketStatus(rawValue: status)?.label ?? status
                    return Result(name: name, checked: tickets.count, firstBad: "\(what)：第 \(f.seq) 条排队事件已办结，票却记为「\(shown)」（被重新打开）")
                }
                if window != f.window {
                    return Result(name: name, checked: tickets.count, firstBad: """
                        \(what)：记为在 \(window.map { "\($0)号窗口" } ?? "无窗口") 办结，第 \(f.seq) 条排队事件是在 \
                        \(f.window.map { "\($0)号窗口" } ?? "无窗口") 办结
                        """)
                }
                if !finishAudits.contains(id) {
                    return Result(name: name, checked: tickets.count, firstBad: "\(what)：已办结，但审计日志里没有它的办结记录")
                }
            } else if status == TicketStatus.finished.rawValue {
                return Result(name: name, checked: tickets.count, firstBad: "\(what)：记为已办结，但没有办结的排队事件")
            }
        }
        return Result(name: name, checked: tickets.count, firstBad: nil)
    }
}

extension HallStore {
    /// Every derived figure and state recomputed from the facts, and the schema compared with the
    /// expected one (see LedgerCheck). For `yichuang doctor`.
    public func ledgerChecks() throws -> [LedgerCheck.Result] {
        try read { db in try LedgerCheck.all(db) }
    }
}
