import Foundation
import HallCore
import HallStore
import TerminalUI

/// 评价器: the screen facing the applicant at one window. It shows only what the store says is
/// pending at that window, records at most one rating per service event, and goes back to idle
/// when the invitation times out (nothing recorded). No clerk screen can drive it.
/// Standalone (`yichuang pad`) it closes only with a staff 工号 and PIN, and wrong PINs slow the
/// pad down rather than lock the account; handed over by a one-screen window console it gives
/// the screen back when the rating is done, timed out or declined.
public enum RatingPad: ScreenModel {
    public enum Mode: Equatable, Sendable {
        case standalone
        /// Opened above the window console that handed its screen over; closing returns there.
        case handOver
    }

    public enum Phase: Equatable {
        case idle
        case choosing(selected: Int)
        case reasons(level: RatingLevel, picked: Set<Int>)
        case text(level: RatingLevel, reasons: [String])
        case identity(level: RatingLevel, reasons: [String], text: String?)
        case realName(level: RatingLevel, reasons: [String], text: String?, name: String?)
        case thanks(until: Date)
    }

    public struct State {
        public let window: Int
        public let mode: Mode
        public internal(set) var policy = RatingPolicy()
        public internal(set) var invitation: RatingInvitation?
        public internal(set) var phase: Phase = .idle
        var field = TextField(maxLength: 100)
        public internal(set) var message: StatusMessage?
        /// Staff closing a standalone pad: 工号, then 密码.
        public internal(set) var exit: StaffExit?
        public internal(set) var throttle = ExitThrottle()
        /// The store's time at the last load, answer or tick: the countdown and the throttle use it.
        public internal(set) var now: Date
        /// A rating on its way to the store: keys wait for its answer, so it is sent once.
        public internal(set) var submitting = false
        /// One load at a time (see BoardModel.State.loading).
        var loading = false
        var stale = false

        public init(window: Int, mode: Mode = .standalone, now: Date) {
            self.window = window; self.mode = mode; self.now = now
        }
        var isHandOver: Bool { mode == .handOver }
    }

    /// What the applicant chose, as it goes to the store.
    public struct Submission: Sendable, Equatable {
        public var eventId: String
        public var level: RatingLevel
        public var reasons: [String]
        public var text: String?
        public var rater: RaterIdentity?
    }

    public enum Command: Sendable, Equatable {
        case load
        case rate(Submission)
        /// The province default ratings, when due (pads stay up all day).
        case applyDefaults
        case checkStaff(clerkNumber: String, pin: String)
    }

    public enum Outcome {
        case loaded(RatingPolicy, RatingInvitation?, at: Date)
        case loadFailed(String)
        case rated(at: Date)
        case rateFailed(String)
        /// nil: unknown 工号 or wrong PIN (the pad does not say which).
        case staffChecked(Clerk?, at: Date)
        case staffCheckFailed(String)
        case defaultsApplied
    }

    public enum Destination {}

    public typealias Effects = [ModelEffect<Command, Destination>]

    static let staffRoles: Set<ClerkRole> = [.clerk, .supervisor, .admin]
    static let thanksSeconds: TimeInterval = 5

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged: return load(&state)
        case .resumed, .resize, .done(.defaultsApplied): return []
        case .tick(let now): return tick(&state, now)
        case .done(.loaded(let policy, let pending, let at)):
            state.loading = false
            state.policy = policy
            state.now = at
            show(pending, &state)
            return state.stale ? load(&state) : []
        case .done(.loadFailed(let text)):
            state.loading = false
            state.message = .error(text)
            return state.stale ? load(&state) : []
        case .done(.rated(let at)):
            state.submitting = false
            state.now = at
            state.phase = .thanks(until: at + thanksSeconds)
            state.invitation = nil     // rated: nothing more can be done with this event here
            state.message = nil
            return []
        case .done(.rateFailed(let text)):
            state.submitting = false
            state.invitation = nil
            state.phase = .idle
            state.message = .error(text)
            return []
        case .done(.staffChecked(let clerk, let at)):
            state.now = at
            guard let clerk else {
                state.throttle.failed(at: at)
                state.message = .error("工号或密码错误")
                return []
            }
            state.throttle.succeeded()
            guard staffRoles.contains(clerk.role) else {
                state.message = .error("\(clerk.role.label)不能关闭评价器，请由窗口人员或大厅管理人员操作")
                return []
            }
            return [.quit]
        case .done(.staffCheckFailed(let text)):
            state.message = .error(text)
            return []
        case .key(let key):
            return handle(key, &state)
        }
    }

    static func load(_ state: inout State) -> Effects {
        guard !state.loading else { state.stale = true; return [] }
        state.loading = true
        state.stale = false
        return [.run(.load)]
    }

    /// A new service event (or the old one expired or was rated elsewhere) starts over; the
    /// thanks stay up until their time even though nothing is pending any more.
    static func show(_ pending: RatingInvitation?, _ state: inout State) {
        guard pending?.id != state.invitation?.id, !state.submitting else { return }
        if case .thanks = state.phase, pending == nil { return }
        state.invitation = pending
        state.phase = pending == nil ? .idle : .choosing(selected: 0)
        state.field = TextField(maxLength: 100)
        if pending != nil { state.message = nil }
    }

    static func tick(_ state: inout State, _ now: Date) -> Effects {
        state.now = now
        let defaults: Effects = [.run(.applyDefaults)]
        if case .thanks(let until) = state.phase, now >= until {
            if state.isHandOver { return defaults + [.close(.info("群众已完成评价，屏幕已交还"))] }
            state.phase = .idle; state.invitation = nil; state.message = nil
            return defaults + load(&state)
        }
        if let inv = state.invitation, now >= inv.expiresAt, !state.submitting {
            state.invitation = nil
            state.phase = .idle
            state.message = .info("评价已超时，本次未记录评价")
            if state.isHandOver { return defaults + [.close(state.message)] }
        }
        return defaults
    }
}
