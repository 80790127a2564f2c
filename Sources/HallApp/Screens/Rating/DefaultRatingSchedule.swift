import Foundation
import HallCore
import HallStore

/// Applies the province default rating (no rating within N days) without anybody doing it: the
/// screens that stay up all day (pad, window console) run it from their executors on load and
/// tick, and cron can run `yichuang ratings apply-defaults`. The check is a cursor read in the
/// store, so many processes doing it every few minutes cost nothing, and the store makes it
/// idempotent.
public final class DefaultRatingSchedule: @unchecked Sendable {   // used by one executor thread at a time
    let source: RatingDefaultsSource
    let by: Attribution
    /// By the store clock, so tests can move days forward.
    let interval: TimeInterval
    var lastRun: Date?
    /// How many defaults the last run recorded (for tests and a status message).
    public private(set) var lastRecorded = 0

    public init(store: RatingDefaultsSource, terminal: String, interval: TimeInterval = 600) {
        self.source = store
        self.interval = interval
        by = Attribution(terminal: "\(terminal) 默认评价")
    }

    /// Runs at the first call, then once per interval (again at once if the clock went back).
    @discardableResult
    public func runIfDue() -> Int {
        let now = source.currentTime()
        if let last = lastRun, now >= last, now.timeIntervalSince(last) < interval { return 0 }
        lastRun = now
        // A busy or read-only store is simply tried again next interval: this must never
        // disturb the clerk's or the applicant's screen.
        lastRecorded = (try? source.applyDefaultRatings(by: by, batch: 500)) ?? 0
        return lastRecorded
    }
}
