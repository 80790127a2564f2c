import Foundation
import GRDB
import HallCore

extension HallStore {
    /// The hall's rating rules (defaults until configured); read in every rating write, so a
    /// change made in one process applies to the next rating in every process.
    public func ratingPolicy() throws -> RatingPolicy { try read { db in try Self.ratingPolicy(db) } }

    static func ratingPolicy(_ db: Database) throws -> RatingPolicy {
        guard let row = try db.fetchOneCached("SELECT hall_id, policy FROM rating_settings LIMIT 1") else { return RatingPolicy() }
        let text: String = row["policy"]
        // Damage is reported, not read as the defaults (which would change the province's rules silently).
        guard let policy = try? JSONDecoder().decode(RatingPolicy.self, from: Data(text.utf8)) else {
            throw StoreError.corruptRow(table: "rating_settings", id: row["hall_id"], column: "policy", value: String(text.prefix(60)))
        }
        return policy
    }

    /// Only a role the matrix allows to change rules (the admin) may.
    public func updateRatingPolicy(_ policy: RatingPolicy, by: Attribution) throws {
        try updateRatingPolicy(policy, by: by, asCentre: false)
    }

    /// `asCentre`: the policy the centre published, carried in by sync (decided there, not here).
    func updateRatingPolicy(_ policy: RatingPolicy, by: Attribution, asCentre: Bool) throws {
        if let why = policy.problem() { throw StoreError.invalidInput(why) }
        try perform(by) { tx, hall in
            if !asCentre { try tx.require(.changeRules) }
            try tx.db.execute(sql: "INSERT INTO rating_settings (hall_id, policy) VALUES (?, ?) ON CONFLICT (hall_id) DO UPDATE SET policy = excluded.policy",
                              arguments: [hall.hallId, jsonText(policy)])
            try tx.outbox(.ratingPolicy, entityId: hall.hallId, payload: policy)
            try tx.audit(action: "rating.policy", entity: "hall", entityId: hall.hallId, detail: "修改好差评设置")
        }
    }
}
