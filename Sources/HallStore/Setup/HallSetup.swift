import Foundation
import GRDB
import HallCore

/// A hall described as data (the demo hall ships as JSON in Resources/).
public struct HallSetup: Codable, Sendable {
    public struct ServiceSpec: Codable, Sendable {
        public var code: String; public var prefix: String; public var name: String
        public var targetWaitMinutes: Int; public var maxQueue: Int; public var warnQueue: Int
        /// "08:30": first ticket and 取号截止 (as `hall export` writes them); absent = no limit.
        public var openTime: String?; public var cutoffTime: String?
    }
    public struct WindowSpec: Codable, Sendable {
        public var number: Int; public var name: String; public var services: [String]   // service codes, in order
    }
    public struct ClerkSpec: Codable, Sendable {
        public var number: String; public var name: String; public var role: ClerkRole
        /// Absent (as in a `hall export` file, which never carries PINs): a one-time PIN is drawn,
        /// shown once by `init`, and must be changed at the first sign-in.
        public var pin: String?
        /// Absent = active; false = disabled. `windows`: where the 工号 may sign in (absent = any).
        public var active: Bool?
        public var windows: [Int]?
    }
    public struct AppointmentSpec: Codable, Sendable {
        public var service: String; public var name: String; public var phone: String
        public var slotStartMinutesFromOpening: Int; public var slotLengthMinutes: Int; public var code: String
    }
    public var name: String
    public var kind: String
    public var timeZone: String
    public var openingHour: Int
    public var services: [ServiceSpec]
    public var windows: [WindowSpec]
    public var clerks: [ClerkSpec]
    public var appointments: [AppointmentSpec]?
    /// PBKDF2 rounds for the PINs; only test halls lower it.
    public var pinRounds: Int?
    /// The rules as `hall export` writes them; absent = the defaults.
    public var policy: QueuePolicy?
    public var ratingPolicy: RatingPolicy?
    /// [printers] of an exported file: they belong to each machine's yichuang.toml, so the store
    /// keeps none (`init` says so).
    public var printers: [String: String]?
}

