import Foundation
import GRDB
import HallCore

/// What 办结并叫号 did: the ticket finished (nil when the window was serving nobody) and the
/// ticket called (nil when nobody was left waiting for this window: the finish still stands).
public struct FinishAndCall: Equatable, Sendable {
    public var finished: Ticket?
    public var called: Ticket?
}

extension HallStore {
    /// 办结并叫号: finishes the ticket being served and calls the next one in ONE transaction.
    ///
    /// Why: a window that finishes and then calls takes the hall's write lock twice per applicant;
    /// with every window doing so the lock, not the queue, sets the pace (BENCHMARKS.md, call-next
    /// under contention). Folded, each applicant costs one turn and one commit, and no crash can
    /// fall between the two: either both are stored or neither. The event log still gets both
    /// facts (`finished`, then `called`), with the rating invitation of the finish.
    ///
    /// A paused or closed window is refused before anything changes (F9 first, or sign out); an
    /// empty queue is not a refusal: the finish is kept and `called` is nil.
    public func finishAndCallNext(window number: Int, by: Attribution) throws -> FinishAndCall {
        try perform(by) { tx, hall in
            var s = try WindowStateRow.load(tx.db, window: number)
            try s.requireSignedIn(by: by)
            try Self.requireOpen(tx.db, window: number, now: tx.now)
            if s.status == .paused { throw StoreError.windowPaused(number) }
            var result = FinishAndCall()
            if s.currentTicketId != nil { result.finished = try Self.finishServing(tx, state: &s) }
            try Self.requireReadyToCall(s, tx: tx, by: by)
            guard let (ticket, candidates) = try CallOrder.next(tx.db, window: s.window, now: tx.now, day: tx.serviceDay,
                                                                keepOvernight: hall.policy.keepQueueOvernight) else {
                guard result.finished != nil else { throw StoreError.queueEmpty(window: number) }
                return result
            }
            try CallOrder.countCall(tx.db, of: ticket, by: s.window, deferred: candidates)
            result.called = try Self.startServing(tx, ticket: ticket, state: &s, kind: .called)
            return result
        }
    }

    /// 办结 of the window's current ticket inside a transaction: the ticket, the window, the
    /// event and the rating invitation (the pad at this window invites).
    static func finishServing(_ tx: BusinessTransaction, state s: inout WindowStateRow) throws -> Ticket {
        let t = CallRules.finished(try s.requireServing(tx.db), now: tx.now)
        try TicketWrite.save(tx.db, t)
        s.release(now: tx.now)
        try s.save(tx.db, now: tx.now)
        try tx.record(.finished, ticket: t, windowNumber: s.window.number)
        try tx.inviteRating(window: s.window.number, ticket: t, caseId: nil, caseNumber: nil, matter: nil)
        return t
    }
}
