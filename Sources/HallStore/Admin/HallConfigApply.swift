import Foundation
import GRDB
import HallCore

extension HallStore {
    /// The hall's setup as it is now (services, permanent windows, staff without PINs, rules).
    /// `printers` is left for the caller: it lives in yichuang.toml, not in the store.
    public func exportConfiguration() throws -> HallConfiguration {
        let hall = try hall()
        return HallConfiguration(
            name: hall.name, kind: hall.kind, timeZone: hall.calendar.timeZone.identifier, openingHour: hall.policy.openMinute / 60,
            services: try serviceSetups().map { s in
                .init(code: s.service.code, prefix: s.service.prefix, name: s.service.name, targetWaitMinutes: s.service.targetWaitMinutes,
                      maxQueue: s.service.maxQueue, warnQueue: s.service.warnQueue,
                      openTime: s.openMinute.map(ClockTime.format), cutoffTime: s.cutoffMinute.map(ClockTime.format))
            },
            windows: try windowSetups().filter { !$0.isTemporary }.map { .init(number: $0.number, name: $0.name, services: $0.serviceCodes) },
            clerks: try staffSetups().map { s in
                .init(number: s.clerk.number, name: s.clerk.name, role: s.clerk.role, active: s.active ? nil : false,
                      windows: s.windows.isEmpty ? nil : s.windows)
            },
            policy: hall.policy, ratingPolicy: try ratingPolicy(), printers: nil)
    }

    /// Every difference between `file` and the hall, after checking the whole file; nothing is
    /// written. What the file leaves out (a service, window or 工号) is left as it is: apply
    /// never deletes.
    public func configurationChanges(_ file: HallConfiguration) throws -> [HallConfigChange] {
        let current = try exportConfiguration()
        try HallConfigCheck.validate(file, against: current)
        var changes: [HallConfigChange] = []
        let services = Dictionary(uniqueKeysWithValues: current.services.map { ($0.code, $0) })
        for s in file.services {
            guard let old = services[s.code] else { changes.append(.addService(s)); continue }
            if old.name != s.name { changes.append(.editService(code: s.code, .name(s.name), old: old.name, new: s.name)) }
            if old.prefix != s.prefix.uppercased() {
                changes.append(.editService(code: s.code, .prefix(s.prefix), old: "前缀\(old.prefix)", new: "前缀\(s.prefix.uppercased())"))
            }
            if old.targetWaitMinutes != s.targetWaitMinutes {
                changes.append(.editService(code: s.code, .targetWait(minutes: s.targetWaitMinutes),
                                            old: "目标等候\(old.targetWaitMinutes)分钟", new: "目标等候\(s.targetWaitMinutes)分钟"))
            }
            // Raise the limit before the warning and lower the warning before the limit, so each
            // single edit keeps warn ≤ max as the store requires.
            var limits: [HallConfigChange] = []
            if old.maxQueue != s.maxQueue {
                limits.append(.editService(code: s.code, .maxQueue(s.maxQueue), old: "最多\(old.maxQueue)人", new: "最多\(s.maxQueue)人"))
            }
            if old.warnQueue != s.warnQueue {
                let warn = HallConfigChange.editService(code: s.code, .warnQueue(s.warnQueue), old: "预警\(old.warnQueue)人", new: "预警\(s.warnQueue)人")
                if s.warnQueue > old.maxQueue { limits.append(warn) } else { limits.insert(warn, at: 0) }
            }
            changes += limits
            if old.openTime != s.openTime || old.cutoffTime != s.cutoffTime {
                changes.append(.editService(code: s.code, .hours(open: s.openTime.flatMap(ClockTime.parse), cutoff: s.cutoffTime.flatMap(ClockTime.parse)),
                                            old: "取号\(old.openTime ?? "不限")–\(old.cutoffTime ?? "不限")",
                                            new: "取号\(s.openTime ?? "不限")–\(s.cutoffTime ?? "不限")"))
            }
        }
        let windows = Dictionary(uniqueKeysWithValues: try windowSetups().map { ($0.number, $0) })
        for w in file.windows {
            guard let old = windows[w.number] else { changes.append(.addWindow(w)); continue }
            if old.isTemporary {
                throw HallConfigError.invalidValue(place: "\(w.number) 号窗口", problem: "这是今天开设的临时窗口，请换一个窗口号")
            }
            if old.name != w.name { changes.append(.renameWindow(w.number, old: old.name, new: w.name)) }
            if old.serviceCodes != w.services { changes.append(.windowServices(w.number, old: old.serviceCodes, new: w.services)) }
        }
        let staff = Dictionary(uniqueKeysWithValues: current.clerks.map { ($0.number, $0) })
        for c in file.clerks {
            guard let old = staff[c.number] else { changes.append(.addStaff(c)); continue }
            if old.role != c.role { changes.append(.staffRole(c.number, old: old.role, new: c.role)) }
            if (old.active ?? true) != (c.active ?? true) { changes.append(.staffActive(c.number, c.active ?? true)) }
            if (old.windows ?? []) != (c.windows ?? []) { changes.append(.staffWindows(c.number, old: old.windows ?? [], new: c.windows ?? [])) }
        }
        if let p = file.policy, let old = current.policy, p != old { changes.append(.policy(old: old, new: p)) }
        if let r = file.ratingPolicy, let old = current.ratingPolicy, r != old { changes.append(.ratingPolicy(old: old, new: r)) }
        return changes
    }

