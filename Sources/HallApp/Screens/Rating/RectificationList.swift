import Foundation
import HallCore
import HallStore
import TerminalUI

/// 差评整改 for supervisors: every open bad-rating task (overdue first), with the rater's contact
/// for the callback, and each step of the loop as dialogs that end in one `rectify` command.
public enum RectificationList: ScreenModel {
    /// The step being entered; the dialogs collect its parts one after another.
    enum Step: Equatable {
        case callback(reached: Bool?)
        case resolve(kind: Int?)
        case fixCompleted, reportBack, appeal
        case review(upheld: Bool?)
        case verdict
    }

    public struct State {
        public let clerk: Clerk
        let calendar: HallCalendar
        public internal(set) var tasks: [RectificationTask] = []
        public internal(set) var selected = 0
        public internal(set) var showClosed = false
        var step: Step?
        var choice: ChoiceDialog?
        var input: InputDialog?
        public internal(set) var message: StatusMessage?
        /// One load at a time (see BoardModel.State.loading).
        var loading = false
        var stale = false

        public init(clerk: Clerk, calendar: HallCalendar) { self.clerk = clerk; self.calendar = calendar }
        var current: RectificationTask? { tasks.indices.contains(selected) ? tasks[selected] : nil }
    }

    public enum Command: Sendable, Equatable {
        case load(includeClosed: Bool)
        case rectify(taskId: String, RectificationAction, includeClosed: Bool)
    }

    public enum Outcome {
        case loaded([RectificationTask])
        case loadFailed(String)
        /// The step went through; the tasks as they are after it, if they could be read.
        case rectified(RectificationAction, [RectificationTask]?)
        case failed(String)
    }

    public enum Destination {}

    public typealias Effects = [ModelEffect<Command, Destination>]

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .resumed: return load(&state)
        case .tick, .resize: return []
        case .done(.loaded(let tasks)):
            state.loading = false
            show(tasks, &state)
            return state.stale ? load(&state) : []
        case .done(.loadFailed(let text)):
            state.loading = false
            state.message = .error(text)
            return state.stale ? load(&state) : []
        case .done(.rectified(let action, let tasks)):
            state.message = .info("已登记：\(action.label)")
            if let tasks { show(tasks, &state) }
            return []
        case .done(.failed(let text)):
            state.message = .error(text)
            return []
        case .key(let key): return handle(key, &state)
        }
    }

    static func load(_ state: inout State) -> Effects {
        guard !state.loading else { state.stale = true; return [] }
        state.loading = true
        state.stale = false
        return [.run(.load(includeClosed: state.showClosed))]
    }

    static func show(_ tasks: [RectificationTask], _ state: inout State) {
        state.tasks = tasks
        state.selected = min(state.selected, max(0, tasks.count - 1))
    }
}