extension HallStore {
    /// Creates the hall in an empty store, in ONE transaction after checking every value: a bad
    /// file or a kill part-way leaves the store as it was (issue 13: the hall row used to be
    /// committed first, so a failure left a hall with no services that init refused to repair).
    /// Everything it writes is audited like any other write. Answers the one-time PIN drawn for
    /// each 工号 the file gives none (工号 → PIN), to be shown once.
    @discardableResult
    public func setUp(_ setup: HallSetup, by: Attribution, pinRounds explicitRounds: Int? = nil) throws -> [String: String] {
        try SetupCheck.validate(setup, pinRounds: explicitRounds)
        let pinRounds = explicitRounds ?? setup.pinRounds ?? PinHasher.defaultRounds
        var oneTime: [String: String] = [:]
        for c in setup.clerks where c.pin == nil { oneTime[c.number] = StaffRules.oneTimePIN() }
        // Hash PINs before taking the write lock: the hash is deliberately slow.
        let hashes = setup.clerks.map { PinHasher.hash($0.pin ?? oneTime[$0.number]!, rounds: pinRounds) }
        let hallId = newId()
        let now = clock.now()
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hall") == 0 else {
                        throw StoreError.hallAlreadySetUp
                    }
                    try db.execute(sql: "INSERT INTO hall (id, hall_id, name, kind, time_zone, policy, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [hallId, hallId, setup.name, setup.kind, setup.timeZone, jsonText(setup.policy ?? QueuePolicy()),
                                               now.timeIntervalSince1970])
                    try db.execute(sql: "INSERT INTO node (id, hall_id, device_id) VALUES (1, ?, ?)", arguments: [hallId, newId()])
                    let hall = try HallInfo.load(db, path: self.path)
                    let tx = BusinessTransaction(db: db, attribution: by, now: now, hallId: hallId, serviceDay: hall.calendar.dayKey(now))
                    try Self.fill(tx, hall: hall, setup: setup, hashes: hashes)
                    return .commit
                }
            }
        } catch { throw StoreError.from(error, path: path) }
        return oneTime
    }

    private static func fill(_ tx: BusinessTransaction, hall: HallInfo, setup: HallSetup, hashes: [String]) throws {
        var serviceIds: [String: String] = [:]
        for (i, s) in setup.services.enumerated() {
            let id = newId()
            serviceIds[s.code] = id
            try tx.db.execute(sql: """
                INSERT INTO service (id, hall_id, code, prefix, name, target_wait_minutes, max_queue, warn_queue, sort_order, open_minute, cutoff_minute)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, hall.hallId, s.code, s.prefix, s.name, s.targetWaitMinutes, s.maxQueue, s.warnQueue, i,
                                 s.openTime.flatMap(ClockTime.parse), s.cutoffTime.flatMap(ClockTime.parse)])
        }
        var windowIds: [Int: String] = [:]
        for w in setup.windows {
            let id = newId()
            windowIds[w.number] = id
            try tx.db.execute(sql: "INSERT INTO hall_window (id, hall_id, number, name) VALUES (?, ?, ?, ?)",
                              arguments: [id, hall.hallId, w.number, w.name])
            for (pos, code) in w.services.enumerated() {
                try tx.db.execute(sql: "INSERT INTO window_service (window_id, service_id, hall_id, position) VALUES (?, ?, ?, ?)",
                                  arguments: [id, serviceIds[code]!, hall.hallId, pos])
            }
            try tx.db.execute(sql: "INSERT INTO window_state (window_id, hall_id, status, since) VALUES (?, ?, ?, ?)",
                              arguments: [id, hall.hallId, WindowStatus.signedOut.rawValue, tx.now.timeIntervalSince1970])
        }
        for (c, hash) in zip(setup.clerks, hashes) {
            let id = newId()
            try tx.db.execute(sql: "INSERT INTO clerk (id, hall_id, number, name, role, pin_hash, must_change_pin, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              arguments: [id, hall.hallId, c.number, c.name, c.role.rawValue, hash, c.pin == nil, c.active ?? true])
            for w in c.windows ?? [] {
                try tx.db.execute(sql: "INSERT INTO clerk_window (clerk_id, window_id, hall_id) VALUES (?, ?, ?)", arguments: [id, windowIds[w]!, hall.hallId])
            }
        }
        if let rating = setup.ratingPolicy {
            try tx.db.execute(sql: "INSERT INTO rating_settings (hall_id, policy) VALUES (?, ?)", arguments: [hall.hallId, jsonText(rating)])
            try tx.outbox(.ratingPolicy, entityId: hall.hallId, payload: rating)
        }
        let opening = hall.calendar.startOfDay(tx.now)
        for a in setup.appointments ?? [] {
            let start = opening + TimeInterval((setup.openingHour * 60 + a.slotStartMinutesFromOpening) * 60)
            try tx.db.execute(sql: """
                INSERT INTO appointment (id, hall_id, service_id, applicant_name, phone, slot_start, slot_end, check_in_code, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked')
                """, arguments: [newId(), hall.hallId, serviceIds[a.service]!, a.name, a.phone,
                                 start.timeIntervalSince1970, (start + TimeInterval(a.slotLengthMinutes * 60)).timeIntervalSince1970, a.code])
        }
        // The services go to the centre whole (id, prefix, name, target wait): its dashboard
        // names them and measures each hall's service level against the hall's own targets.
        struct ServiceSummary: Encodable { let id: String; let prefix: String; let name: String; let targetWaitMinutes: Int }
        struct Payload: Encodable { let name: String; let services: [ServiceSummary]; let windows: Int; let clerks: Int }
        let services = setup.services.map {
            ServiceSummary(id: serviceIds[$0.code]!, prefix: $0.prefix, name: $0.name, targetWaitMinutes: $0.targetWaitMinutes)
        }
        try tx.outbox(.referenceChanged, entityId: hall.hallId,
                      payload: Payload(name: setup.name, services: services, windows: setup.windows.count, clerks: setup.clerks.count))
        try tx.audit(action: "hall.setUp", entity: "hall", entityId: hall.hallId,
                     detail: "初始化大厅“\(setup.name)”：\(setup.services.count)类业务，\(setup.windows.count)个窗口，\(setup.clerks.count)名工作人员")
    }

    /// Changes one hall policy value; audited and pushed like any business write. Only a role the
    /// matrix allows to change rules (the admin) may.
    public func updatePolicy(_ policy: QueuePolicy, by: Attribution) throws {
        try updatePolicy(policy, by: by, asCentre: false)
    }

    /// `asCentre`: the policy the centre published, carried in by sync (decided there, not here).
    func updatePolicy(_ policy: QueuePolicy, by: Attribution, asCentre: Bool) throws {
        try perform(by) { tx, hall in
            if !asCentre { try tx.require(.changeRules) }
            try tx.db.execute(sql: "UPDATE hall SET policy = ?", arguments: [jsonText(policy)])
            try tx.outbox(.referenceChanged, entityId: hall.hallId, payload: policy)
            try tx.audit(action: "hall.policy", entity: "hall", entityId: hall.hallId, detail: "修改叫号规则：\(jsonText(policy))")
        }
    }
}
