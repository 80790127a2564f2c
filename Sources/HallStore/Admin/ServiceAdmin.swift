import Foundation
import GRDB
import HallCore

/// A service with the hours and the day's suspension that hall administration sets.
public struct ServiceSetup: Codable, Equatable, Sendable {
    public var service: Service
    public var openMinute: Int?       // first ticket, minutes after local midnight
    public var cutoffMinute: Int?     // last ticket (取号截止)
    public var suspendedToday: Bool
}

/// One thing an admin changes about a service.
public enum ServiceEdit: Sendable, Equatable {
    case name(String)
    case prefix(String)
    case targetWait(minutes: Int)
    case maxQueue(Int)
    case warnQueue(Int)
    case hours(open: Int?, cutoff: Int?)
}

enum ServiceRules {
    static func checkLimits(targetWait: Int, maxQueue: Int, warnQueue: Int) throws {
        guard (1...480).contains(targetWait) else { throw AdminError.invalid("目标等候时间应为 1–480 分钟") }
        guard (1...100_000).contains(maxQueue) else { throw AdminError.invalid("最大排队人数应为 1–100000") }
        guard (1...maxQueue).contains(warnQueue) else { throw AdminError.invalid("预警人数应为 1 到最大排队人数（\(maxQueue)）") }
    }

    static func checkPrefix(_ p: String) throws -> String {
        let up = p.uppercased()
        guard up.count == 1, let c = up.first, c.isASCII, c.isLetter else { throw AdminError.invalid("号票前缀应为一个英文字母，如 A") }
        return up
    }

    /// 取号: refused before opening, after the cut-off, and on a day the service is suspended.
    static func requireTakingTickets(_ tx: BusinessTransaction, service: Service, hall: HallInfo) throws {
        guard let r = try Row.fetchOne(tx.db, sql: "SELECT open_minute, cutoff_minute, suspended_day FROM service WHERE id = ?",
                                       arguments: [service.id]) else { return }
        if (r["suspended_day"] as String?) == tx.serviceDay { throw AdminError.serviceSuspended(service.name) }
        let minute = Int(tx.now.timeIntervalSince(hall.calendar.startOfDay(tx.now)) / 60)
        if let open: Int = r["open_minute"], minute < open { throw AdminError.beforeOpening(service: service.name, time: ClockTime.format(open)) }
        if let cutoff: Int = r["cutoff_minute"], minute >= cutoff { throw AdminError.afterCutoff(service: service.name, time: ClockTime.format(cutoff)) }
    }
}

