import Foundation
import GRDB
import HallCore

extension HallStore {
    /// 一次一评: records the rating for the invitation pending at this window. Refused for an
    /// event already rated, an event of another window, an event superseded by a newer finish, or
    /// after the invitation's time (store clock). A bad rating opens its rectification task in the
    /// same transaction. Returns the rating id.
    @discardableResult
    public func rate(window: Int, eventId: String, level: RatingLevel, reasons: [String] = [], text: String? = nil,
                     realName: RaterIdentity? = nil, channel: RatingChannel = .hallPad, by: Attribution) throws -> String {
        let note = text.map(cleanNote).flatMap { $0.isEmpty ? nil : $0 }
        guard (note?.count ?? 0) <= 200 else { throw StoreError.invalidInput("评价内容过长（最多200字）") }
        let calendar = level.isBad ? try? workCalendar() : nil
        return try perform(by) { tx, hall in
            let policy = try Self.ratingPolicy(tx.db)
            guard let r = try Row.fetchOne(tx.db, sql: "SELECT * FROM rating_invitation WHERE id = ?", arguments: [eventId]) else {
                throw StoreError.noRatingInvitation
            }
            let inv = RatingInvitation(row: r)
            guard inv.windowNumber == window else { throw StoreError.ratingAtOtherWindow(window) }
            if try Bool.fetchOne(tx.db, sql: "SELECT EXISTS (SELECT 1 FROM rating WHERE invitation_id = ?)", arguments: [eventId]) == true {
                throw StoreError.alreadyRated
            }
            guard try Self.pendingInvitation(tx.db, window: window, now: tx.now)?.id == eventId else {
                throw StoreError.ratingExpired
            }
            let chosen = level.isBad ? reasons.filter(policy.reasons.contains) : []
            if level.isBad, chosen.isEmpty { throw StoreError.invalidInput("请至少选择一项不满意的原因") }
            var identity = realName.map { RaterIdentity(name: cleanNote($0.name), phone: normalizeIdentityInput($0.phone)) }
            if identity?.name.isEmpty == true { identity = nil }
            if identity == nil, !policy.anonymousAllowed { throw StoreError.invalidInput("本大厅要求实名评价，请填写姓名和电话") }
            return try Self.insertRating(tx, hall: hall, invitation: r, level: level, reasons: chosen, text: note, rater: identity,
                                         channel: channel, isDefault: false, policy: policy, calendar: calendar)
        }
    }

    static func insertRating(_ tx: BusinessTransaction, hall: HallInfo, invitation r: Row, level: RatingLevel, reasons: [String], text: String?,
                             rater: RaterIdentity?, channel: RatingChannel, isDefault: Bool, policy: RatingPolicy, calendar: WorkCalendar?) throws -> String {
        let id = newId()
        try tx.db.execute(sql: """
            INSERT INTO rating (id, hall_id, invitation_id, window_number, clerk_id, clerk_number, service_id, service_name, matter, case_number,
                                level, reasons, text, anonymous, rater_name, rater_phone, channel, is_default, at, service_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, hall.hallId, r["id"] as String, r["window_number"] as Int, r["clerk_id"] as String?, r["clerk_number"] as String?,
                             r["service_id"] as String?, r["service_name"] as String?, r["matter"] as String?, r["case_number"] as String?,
                             level.rawValue, jsonText(reasons), text, rater == nil, rater?.name, rater?.phone, channel.rawValue, isDefault,
                             tx.now.timeIntervalSince1970, tx.serviceDay])
        let keys = RatingDimension.keys(window: r["window_number"], clerkNumber: r["clerk_number"], serviceName: r["service_name"],
                                        matter: r["matter"], day: tx.serviceDay)
        for (dimension, key) in keys {
            try tx.db.execute(sql: """
                INSERT INTO rating_tally (dimension, service_day, key, n, satisfied) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT DO UPDATE SET n = n + 1, satisfied = satisfied + excluded.satisfied
                """, arguments: [dimension.rawValue, tx.serviceDay, key, level.isSatisfied ? 1 : 0])
        }
        if isDefault {
            // Defaults are counted apart as well, so reports can say how many of the day's
            // ratings nobody gave (see RatingReports: satisfaction with and without them).
            try tx.db.execute(sql: """
                INSERT INTO rating_tally (dimension, service_day, key, n, satisfied) VALUES ('default', ?, ?, 1, ?)
                ON CONFLICT DO UPDATE SET n = n + 1, satisfied = satisfied + excluded.satisfied
                """, arguments: [tx.serviceDay, tx.serviceDay, level.isSatisfied ? 1 : 0])
        }
        // The outbox carries the rater only as "real-name or not": identity stays on the node
        // until the sync issue decides how the province receives it.
        struct Payload: Encodable { let id: String; let invitation: String; let level: Int; let reasons: [String]; let anonymous: Bool; let isDefault: Bool }
        try tx.outbox(.rating, entityId: id, payload: Payload(id: id, invitation: r["id"], level: level.rawValue, reasons: reasons, anonymous: rater == nil, isDefault: isDefault))
        try tx.audit(action: "rating.given", entity: "rating", entityId: id,
                     detail: "\(r["window_number"] as Int)号窗口 \(isDefault ? "默认" : "")评价：\(level.label)")
        if level.isBad {
            try openRectification(tx, hall: hall, ratingId: id, window: r["window_number"], clerkId: r["clerk_id"], anonymous: rater == nil,
                                  workingDays: policy.rectificationWorkingDays, calendar: calendar)
        }
        return id
    }
}
