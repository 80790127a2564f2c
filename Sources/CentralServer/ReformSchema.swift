/// Migration 7: what the reform figures across halls need from each case (the hall computes the
/// same figures from its own cases, HallStore.reformFigures): its matters and opening day, whether
/// it was a 即办件, and each return of the applicant after a correction (跑动次数). Frozen once
/// applied: change it with a new migration.
enum ReformSchema {
    static let migration7: [String] = [
        // `matters`: the names the hall opened the case with ("、"-joined, as the opened event
        // says them); `opened_day`: the service day it was opened (China time).
        "ALTER TABLE ov_case ADD COLUMN matters TEXT",
        "ALTER TABLE ov_case ADD COLUMN opened_day TEXT",
        "ALTER TABLE ov_case ADD COLUMN immediate BOOLEAN NOT NULL DEFAULT false",
        "CREATE INDEX ov_case_opened ON ov_case (opened_day)",
        // One row per `resumed` event (keyed by the event's id, so projecting it twice counts once).
        """
        CREATE TABLE ov_case_return (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, case_id TEXT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_case_return_case ON ov_case_return (hall_id, case_id)",
        // Cases stored before this migration get the new columns from their events again.
        "UPDATE operation SET projected = false WHERE kind = 'case.event'",
    ]
}