    /// Applies every difference in ONE transaction through the same admin operations the
    /// commands and screens use (each checks the role and is audited with old and new value).
    /// The first refusal rolls the whole file back and names the step. Returns the changes made
    /// and the one-time PIN of each new 工号.
    public func applyConfiguration(_ file: HallConfiguration, by: Attribution) throws -> (changes: [HallConfigChange], pins: [String: String]) {
        let changes = try configurationChanges(file)
        guard !changes.isEmpty else { return ([], [:]) }
        // One-time PINs are hashed before the write lock, like `addStaff` does (the hash is slow).
        var pins: [String: String] = [:]
        for case .addStaff(let s) in changes { pins[s.number] = StaffRules.oneTimePIN() }
        return try perform(by) { tx, _ in
            try tx.require(.changeRules)
            try JoinedTransaction.$current.withValue(JoinedTransaction(store: ObjectIdentifier(self), tx: tx)) {
                for change in changes {
                    do { try apply(change, pins: pins, by: by) } catch {
                        throw HallConfigError.stepFailed(step: change.text, reason: error.localizedDescription)
                    }
                }
            }
            return (changes, pins)
        }
    }

    private func apply(_ change: HallConfigChange, pins: [String: String], by: Attribution) throws {
        switch change {
        case .addService(let s):
            try addService(code: s.code, prefix: s.prefix, name: s.name, targetWaitMinutes: s.targetWaitMinutes,
                           maxQueue: s.maxQueue, warnQueue: s.warnQueue, by: by)
            if s.openTime != nil || s.cutoffTime != nil {
                try editService(s.code, .hours(open: s.openTime.flatMap(ClockTime.parse), cutoff: s.cutoffTime.flatMap(ClockTime.parse)), by: by)
            }
        case .editService(let code, let edit, _, _): try editService(code, edit, by: by)
        case .addWindow(let w): try addWindow(number: w.number, name: w.name, services: w.services, by: by)
        case .renameWindow(let n, _, let new): try renameWindow(n, to: new, by: by)
        case .windowServices(let n, _, let new): try setWindowServices(n, services: new, by: by)
        case .addStaff(let s):
            try addStaff(number: s.number, name: s.name, role: s.role, pin: pins[s.number]!, by: by)
            if s.active == false { try setStaffActive(s.number, false, by: by) }
            if let w = s.windows, !w.isEmpty { try setStaffWindows(s.number, w, by: by) }
        case .staffRole(let n, _, let new): try setStaffRole(n, new, by: by)
        case .staffActive(let n, let active): try setStaffActive(n, active, by: by)
        case .staffWindows(let n, _, let new): try setStaffWindows(n, new, by: by)
        case .policy(_, let new): try updatePolicy(new, by: by)
        case .ratingPolicy(_, let new): try updateRatingPolicy(new, by: by)
        }
    }
}

