import Foundation
import HallCore
import HallStore
import TerminalUI

/// The pad's key tables (one per mode: a standalone pad closes with a staff PIN, a handed-over
/// screen goes back to the clerk): they draw the key bar, write the F1 help and dispatch. Nothing
/// here lets staff choose a level.
extension RatingPad {
    enum Action: Sendable { case level, move, confirm, toggleReason, realName, anonymous, back, decline, staffExit, giveBack }

    static func isPhase(_ s: State, _ test: (Phase) -> Bool) -> String? { test(s.phase) ? nil : "" }
    static func choosing(_ p: Phase) -> Bool { if case .choosing = p { return true }; return false }
    static func reasons(_ p: Phase) -> Bool { if case .reasons = p { return true }; return false }
    static func identity(_ p: Phase) -> Bool { if case .identity = p { return true }; return false }
    static func typing(_ p: Phase) -> Bool { switch p { case .text, .realName: return true; default: return false } }
    static func resting(_ p: Phase) -> Bool { switch p { case .idle, .thanks: return true; default: return false } }

    static let common: [KeyCommand<State, Action>] = [
        KeyCommand("12345".map { .character($0) }, "1-5", "评价", help: "1 非常满意　2 满意　3 基本满意　4 不满意　5 非常不满意",
                   unavailable: { isPhase($0, choosing) }, action: .level),
        KeyCommand([.up, .down], "↑↓", "选择", help: "用方向键选择评价，按回车确认", unavailable: { isPhase($0, choosing) }, action: .move),
        KeyCommand("123456789".map { .character($0) }, "数字", "选原因", help: "选择不满意或非常不满意时，用数字选择原因（可多选，再按一次取消）",
                   unavailable: { isPhase($0, reasons) }, action: .toggleReason),
        KeyCommand([.character("1")], "1", "实名", help: "留下姓名和电话，便于工作人员回访整改（仅大厅管理人员可见）",
                   unavailable: { isPhase($0, identity) }, action: .realName),
        KeyCommand([.character("2")], "2", "匿名", help: "不留姓名和电话", unavailable: { isPhase($0, identity) }, action: .anonymous),
        KeyCommand([.enter], "回车", "确认", help: "确认选择；补充意见可不填，直接按回车",
                   unavailable: { isPhase($0) { choosing($0) || reasons($0) || typing($0) } }, action: .confirm),
        KeyCommand([.escape], "Esc", "返回", help: "回到上一步",
                   unavailable: { isPhase($0) { reasons($0) || identity($0) || typing($0) } }, action: .back),
    ]

    static let standaloneKeys = KeyTable<State, Action>(common + [
        KeyCommand([.function(10)], "F10", "退出", help: "工作人员按 F10，输入工号和密码后关闭评价器；密码连续输错时评价器会暂停关闭一段时间",
                   unavailable: { resting($0.phase) ? nil : "群众正在评价：评价完成或超时后工作人员再关闭" }, action: .staffExit),
    ])

    static let handOverKeys = KeyTable<State, Action>(common + [
        KeyCommand([.escape], "Esc", "不评价", help: "不想评价请按 Esc，屏幕交还工作人员，不记录评价",
                   unavailable: { isPhase($0, choosing) }, action: .decline),
        KeyCommand([], "任意键", "交还窗口", help: "评价完成或超时后，按任意键把屏幕交还工作人员（几秒后也会自动交还）",
                   unavailable: { isPhase($0, resting) }, action: .giveBack),
    ])

    static func keys(_ mode: Mode) -> KeyTable<State, Action> { mode == .handOver ? handOverKeys : standaloneKeys }

    static func handle(_ key: Key, _ state: inout State) -> Effects {
        if state.exit != nil { return handleExit(key, &state) }
        if state.submitting { return [] }
        // A handed-over screen at rest goes back on any key (F10, the console's sign-out, too).
        if state.isHandOver, resting(state.phase) { return run(.giveBack, key, &state) }
        // While the applicant types, only Enter and Esc are commands; every other key is text.
        if typing(state.phase), key != .enter, key != .escape {
            _ = state.field.handle(key)
            return []
        }
        switch keys(state.mode).dispatch(key, state) {
        case .run(let action): return run(action, key, &state)
        // The applicant's keys that mean nothing now are ignored without a word; staff are told.
        case .refused(let why): if key == .function(10) { state.message = .error(why) }
        case .notInTable: break
        }
        return []
    }

