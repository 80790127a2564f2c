import Foundation
import HallCore
import HallStore

// The narrow ports through which the effect executors reach the store. A screen model never sees
// them; the composition root (Interfaces) hands HallStore to the executors as these protocols, so
// an executor can do no more than its screen needs.

/// The call board: recent calls, waiting counts, and staff who close it.
public protocol CallBoardFeed: Sendable {
    func recentCalls(limit: Int, after seq: Int64) throws -> [CallRecord]
    func queueOverview() throws -> [ServiceQueue]
    func windowStatuses() throws -> [WindowStatusRow]
    func currentTime() -> Date
    /// Staff closing the board: a wrong PIN is audited but never locks the account.
    func checkStaffAtPublicScreen(clerkNumber: String, pin: String, terminal: String) throws -> Clerk?
}

extension HallStore: CallBoardFeed {
    public func windowStatuses() throws -> [WindowStatusRow] { try dashboard().windows }
}

/// A window console: its window's actions and what it shows.
public protocol WindowDesk: Sendable {
    func hall() throws -> HallInfo
    func currentTime() -> Date
    func windowSnapshot(_ number: Int) throws -> WindowSnapshot
    func services() throws -> [Service]
    func windows() throws -> [Window]
    func windowStatusByNumber() throws -> [Int: WindowStatus]
    func caseDeadlines(today: String) throws -> (dueToday: Int, overdue: Int)
    /// 容缺 materials due today and past due, of the cases taken in at `window`.
    func commitmentDeadlines(today: String, window: Int?) throws -> (dueToday: Int, overdue: Int)
    func pendingInvitation(window: Int) throws -> RatingInvitation?
    func ratingPolicy() throws -> RatingPolicy
    func callNext(window number: Int, by: Attribution) throws -> Ticket
    func callNumber(_ raw: String, window number: Int, by: Attribution) throws -> Ticket
    func recall(window number: Int, by: Attribution) throws -> RecallOutcome
    func markNoShow(window number: Int, by: Attribution) throws -> (Ticket, NoShowRequeue)
    func hold(window number: Int, note: String?, by: Attribution) throws -> Ticket
    func callBack(window number: Int, ticketNumber: String?, by: Attribution) throws -> Ticket
    func transfer(window number: Int, to target: TransferTarget, position: QueuePosition, note: String?, by: Attribution) throws -> Ticket
    func finish(window number: Int, by: Attribution) throws -> Ticket
    func finishAndCallNext(window number: Int, by: Attribution) throws -> FinishAndCall
    func setPaused(_ paused: Bool, window number: Int, reason: String?, by: Attribution) throws
    func serveWalkUp(service key: String, window number: Int, by: Attribution) throws -> Ticket
    func signOut(window number: Int, by: Attribution) throws
}

extension HallStore: WindowDesk {}

/// The ticket desk: the queues it issues for, issuing and appointment check-in.
public protocol TicketIssuer: Sendable {
    func hall() throws -> HallInfo
    func currentTime() -> Date
    func queueOverview() throws -> [ServiceQueue]
    func issueTicket(service key: String, priority: TicketPriority, note: String?, by: Attribution) throws -> IssuedTicket
    func checkInAppointment(code raw: String, by: Attribution) throws -> IssuedTicket
}

extension HallStore: TicketIssuer {}

/// Puts a queue ticket on paper and answers with the printer's one-line result.
public protocol TicketPrinter: Sendable {
    func printTicketAndWait(_ issued: IssuedTicket, by: Attribution) throws -> String
}

extension PrintDesk: TicketPrinter {
    /// The executor waits for the printer (the desk's screen does not): CUPS answers in well under
    /// a second, and a ticket's print must be told before the desk says the next thing about it.
    public func printTicketAndWait(_ issued: IssuedTicket, by: Attribution) throws -> String {
        let answer = PrintAnswer()
        try printTicket(issued, by: by) { answer.set($0) }
        return answer.wait()
    }
}

/// One answer from a printing thread, waited for.
final class PrintAnswer: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""
    func set(_ t: String) { text = t; done.signal() }
    func wait() -> String { done.wait(); return text }
}

/// Staff sign-in: checks a 工号 and PIN (locking after repeated failures) and, for a window,
/// signs the clerk in there; a one-time PIN is changed here first.
public protocol StaffSignIn: Sendable {
    func signIn(clerkNumber: String, pin: String, window number: Int?, terminal: String) throws -> Clerk
    /// With the current PIN (the one-time one an admin reset); clears the must-change mark.
    func changeOwnPIN(staff number: String, current: String, new: String, terminal: String) throws
}

extension HallStore: StaffSignIn {}

/// The supervisor's figures: today's queues, windows and alerts, case deadlines and 容缺
/// commitments, the reform figures, ratings, and the queue report as CSV.
public protocol HallReports: Sendable {
    func currentTime() -> Date
    func dashboard() throws -> DashboardSnapshot
    func caseDeadlines(today: String) throws -> (dueToday: Int, overdue: Int)
    func commitmentDeadlines(today: String, window: Int?) throws -> (dueToday: Int, overdue: Int)
    func overdueCommitments(today: String, limit: Int) throws -> [OverdueCommitment]
    func reformFigures(fromDay: String, toDay: String, window: Int?, today: String) throws -> ReformFigures
    func ratingSummary(fromDay: String, toDay: String) throws -> RatingSummary
    func queueReportCSV(fromDay: String, toDay: String) throws -> String
}

extension HallStore: HallReports {
    public func queueReportCSV(fromDay: String, toDay: String) throws -> String {
        try QueueReportCSV.make(store: self, fromDay: fromDay, toDay: toDay)
    }
}