/// The transaction `hall apply` runs its steps in: while it is set (on this thread, inside the
/// write), `perform` joins it instead of opening its own, so each admin operation keeps its own
/// checks, audit entry and outbox operation but all commit or roll back together.
struct JoinedTransaction: @unchecked Sendable {   // only read on the thread that set it, inside its write
    let store: ObjectIdentifier
    let tx: BusinessTransaction
    @TaskLocal static var current: JoinedTransaction?
}

/// The whole file checked before anything is compared or written, each refusal naming where.
enum HallConfigCheck {
    static func validate(_ f: HallConfiguration, against current: HallConfiguration) throws {
        for (field, have, want) in [("name", current.name, f.name), ("kind", current.kind, f.kind), ("timeZone", current.timeZone, f.timeZone)]
        where have != want {
            throw HallConfigError.notChangeable(field: field, current: have, wanted: want)
        }
        // The values `init --setup` checks, checked by the same code (PINs are not in this file).
        let setup = HallSetup(name: f.name, kind: f.kind, timeZone: f.timeZone, openingHour: f.openingHour,
                              services: f.services.map { .init(code: $0.code, prefix: $0.prefix, name: $0.name, targetWaitMinutes: $0.targetWaitMinutes,
                                                                maxQueue: $0.maxQueue, warnQueue: $0.warnQueue) },
                              windows: f.windows.map { .init(number: $0.number, name: $0.name, services: $0.services) },
                              clerks: f.clerks.map { .init(number: $0.number, name: $0.name, role: $0.role, pin: "1357") },
                              appointments: nil, pinRounds: nil)
        do { try SetupCheck.validate(setup, pinRounds: nil) } catch let StoreError.invalidInput(why) {
            throw HallConfigError.invalidValue(place: "services/windows/clerks", problem: why.replacingOccurrences(of: "大厅描述有误：", with: ""))
        }
        for s in f.services {
            for (key, t) in [("openTime", s.openTime), ("cutoffTime", s.cutoffTime)] {
                if let t, ClockTime.parse(t) == nil {
                    throw HallConfigError.invalidValue(place: "业务 \(s.code) 的 \(key)", problem: "“\(t.prefix(10))”不是 时:分，如 08:30")
                }
            }
            if let o = s.openTime.flatMap(ClockTime.parse), let c = s.cutoffTime.flatMap(ClockTime.parse), o >= c {
                throw HallConfigError.invalidValue(place: "业务 \(s.code)", problem: "取号截止时间应晚于开始时间")
            }
        }
        let windowNumbers = Set(f.windows.map(\.number))
        for c in f.clerks {
            for w in c.windows ?? [] where !windowNumbers.contains(w) {
                throw HallConfigError.invalidValue(place: "工号 \(c.number) 的 windows", problem: "没有 \(w) 号窗口")
            }
        }
        if let p = f.policy { try check(p) }
        if let r = f.ratingPolicy, let why = r.problem() {   // the check `updateRatingPolicy` makes
            throw HallConfigError.invalidValue(place: "ratingPolicy", problem: why)
        }
    }

    /// The ranges `yichuang config` accepts for each queue rule.
    static func check(_ p: QueuePolicy) throws {
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("recallLimit", p.recallLimit, 0...10), ("greenChannelAge", p.greenChannelAge, 50...120),
            ("pinMaxAttempts", p.pinMaxAttempts, 1...20), ("pinLockMinutes", p.pinLockMinutes, 1...1440),
            ("noShowWaitMinutes", p.noShowWaitMinutes, QueuePolicy.noShowWaitRange),
            ("openMinute", p.openMinute, 0...1439), ("closeMinute", p.closeMinute, 0...1440),
        ]
        for (key, value, range) in ranges where !range.contains(value) {
            throw HallConfigError.invalidValue(place: "policy 的 \(key)", problem: "\(value) 应为 \(range.lowerBound)–\(range.upperBound)")
        }
        if case .afterOthers(let n) = p.noShowRequeue, !NoShowRequeue.afterRange.contains(n) {
            throw HallConfigError.invalidValue(place: "policy 的 noShowRequeue", problem: NoShowRequeue.configHelp)
        }
        guard p.openMinute < p.closeMinute else {
            throw HallConfigError.invalidValue(place: "policy", problem: "openMinute 应早于 closeMinute")
        }
    }
}
