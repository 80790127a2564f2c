import Foundation
import HallCore
import HallStore

// The rating screens' ports (see Ports.swift for the idea): the pad and the rectification list
// reach the store only through these.

/// What the province default ratings need: the time, and the store's idempotent apply.
public protocol RatingDefaultsSource: Sendable {
    func currentTime() -> Date
    func applyDefaultRatings(by: Attribution, batch: Int) throws -> Int
}

/// A rating pad: the invitation pending at its window, the rating, and staff who close it.
public protocol RatingDesk: RatingDefaultsSource {
    func ratingPolicy() throws -> RatingPolicy
    func pendingInvitation(window: Int) throws -> RatingInvitation?
    func rate(window: Int, eventId: String, level: RatingLevel, reasons: [String], text: String?,
              realName: RaterIdentity?, channel: RatingChannel, by: Attribution) throws -> String
    /// Checks a staff PIN without touching the account's lock-out (the pad throttles itself).
    func checkStaffAtPublicScreen(clerkNumber: String, pin: String, terminal: String) throws -> Clerk?
}

extension HallStore: RatingDesk {}

/// 差评整改: the tasks a supervisor may read, and each step of the loop.
public protocol RectificationDesk: Sendable {
    func rectificationTasks(reader: Clerk, includeClosed: Bool) throws -> [RectificationTask]
    func rectify(taskId: String, _ action: RectificationAction, by clerk: Clerk, terminal: String) throws
}

extension HallStore: RectificationDesk {}