    static func run(_ action: Action, _ key: Key, _ state: inout State) -> Effects {
        switch (action, state.phase) {
        case (.level, _):
            guard case .character(let c) = key, let d = c.wholeNumberValue, let level = RatingLevel(rawValue: d) else { return [] }
            return choose(level, &state)
        case (.move, .choosing(let selected)):
            state.phase = .choosing(selected: key == .up ? max(0, selected - 1) : min(4, selected + 1))
        case (.confirm, .choosing(let selected)): return choose(RatingLevel.allCases[selected], &state)
        case (.toggleReason, .reasons(let level, var picked)):
            guard case .character(let c) = key, let d = c.wholeNumberValue, d <= state.policy.reasons.count else { return [] }
            if picked.contains(d - 1) { picked.remove(d - 1) } else { picked.insert(d - 1) }
            state.phase = .reasons(level: level, picked: picked)
        case (.confirm, .reasons(let level, let picked)):
            guard !picked.isEmpty else { state.message = .error("请至少选择一项原因"); return [] }
            state.message = nil
            state.field = TextField(maxLength: 100)
            state.phase = .text(level: level, reasons: picked.sorted().map { state.policy.reasons[$0] })
        case (.confirm, .text(let level, let reasons)):
            let t = state.field.text.trimmingCharacters(in: .whitespaces)
            return next(level, reasons, t.isEmpty ? nil : t, &state)
        case (.realName, .identity(let level, let reasons, let text)):
            state.field = TextField(maxLength: 20)
            state.phase = .realName(level: level, reasons: reasons, text: text, name: nil)
        case (.anonymous, .identity(let level, let reasons, let text)): return submit(level, reasons, text, nil, &state)
        case (.confirm, .realName(let level, let reasons, let text, let name)):
            let value = state.field.text.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { state.message = .error(name == nil ? "请输入姓名" : "请输入联系电话"); return [] }
            if let name { return submit(level, reasons, text, RaterIdentity(name: name, phone: value), &state) }
            state.field = TextField(maxLength: 20)
            state.phase = .realName(level: level, reasons: reasons, text: text, name: value)
        case (.back, .reasons(let level, _)), (.back, .identity(let level, _, _)):
            state.phase = .choosing(selected: level.rawValue - 1)
        case (.back, .text(let level, _)): state.phase = .reasons(level: level, picked: [])
        case (.back, .realName(let level, let reasons, let text, _)):
            state.phase = .identity(level: level, reasons: reasons, text: text)
        case (.decline, _): return [.close(.info("群众未评价，屏幕已交还（未记录评价）"))]
        case (.giveBack, .thanks): return [.close(.info("群众已完成评价，屏幕已交还"))]
        case (.giveBack, _): return [.close(state.message ?? .info("屏幕已交还"))]
        case (.staffExit, _):
            if let why = state.throttle.refusal(at: state.now) { state.message = .error(why); return [] }
            state.exit = .start("关闭评价器（工作人员）")
        default: break
        }
        return []
    }

    static func handleExit(_ key: Key, _ state: inout State) -> Effects {
        switch state.exit?.handle(key) {
        case .pending(let next)?: state.exit = next
        case .cancelled?: state.exit = nil
        case .missingNumber?: state.message = .error("请输入工号")
        case .submitted(let number, let pin)?:
            state.exit = nil
            return [.run(.checkStaff(clerkNumber: number, pin: pin))]
        case nil: break
        }
        return []
    }

    static func choose(_ level: RatingLevel, _ state: inout State) -> Effects {
        state.message = nil
        if level.isBad { state.phase = .reasons(level: level, picked: []); return [] }
        return next(level, [], nil, &state)
    }

    /// Real name is asked only where it serves a callback (bad ratings) or where the hall does
    /// not allow anonymous ratings at all.
    static func next(_ level: RatingLevel, _ reasons: [String], _ text: String?, _ state: inout State) -> Effects {
        if !state.policy.anonymousAllowed {
            state.field = TextField(maxLength: 20)
            state.phase = .realName(level: level, reasons: reasons, text: text, name: nil)
            return []
        }
        if level.isBad {
            state.phase = .identity(level: level, reasons: reasons, text: text)
            return []
        }
        return submit(level, reasons, text, nil, &state)
    }

    static func submit(_ level: RatingLevel, _ reasons: [String], _ text: String?, _ rater: RaterIdentity?,
                       _ state: inout State) -> Effects {
        guard let inv = state.invitation else { state.phase = .idle; return [] }
        state.submitting = true
        return [.run(.rate(Submission(eventId: inv.id, level: level, reasons: reasons, text: text, rater: rater)))]
    }
}
