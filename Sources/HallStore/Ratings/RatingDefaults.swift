import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Province rule "no rating within N days counts as <level>": records the configured default
    /// for every invitation older than N days that was never rated (timed out or superseded),
    /// marked is_default and channel 政务大厅其他终端, with no rater. Returns how many were
    /// recorded by this call. Does nothing unless the policy names a default level.
    ///
    /// Runs unattended from every window console, pad and dashboard (`DefaultRatingSchedule`) and
    /// from cron (`yichuang ratings apply-defaults`), so it must be cheap and idempotent with
    /// several processes on one store: a cursor (rating_default_mark) skips everything already
    /// settled, each invitation is re-checked inside the write transaction, and rating.invitation_id
    /// is UNIQUE, so two processes racing can never record two defaults for one event.
    @discardableResult
    public func applyDefaultRatings(by: Attribution, batch: Int = 500) throws -> Int {
        var total = 0
        while true {
            let n = try applyDefaultBatch(by: by, batch: batch)
            total += n.recorded
            if !n.more { return total }
        }
    }

    private struct NothingRecorded: Error {}

    private func applyDefaultBatch(by: Attribution, batch: Int) throws -> (recorded: Int, more: Bool) {
        let policy = try ratingPolicy()
        guard let level = policy.defaultLevel, !level.isBad else { return (0, false) }
        let cutoff = clock.now().addingTimeInterval(-Double(policy.defaultAfterDays) * 86_400).timeIntervalSince1970
        let (mark, rows, upper) = try read { db in try Self.defaultCandidates(db, cutoff: cutoff, batch: batch) }
        guard upper > mark else { return (0, false) }
        let more = rows.count == batch
        guard !rows.isEmpty else {
            // Everything old enough was rated: move the cursor (bookkeeping, not a business fact).
            try pool.write { db in try Self.advanceDefaultMark(db, to: upper) }
            return (0, false)
        }
        do {
            let n: Int = try perform(by) { tx, hall in
                var n = 0
                for r in rows where try !Self.isRated(tx.db, invitation: r["id"]) {
                    _ = try Self.insertRating(tx, hall: hall, invitation: r, level: level, reasons: [],
                                              text: "超过\(policy.defaultAfterDays)天未评价，按规定默认\(level.label)",
                                              rater: nil, channel: .hallOtherTerminal, isDefault: true, policy: policy, calendar: nil)
                    n += 1
                }
                // Another process recorded them first: roll back (a business write needs its own
                // audit entry), then only move the cursor below.
                if n == 0 { throw NothingRecorded() }
                try Self.advanceDefaultMark(tx.db, to: upper)
                return n
            }
            return (n, more)
        } catch is NothingRecorded {
            try pool.write { db in try Self.advanceDefaultMark(db, to: upper) }
            return (0, more)
        }
    }

    /// The unrated invitations past the cutoff after the cursor, and how far the cursor may move:
    /// to just before the first invitation still inside its N days (invitations are nearly, not
    /// strictly, in created_at order across processes), and never past the batch.
    static func defaultCandidates(_ db: Database, cutoff: Double, batch: Int) throws -> (mark: Int, rows: [Row], upper: Int) {
        let mark = try Int.fetchOne(db, sql: "SELECT through_seq FROM rating_default_mark WHERE id = 1") ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM rating_invitation i WHERE seq > ? AND created_at <= ?
            AND NOT EXISTS (SELECT 1 FROM rating WHERE invitation_id = i.id) ORDER BY seq LIMIT ?
            """, arguments: [mark, cutoff, batch])
        let firstYoung = try Int.fetchOne(db, sql: "SELECT MIN(seq) FROM rating_invitation WHERE seq > ? AND created_at > ?", arguments: [mark, cutoff])
        var upper = try firstYoung.map { $0 - 1 } ?? (Int.fetchOne(db, sql: "SELECT MAX(seq) FROM rating_invitation") ?? 0)
        if rows.count == batch, let last: Int = rows.last?["seq"] { upper = min(upper, last) }
        return (mark, rows, upper)
    }

    static func advanceDefaultMark(_ db: Database, to seq: Int) throws {
        try db.execute(sql: "UPDATE rating_default_mark SET through_seq = MAX(through_seq, ?) WHERE id = 1", arguments: [seq])
    }

    static func isRated(_ db: Database, invitation id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rating WHERE invitation_id = ?)", arguments: [id]) ?? false
    }

    /// How many ratings in [fromDay, toDay] are province defaults (counted in rating_tally under
    /// 'default', so this stays as cheap as the satisfaction report).
    public func defaultRatingTally(fromDay: String, toDay: String) throws -> SatisfactionTally {
        try read { db in
            let r = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(satisfied), 0) AS ok FROM rating_tally
                WHERE dimension = 'default' AND service_day BETWEEN ? AND ?
                """, arguments: [fromDay, toDay])!
            return SatisfactionTally(total: r["n"], satisfied: r["ok"])
        }
    }
}
