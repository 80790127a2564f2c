import Foundation
import HallCore
import HallStore
import TerminalUI

/// 评价器: the screen facing the applicant at one window. It shows only what the store says is
/// pending at that window, records at most one rating per service event, and goes back to idle
/// when the invitation times out (nothing recorded). No clerk screen can drive it.
/// Standalone (`yichuang pad`) it closes only with a staff PIN; handed over by a one-screen
/// window console it gives the screen back when the rating is done, timed out or declined.
public final class RatingPadScreen: LegacyScreen {
    public enum Mode {
        case standalone
        /// The console to return to, with what to tell the clerk.
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
        public var invitation: RatingInvitation?
        public var phase: Phase = .idle
        public var field = TextField(maxLength: 100)
        public var message: StatusMessage?
        /// Staff closing a standalone pad: 工号, then 密码.
        public var exitPrompt: StaffExit?
        public var throttle = ExitThrottle()
    }

    let store: HallStore
    let window: Int
    let by: Attribution
    let mode: Mode
    let defaults: DefaultRatingSchedule
    var policy = RatingPolicy()
    public internal(set) var state = State()
    public var transition: ScreenTransition?

    public init(store: HallStore, window: Int, terminal: String, mode: Mode = .standalone) {
        self.store = store; self.window = window; self.mode = mode
        by = Attribution(terminal: "\(terminal) 评价器\(window)")
        defaults = DefaultRatingSchedule(store: store, terminal: "\(terminal) 评价器\(window)")
    }

    var isHandOver: Bool { if case .handOver = mode { return true }; return false }

    public var title: String { "\(window)号窗口 服务评价" }
    public var message: StatusMessage? { state.message }
    public var minimumSize: (width: Int, height: Int) { (40, 12) }
    public var facesApplicant: Bool { true }
    public var isTypingText: Bool {
        if state.exitPrompt != nil { return true }
        switch state.phase { case .text, .realName: return true; default: return false }
    }

    public var keyBar: [KeyBarItem] {
        if state.exitPrompt != nil { return [.init("回车", "确认"), .init("Esc", "取消")] }
        switch state.phase {
        case .idle, .thanks: return isHandOver ? [.init("任意键", "交还窗口")] : [.init("F1", "帮助"), .init("F10", "退出")]
        case .choosing:
            // Declining is allowed (never forced); on a handed-over screen Esc gives it back.
            return [.init("1-5", "评价"), .init("↑↓", "选择"), .init("回车", "确认")]
                + (isHandOver ? [.init("Esc", "不评价")] : []) + [.init("F1", "帮助")]
        case .reasons: return [.init("数字", "选原因"), .init("回车", "确认"), .init("Esc", "返回"), .init("F1", "帮助")]
        case .text, .realName: return [.init("回车", "确认"), .init("Esc", "返回"), .init("F1", "帮助")]
        case .identity: return [.init("1", "实名"), .init("2", "匿名"), .init("Esc", "返回"), .init("F1", "帮助")]
        }
    }

    public var help: [String] {
        ["请对刚才的服务作出评价：按 1–5 或用 ↑↓ 选择后按回车。",
         "1 非常满意　2 满意　3 基本满意　4 不满意　5 非常不满意",
         "选择不满意或非常不满意时，请用数字选择原因（可多选），回车确认，可补充文字意见。",
         "实名评价便于工作人员回访整改，您的姓名和电话只有大厅管理人员可见。",
         "每次服务只能评价一次，提交后不能修改；\(policy.timeoutSeconds)秒内未评价则不记录。",
         isHandOver ? "不想评价请按 Esc，屏幕交还工作人员，不记录评价。" : "工作人员按 F10，输入工号和密码后关闭评价器。"]
    }

    public func reload() {
        defaults.runIfDue()
        do {
            policy = try store.ratingPolicy()
            let pending = try store.pendingInvitation(window: window)
            if pending?.id != state.invitation?.id {
                if case .thanks = state.phase, pending == nil { return }
                // A new service event (or the old one expired / was rated): start over for it.
                state.invitation = pending
                state.phase = pending == nil ? .idle : .choosing(selected: 0)
                state.field = TextField(maxLength: 100)
                if pending != nil { state.message = nil }
            }
        } catch { state.message = .from(error) }
    }

