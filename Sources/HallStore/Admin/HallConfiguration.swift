import Foundation
import HallCore

/// The hall's whole setup as one file (issue 13, must-deliver 5): `yichuang hall export` writes
/// it, `yichuang hall apply` reads it back. The keys are those of the `init --setup` file
/// (`HallSetup`), so the two read alike; staff carry no PIN (a new 工号 gets a one-time PIN).
/// Temporary windows are the day's live control, not setup: neither exported nor removed.
public struct HallConfiguration: Codable, Equatable, Sendable {
    public struct ServiceEntry: Codable, Equatable, Sendable {
        public var code: String; public var prefix: String; public var name: String
        public var targetWaitMinutes: Int; public var maxQueue: Int; public var warnQueue: Int
        /// "08:30": first and last ticket of the day; absent = no limit.
        public var openTime: String?; public var cutoffTime: String?
    }
    public struct WindowEntry: Codable, Equatable, Sendable {
        public var number: Int; public var name: String; public var services: [String]
    }
    public struct StaffEntry: Codable, Equatable, Sendable {
        public var number: String; public var name: String; public var role: ClerkRole
        /// Absent = active; false = disabled (never deleted).
        public var active: Bool?
        /// The windows this 工号 may sign in at; absent or empty = any window.
        public var windows: [Int]?
    }
    public var name: String
    public var kind: String
    public var timeZone: String
    public var openingHour: Int
    public var services: [ServiceEntry]
    public var windows: [WindowEntry]
    public var clerks: [StaffEntry]
    public var policy: QueuePolicy?
    public var ratingPolicy: RatingPolicy?
    /// [printers] of yichuang.toml, for the record: they belong to each machine's file, so
    /// `apply` reports a difference but does not write it.
    public var printers: [String: String]?
}

/// What is wrong with a configuration file, or which step of applying it failed; the Chinese is
/// made here, once (issue 11).
public enum HallConfigError: Error, Equatable, LocalizedError {
    case unreadable(file: String, reason: String)
    case notChangeable(field: String, current: String, wanted: String)
    case invalidValue(place: String, problem: String)
    case stepFailed(step: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let f, let r): return "无法读取大厅配置文件 \(f)：\(r)；没有做任何修改"
        case .notChangeable(let f, let c, let w):
            return "配置文件的 \(f) 为“\(w)”，本大厅为“\(c)”：\(f) 不能用 hall apply 修改；没有做任何修改"
        case .invalidValue(let p, let why): return "配置文件有误（\(p)）：\(why)；没有做任何修改"
        case .stepFailed(let s, let r): return "应用“\(s)”时失败：\(r)；整个文件都没有应用，没有做任何修改"
        }
    }
}

/// One difference between the file and the hall, in the order `apply` makes it.
public enum HallConfigChange: Equatable, Sendable {
    case addService(HallConfiguration.ServiceEntry)
    case editService(code: String, ServiceEdit, old: String, new: String)
    case addWindow(HallConfiguration.WindowEntry)
    case renameWindow(Int, old: String, new: String)
    case windowServices(Int, old: [String], new: [String])
    case addStaff(HallConfiguration.StaffEntry)
    case staffRole(String, old: ClerkRole, new: ClerkRole)
    case staffActive(String, Bool)
    case staffWindows(String, old: [Int], new: [Int])
    case policy(old: QueuePolicy, new: QueuePolicy)
    case ratingPolicy(old: RatingPolicy, new: RatingPolicy)

    /// One line of the dry run.
    public var text: String {
        func list(_ w: [Int]) -> String { w.isEmpty ? "任意窗口" : w.map(String.init).joined(separator: ",") + "号窗口" }
        switch self {
        case .addService(let s):
            return "新增业务 \(s.code)（前缀\(s.prefix)）\(s.name)：目标等候\(s.targetWaitMinutes)分钟，最多\(s.maxQueue)人，预警\(s.warnQueue)人"
        case .editService(let code, _, let old, let new): return "修改业务 \(code)：\(old) → \(new)"
        case .addWindow(let w): return "新增 \(w.number) 号窗口 \(w.name)：业务 \(w.services.joined(separator: ","))"
        case .renameWindow(let n, let old, let new): return "\(n) 号窗口改名：\(old) → \(new)"
        case .windowServices(let n, let old, let new):
            return "\(n) 号窗口办理业务：\(old.joined(separator: ",")) → \(new.joined(separator: ","))"
        case .addStaff(let s): return "新增工作人员 \(s.number) \(s.name)（\(s.role.label)，一次性密码在应用时给出）"
        case .staffRole(let n, let old, let new): return "工号 \(n) 的角色：\(old.label) → \(new.label)"
        case .staffActive(let n, let active): return "工号 \(n)：\(active ? "重新启用" : "停用")"
        case .staffWindows(let n, let old, let new): return "工号 \(n) 可登录：\(list(old)) → \(list(new))"
        case .policy(let old, let new): return "叫号规则：\(Self.differences(old, new))"
        case .ratingPolicy(let old, let new):
            let o = Dictionary(uniqueKeysWithValues: old.configValues.map { ($0.key, $0.value) })
            return "好差评设置：" + new.configValues.filter { o[$0.key] != $0.value }
                .map { "\($0.key) \(o[$0.key] ?? "—") → \($0.value)" }.joined(separator: "，")
        }
    }

    static func differences(_ a: QueuePolicy, _ b: QueuePolicy) -> String {
        let pairs: [(String, String, String)] = [
            ("recall_limit", "\(a.recallLimit)", "\(b.recallLimit)"),
            ("no_show", a.noShowRequeue.configValue, b.noShowRequeue.configValue),
            ("no_show_wait", "\(a.noShowWaitMinutes)", "\(b.noShowWaitMinutes)"),
            ("green_age", "\(a.greenChannelAge)", "\(b.greenChannelAge)"),
            ("keep_overnight", "\(a.keepQueueOvernight)", "\(b.keepQueueOvernight)"),
            ("pin_attempts", "\(a.pinMaxAttempts)", "\(b.pinMaxAttempts)"),
            ("pin_lock_minutes", "\(a.pinLockMinutes)", "\(b.pinLockMinutes)"),
            ("open", ClockTime.format(a.openMinute), ClockTime.format(b.openMinute)),
            ("close", ClockTime.format(a.closeMinute), ClockTime.format(b.closeMinute)),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) → \($0.2)" }.joined(separator: "，")
    }
}
