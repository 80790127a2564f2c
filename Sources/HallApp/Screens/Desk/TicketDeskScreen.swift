import Foundation
import HallCore
import HallStore
import TerminalUI

/// 取号台: issue by service with digits, green-channel toggle, ID check for age, appointment
/// check-in. Issuing and printing are `Command`s carried out by `TicketDesk.execute` over the
/// `TicketIssuer` port; the ID check is pure and never leaves the screen (the number is not kept).
public enum TicketDesk: ScreenModel {
    enum Modal { case checkIn(InputDialog), idCheck(InputDialog) }

    /// What the desk shows, read in one go.
    public struct Data: Sendable {
        public var queues: [ServiceQueue]
        public var policy: QueuePolicy
        public var readAt: Date
    }

    public struct State {
        public let clerk: Clerk
        let calendar: HallCalendar
        public internal(set) var data: Data?
        public internal(set) var green = false
        public internal(set) var last: IssuedTicket?
        public internal(set) var message: StatusMessage?
        /// The ticket the message line is about: a printer's answer joins the line only while it
        /// still speaks of that ticket, so a late answer never lands on a later action's line.
        var messageTicket: String?
        var modal: Modal?
        public internal(set) var now: Date
        /// One load at a time.
        var loads = LoadGate()
        /// Keys typed before the first load landed (a guide types as soon as the desk appears):
        /// held, then handled in order once the desk knows its services, never lost.
        var early: [Key] = []

        public init(clerk: Clerk, calendar: HallCalendar, now: Date) {
            self.clerk = clerk; self.calendar = calendar; self.now = now
        }
        var queues: [ServiceQueue] { data?.queues ?? [] }
        public var isDialogOpen: Bool { modal != nil }

        /// Every action the desk takes starts a new message line; nothing of the last one stays.
        mutating func say(_ message: StatusMessage?, about ticket: String? = nil) {
            self.message = message; messageTicket = ticket
        }
    }

    public enum Command: Sendable, Equatable {
        case load
        case issue(serviceId: String, priority: TicketPriority)
        case checkIn(code: String)
        case printTicket(IssuedTicket)
    }

    public enum Outcome {
        case loaded(Data)
        case loadFailed(String)
        /// A ticket was issued (or an appointment checked in), with the queues after it.
        case issued(IssuedTicket, appointment: Bool, Data?)
        case failed(String, Data?)
        /// The printer's answer for a ticket: its line, and whether it failed.
        case printed(ticket: String, text: String, failed: Bool)
    }

    public enum Destination {}

    public typealias Effects = [ModelEffect<Command, Destination>]

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged: return load(&state)
        case .resumed, .resize: return []
        case .tick(let now):
            state.now = now
            return []
        case .done(.loaded(let data)):
            state.data = data
            state.now = max(state.now, data.readAt)
            return (state.loads.landed() ? load(&state) : []) + replayEarlyKeys(&state)
        case .done(.loadFailed(let text)):
            state.say(.error(text))
            return (state.loads.landed() ? load(&state) : []) + replayEarlyKeys(&state)
        case .done(.issued(let issued, let appointment, let data)):
            if let data { state.data = data }
            state.last = issued
            let t = issued.ticket
            if appointment {
                state.say(.info("预约签到成功：\(t.number)（\(t.priority.label)）\(t.note ?? "")"), about: t.number)
            } else {
                state.green = false
                let wait = issued.estimatedWaitSeconds.map { "，" + NoticeBuilder.waitText($0) } ?? ""
                state.say(.info("已取号 \(t.number)（\(issued.serviceName)），前面还有 \(issued.peopleAhead) 人\(wait)"), about: t.number)
            }
            return [.run(.printTicket(issued))]
        case .done(.failed(let text, let data)):
            if let data { state.data = data }
            state.say(.error(text))
            return []
        case .done(.printed(let number, let text, let failed)):
            let line = "号票 \(number)：\(text)" + (failed ? "；按 F6 补打" : "")
            if state.messageTicket == number, let base = state.message {
                state.message = failed ? .error(base.text + " · " + line) : .info(base.text + " · " + line)
            } else if failed {
                // The clerk has moved on, but a ticket that did not print must still be told.
                state.say(.error(line), about: number)
            }
            return []
        case .key(let key):
            if state.data == nil && state.loads.loading { state.early.append(key); return [] }
            if state.modal != nil { return handleModal(&state, key) }
            switch keys.dispatch(key, state) {
            case .run(let action): return run(action, key: key, &state)
            case .refused(let why): state.say(.error(why)); return []
            case .notInTable:
                if key == .escape { state.say(.info("这是取号台的首页：退出请按 F10")) }
                return []
            }
        }
    }

    static func replayEarlyKeys(_ state: inout State) -> Effects {
        let keys = state.early
        state.early = []
        return keys.flatMap { update(&state, .key($0)) }
    }

    static func load(_ state: inout State) -> Effects {
        state.loads.ask() ? [.run(.load)] : []
    }

    public static func isTypingText(_ state: State) -> Bool { state.modal != nil }
}
