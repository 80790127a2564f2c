import Foundation
import HallCore
import HallStore
import TerminalUI

/// 窗口叫号: the clerk's console. Every window action is one key of `keys`; the store actions
/// are `Command`s carried out by `WindowConsole.execute` over the `WindowDesk` port, and come back
/// with the window as it is after them.
public enum WindowConsole: ScreenModel {
    enum Modal {
        case callNumber(InputDialog)
        case walkUp(ChoiceDialog, [Service])
        case callBack(ChoiceDialog, [Ticket])
        case transferKind(ChoiceDialog)
        case transferService(ChoiceDialog, [Service])
        case transferWindow(ChoiceDialog, [Window])
        /// The chosen window has nobody signed in: the service queue instead?
        case transferNobodyThere(ChoiceDialog, Int)
        case transferPosition(ChoiceDialog, TransferTarget)
        case transferNote(InputDialog, TransferTarget, QueuePosition)
        case pauseReason(ChoiceDialog)
        /// F3 past the recall limit: the clerk confirms the no-show it becomes.
        case recallPastLimit(ChoiceDialog)
        /// F10: what becomes of the tickets this window still has, then sign out.
        case signOut(ChoiceDialog, returning: Bool)
    }

    /// Everything the console shows, read in one go after every action and every change.
    public struct Data: Sendable {
        public var snapshot: WindowSnapshot
        public var services: [Service]
        public var windows: [Window]
        public var windowStatus: [Int: WindowStatus]
        public var deadlines: (dueToday: Int, overdue: Int)
        /// 容缺 materials past their deadline (and due today) on the cases taken in at this window.
        public var commitments: (dueToday: Int, overdue: Int) = (0, 0)
        /// The rating this window may hand the screen over for (one-screen station), if any.
        public var handOver: RatingInvitation?
        public var ratingTimeoutSeconds: Int
        public var policy: QueuePolicy
        /// When the figures were read: waits shown are moved on by the clock from here.
        public var readAt: Date
    }

    public struct State {
        public let clerk: Clerk
        public let windowNumber: Int
        let calendar: HallCalendar
        public internal(set) var data: Data?
        public internal(set) var message: StatusMessage?
        var modal: Modal?
        public internal(set) var now: Date
        /// One load at a time (see BoardModel.State.loading).
        var loading = false
        var stale = false

        public init(clerk: Clerk, windowNumber: Int, calendar: HallCalendar, now: Date) {
            self.clerk = clerk; self.windowNumber = windowNumber; self.calendar = calendar; self.now = now
        }
        public var snapshot: WindowSnapshot? { data?.snapshot }
        var current: Ticket? { data?.snapshot.current }
        var held: [Ticket] { data?.snapshot.held ?? [] }
        var isPaused: Bool { data?.snapshot.status == .paused }
        /// The hand-over offer ends with the invitation's time.
        var handOver: RatingInvitation? { data?.handOver.flatMap { now < $0.expiresAt ? $0 : nil } }
        public var isDialogOpen: Bool { modal != nil }
    }

    public enum Action: Sendable, Equatable {
        case callNext, recall, finish, noShow, hold, callBack(ticketNumber: String?), callNumber(String)
        /// 办结并叫号: F2 while serving, one transaction (`HallStore.finishAndCallNext`).
        case finishAndCallNext
        case walkUp(serviceId: String), transfer(TransferTarget, QueuePosition, note: String)
        case pause(reason: String), resume
        /// Back to the queue at the front: the ticket being served and every held one.
        case returnTicketsToQueue
        case signOut
    }

    public enum Command: Sendable, Equatable {
        case load
        case act(Action)
        /// The province default ratings, when due (consoles stay up all day).
        case applyDefaults
    }

    public enum Outcome {
        case loaded(Data)
        /// An action went through: what to tell the clerk, and the window after it.
        case acted(Action, String, Data?)
        case failed(String, Data?)
        case loadFailed(String)
        case defaultsApplied
    }

    public enum Destination: Equatable, Sendable {
        case intake(Ticket)
        case cases
        case handOver
        case admin
    }

    public typealias Effects = [ModelEffect<Command, Destination>]

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged: return load(&state)
        case .resumed(let message):
            if let message { state.message = message }
            // The screen above may have used the rating offer (the hand-over pad): it comes back
            // only if the fresh read still has it.
            state.data?.handOver = nil
            return load(&state)
        case .tick(let now):
            state.now = now
            return [.run(.applyDefaults)]
        case .resize, .done(.defaultsApplied): return []
        case .done(.loaded(let data)):
            state.data = data
            state.loading = false
            return state.stale ? load(&state) : []
        case .done(.acted(let action, let text, let data)):
            state.message = .info(text)
            if let data { state.data = data }
            return action == .signOut || action == .returnTicketsToQueue ? [.quit] : []
        case .done(.failed(let text, let data)):
            state.message = .error(text)
            if let data { state.data = data }
            return []
        case .done(.loadFailed(let text)):
            state.message = .error(text)
            state.loading = false
            return state.stale ? load(&state) : []
        case .key(let key):
            if state.modal != nil { return handleModal(&state, key) }
            switch keys.dispatch(key, state) {
            case .run(let command): return run(command, &state)
            case .refused(let why): state.message = .error(why); return []
            case .notInTable: return []
            }
        }
    }

    static func load(_ state: inout State) -> Effects {
        guard !state.loading else { state.stale = true; return [] }
        state.loading = true
        state.stale = false
        return [.run(.load)]
    }
}