extension HallStore {
    public func serviceSetups() throws -> [ServiceSetup] {
        let day = try hall().calendar.dayKey(clock.now())
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM service ORDER BY sort_order").map {
                ServiceSetup(service: Service(row: $0), openMinute: $0["open_minute"], cutoffMinute: $0["cutoff_minute"],
                             suspendedToday: ($0["suspended_day"] as String?) == day)
            }
        }
    }

    /// 新增业务 (admin).
    @discardableResult
    public func addService(code rawCode: String, prefix rawPrefix: String, name rawName: String, targetWaitMinutes: Int,
                           maxQueue: Int, warnQueue: Int, by: Attribution) throws -> Service {
        let code = rawCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...10).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AdminError.invalid("业务代码应为 1–10 个英文字母或数字")
        }
        let prefix = try ServiceRules.checkPrefix(rawPrefix)
        let name = try WindowAdmin.validName(rawName)
        try ServiceRules.checkLimits(targetWait: targetWaitMinutes, maxQueue: maxQueue, warnQueue: warnQueue)
        return try perform(by) { tx, hall in
            try tx.require(.manageServices)
            if try Int.fetchOne(tx.db, sql: "SELECT 1 FROM service WHERE code = ? OR prefix = ?", arguments: [code, prefix]) != nil {
                throw AdminError.invalid("业务代码 \(code) 或号票前缀 \(prefix) 已被使用")
            }
            let order = (try Int.fetchOne(tx.db, sql: "SELECT MAX(sort_order) FROM service") ?? -1) + 1
            let s = Service(id: newId(), code: code, prefix: prefix, name: name, targetWaitMinutes: targetWaitMinutes,
                            maxQueue: maxQueue, warnQueue: warnQueue, sortOrder: order)
            try tx.db.execute(sql: """
                INSERT INTO service (id, hall_id, code, prefix, name, target_wait_minutes, max_queue, warn_queue, sort_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [s.id, hall.hallId, code, prefix, name, targetWaitMinutes, maxQueue, warnQueue, order])
            try tx.recordChange("service.add", entity: "service", entityId: s.id, subject: "\(prefix) \(name)", old: nil,
                                new: "目标等候\(targetWaitMinutes)分钟，最多\(maxQueue)人，预警\(warnQueue)人", words: "新增业务", service: s)
            return s
        }
    }

    /// Changes one thing about a service (admin); the audit entry keeps the old and new value.
    public func editService(_ key: String, _ edit: ServiceEdit, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.manageServices)
            let s = try Fetch.service(tx.db, matching: key)
            let r = try Row.fetchOne(tx.db, sql: "SELECT open_minute, cutoff_minute FROM service WHERE id = ?", arguments: [s.id])!
            let column: String, value: DatabaseValueConvertible?, old: String, new: String, words: String, action: String
            switch edit {
            case .name(let raw):
                (column, action, words, old) = ("name", "service.name", "业务改名", s.name)
                let n = try WindowAdmin.validName(raw); value = n; new = n
            case .prefix(let raw):
                let p = try ServiceRules.checkPrefix(raw)
                if try Int.fetchOne(tx.db, sql: "SELECT 1 FROM service WHERE prefix = ? AND id != ?", arguments: [p, s.id]) != nil {
                    throw AdminError.invalid("号票前缀 \(p) 已被其他业务使用")
                }
                (column, action, words, old, value, new) = ("prefix", "service.prefix", "修改号票前缀", s.prefix, p, p)
            case .targetWait(let m):
                try ServiceRules.checkLimits(targetWait: m, maxQueue: s.maxQueue, warnQueue: s.warnQueue)
                (column, action, words, old, value, new) = ("target_wait_minutes", "service.targetWait", "修改目标等候时间（分钟）", "\(s.targetWaitMinutes)", m, "\(m)")
            case .maxQueue(let n):
                try ServiceRules.checkLimits(targetWait: s.targetWaitMinutes, maxQueue: n, warnQueue: min(s.warnQueue, n))
                guard s.warnQueue <= n else { throw AdminError.invalid("最大排队人数不能小于预警人数（\(s.warnQueue)）") }
                (column, action, words, old, value, new) = ("max_queue", "service.maxQueue", "修改最大排队人数", "\(s.maxQueue)", n, "\(n)")
            case .warnQueue(let n):
                try ServiceRules.checkLimits(targetWait: s.targetWaitMinutes, maxQueue: s.maxQueue, warnQueue: n)
                (column, action, words, old, value, new) = ("warn_queue", "service.warnQueue", "修改预警人数", "\(s.warnQueue)", n, "\(n)")
            case .hours(let open, let cutoff):
                if let open, let cutoff, open >= cutoff { throw AdminError.invalid("取号截止时间应晚于开始时间") }
                for m in [open, cutoff].compactMap({ $0 }) where !(0..<1440).contains(m) { throw AdminError.invalid("时间应在 00:00–23:59") }
                func text(_ o: Int?, _ c: Int?) -> String { "\(o.map(ClockTime.format) ?? "不限")–\(c.map(ClockTime.format) ?? "不限")" }
                try tx.db.execute(sql: "UPDATE service SET open_minute = ?, cutoff_minute = ? WHERE id = ?", arguments: [open, cutoff, s.id])
                try tx.recordChange("service.hours", entity: "service", entityId: s.id, subject: "\(s.prefix) \(s.name)",
                                    old: text(r["open_minute"], r["cutoff_minute"]), new: text(open, cutoff), words: "修改取号时间")
                return
            }
            try tx.db.execute(sql: "UPDATE service SET \(column) = ? WHERE id = ?", arguments: [value, s.id])
            try tx.recordChange(action, entity: "service", entityId: s.id, subject: "\(s.prefix) \(s.name)", old: old, new: new, words: words,
                                service: try Fetch.service(tx.db, matching: s.id))
        }
    }

    /// 今日暂停办理 / 恢复 (supervisor): tickets for the service are refused for the rest of the
    /// service day; the next day it takes tickets again by itself.
    public func suspendServiceToday(_ key: String, _ suspended: Bool, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.liveControl)
            let s = try Fetch.service(tx.db, matching: key)
            let current = try String.fetchOne(tx.db, sql: "SELECT suspended_day FROM service WHERE id = ?", arguments: [s.id]) == tx.serviceDay
            guard current != suspended else { throw AdminError.invalid("“\(s.name)”今日\(suspended ? "已暂停" : "没有暂停")") }
            try tx.db.execute(sql: "UPDATE service SET suspended_day = ? WHERE id = ?", arguments: [suspended ? tx.serviceDay : nil, s.id])
            try tx.recordChange(suspended ? "service.suspend" : "service.resume", entity: "service", entityId: s.id,
                                subject: "\(s.prefix) \(s.name)", old: suspended ? "办理" : "暂停",
                                new: suspended ? "今日暂停（\(tx.serviceDay)）" : "办理", words: suspended ? "今日暂停办理" : "恢复办理")
        }
    }
}
