/// Migration 8: what the national 好差评 exchange (GB/T 39046-2020 table 9) needs of each rating,
/// beyond the dashboard's figures: when it was given, its reasons, whether the hall recorded it by
/// default, the case number or ticket its invitation named, and each hall's own rating policy (the
/// province's level and channel codes and the hall's 行政区划代码 travel in it). No rater identity:
/// the hall never pushes it, and the exchange needs only 实名/匿名. Frozen once applied.
enum ExchangeSchema {
    static let migration8: [String] = [
        "ALTER TABLE ov_invitation ADD COLUMN case_number TEXT",
        "ALTER TABLE ov_invitation ADD COLUMN ticket TEXT",
        "ALTER TABLE ov_rating ADD COLUMN invitation TEXT",
        "ALTER TABLE ov_rating ADD COLUMN rated_at DOUBLE PRECISION",
        "ALTER TABLE ov_rating ADD COLUMN reasons TEXT",
        "ALTER TABLE ov_rating ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT false",
        // The hall's latest rating policy as it pushed it (HallCore.RatingPolicy JSON).
        """
        CREATE TABLE ov_rating_policy (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, policy TEXT NOT NULL, hlc TEXT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        // Ratings, invitations and policies stored before this migration fill the new columns again.
        "UPDATE operation SET projected = false WHERE kind IN ('rating.invited', 'rating.given', 'rating.policy')",
    ]
}