    public func tick() -> Bool {
        defaults.runIfDue()
        let now = store.clock.now()
        if case .thanks(let until) = state.phase, now >= until {
            if isHandOver { giveBack(.info("群众已完成评价，屏幕已交还")); return true }
            state.phase = .idle; state.invitation = nil; state.message = nil; reload(); return true
        }
        if let inv = state.invitation, now >= inv.expiresAt {
            state.invitation = nil
            state.phase = .idle
            state.message = .info("评价已超时，本次未记录评价")
            if isHandOver { giveBack(state.message) }
            return true
        }
        return false
    }

    public func handle(_ key: Key) {
        if state.exitPrompt != nil { handleExitPrompt(key); return }
        if handleStaffKey(key) { return }
        switch state.phase {
        case .idle, .thanks: return
        case .choosing(let selected): handleChoosing(key, selected)
        case .reasons(let level, let picked): handleReasons(key, level, picked)
        case .text(let level, let reasons):
            if key == .escape { state.phase = .reasons(level: level, picked: []); return }
            if key == .enter {
                let t = state.field.text.trimmingCharacters(in: .whitespaces)
                state.field = TextField(maxLength: 20)
                next(level, reasons, t.isEmpty ? nil : t)
                return
            }
            _ = state.field.handle(key)
        case .identity(let level, let reasons, let text):
            switch key {
            case .character("1"): state.field = TextField(maxLength: 20); state.phase = .realName(level: level, reasons: reasons, text: text, name: nil)
            case .character("2"): submit(level, reasons, text, nil)
            case .escape: state.phase = .choosing(selected: level.rawValue - 1)
            default: break
            }
        case .realName(let level, let reasons, let text, let name):
            if key == .escape { state.phase = .identity(level: level, reasons: reasons, text: text); return }
            guard key == .enter else { _ = state.field.handle(key); return }
            let value = state.field.text.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { state.message = .error(name == nil ? "请输入姓名" : "请输入联系电话"); return }
            if let name {
                submit(level, reasons, text, RaterIdentity(name: name, phone: value))
            } else {
                state.field = TextField(maxLength: 20)
                state.phase = .realName(level: level, reasons: reasons, text: text, name: value)
            }
        }
    }

    func handleChoosing(_ key: Key, _ selected: Int) {
        switch key {
        case .up: state.phase = .choosing(selected: max(0, selected - 1))
        case .down: state.phase = .choosing(selected: min(4, selected + 1))
        case .enter: choose(RatingLevel.allCases[selected])
        case .character(let c):
            if c.isASCII, let d = c.wholeNumberValue, (1...5).contains(d) { choose(RatingLevel(rawValue: d)!) }
        default: break
        }
    }

    func choose(_ level: RatingLevel) {
        state.message = nil
        if level.isBad { state.phase = .reasons(level: level, picked: []) } else { next(level, [], nil) }
    }

    func handleReasons(_ key: Key, _ level: RatingLevel, _ picked: Set<Int>) {
        switch key {
        case .escape: state.phase = .choosing(selected: level.rawValue - 1)
        case .enter:
            guard !picked.isEmpty else { state.message = .error("请至少选择一项原因"); return }
            state.message = nil
            state.field = TextField(maxLength: 100)
            state.phase = .text(level: level, reasons: picked.sorted().map { policy.reasons[$0] })
        case .character(let c):
            guard c.isASCII, let d = c.wholeNumberValue, d >= 1, d <= policy.reasons.count else { return }
            var p = picked
            if p.contains(d - 1) { p.remove(d - 1) } else { p.insert(d - 1) }
            state.phase = .reasons(level: level, picked: p)
        default: break
        }
    }

    /// Real name is asked only where it serves a callback (bad ratings) or where the hall
    /// does not allow anonymous ratings at all.
    func next(_ level: RatingLevel, _ reasons: [String], _ text: String?) {
        if !policy.anonymousAllowed {
            state.field = TextField(maxLength: 20)
            state.phase = .realName(level: level, reasons: reasons, text: text, name: nil)
        } else if level.isBad {
            state.phase = .identity(level: level, reasons: reasons, text: text)
        } else {
            submit(level, reasons, text, nil)
        }
    }

    func submit(_ level: RatingLevel, _ reasons: [String], _ text: String?, _ rater: RaterIdentity?) {
        guard let inv = state.invitation else { state.phase = .idle; return }
        do {
            try store.rate(window: window, eventId: inv.id, level: level, reasons: reasons, text: text, realName: rater, by: by)
            state.phase = .thanks(until: store.clock.now().addingTimeInterval(5))
            state.invitation = nil     // rated: nothing more can be done with this event here
            state.message = nil
        } catch {
            state.invitation = nil
            state.phase = .idle
            state.message = .from(error)
        }
    }
}
