import Foundation
import HallCore
import HallStore
import TerminalUI

/// The form tab: moving between fields, typing, choosing, checking and saving a field. Everything
/// about editing one field lives here, so a new kind of field changes this file and the render.
extension IntakeCase.State {
    mutating func handleForm(_ key: Key) -> Effects {
        switch key {
        case .up, .backTab: return moveFocus(-1)
        case .enter:
            // A rejected value keeps the focus: the clerk corrects it here instead of typing the
            // next answer into this field (↓ still moves on deliberately).
            let saving = commitField()
            if editable, let f = focusedField, let why = errors[f.key] {
                message = .error(why + "（请改正后回车；↓ 可先填下一栏）")
                return saving
            }
            return saving + moveFocus(+1)
        case .down, .tab: return moveFocus(+1)
        case .pageUp: return moveFocus(-8)
        case .pageDown: return moveFocus(+8)
        default:
            guard let f = focusedField else { return [] }
            guard editable else {
                message = .error(c?.status == .awaitingCorrection ? "待补正的办件请先按 F7 继续受理" : "办件状态为“\(c?.status.label ?? "")”，表单不能再修改")
                return []
            }
            if case .choice(let options) = f.kind { return chooseOption(key, options: options) }
            if case .multiChoice(let options) = f.kind { return toggleOption(key, options: options) }
            if editor.handle(key) {
                typedAt = now
                if editor.overflowed { message = .error(editor.overflowMessage) }
            }
            return []
        }
    }

    mutating func chooseOption(_ key: Key, options: [String]) -> Effects {
        switch key {
        case .character(let ch):
            if let d = ch.wholeNumberValue, d >= 1, d <= options.count {
                editor.text = options[d - 1]
                return commitField()
            }
            message = .error("请按数字选择：" + options.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: " "))
        case .backspace, .delete:
            editor.text = ""
            return commitField()
        default: break
        }
        return []
    }

    /// 多选 (印章种类, 发票种类): a digit ticks or unticks its option and saves at once;
    /// Backspace clears them all.
    mutating func toggleOption(_ key: Key, options: [String]) -> Effects {
        switch key {
        case .character(let ch):
            if let d = ch.wholeNumberValue, d >= 1, d <= options.count {
                editor.text = MultiChoice.toggled(editor.text, option: options[d - 1], options: options)
                return commitField()
            }
            message = .error("请按数字勾选或取消（可多选），退格键清空")
        case .backspace, .delete:
            editor.text = ""
            return commitField()
        default: break
        }
        return []
    }

    mutating func moveFocus(_ delta: Int) -> Effects {
        let saving = commitField()
        guard !fields.isEmpty else { return saving }
        focus = min(max(0, focus + delta), fields.count - 1)
        loadEditor()
        return saving
    }

    mutating func loadEditor() {
        guard let f = focusedField else { editorKey = nil; return }
        editorOriginal = c?.form[f.key] ?? ""
        editor = TextField(text: editorOriginal, maxLength: FieldValidation.maxLength)
        editorKey = f.key
    }

    /// Validates the field being typed and saves it if it changed. A value that fails its check is
    /// still saved as typed (nothing the clerk typed is lost) and stays marked until corrected.
    /// The shown case takes the value at once (a decision in the same keystroke sees it); the
    /// store has it when the save lands.
    mutating func commitField() -> Effects {
        guard editable, let f = focusedField, editorKey == f.key, let current = c else { return [] }
        let raw = editor.text
        guard raw != editorOriginal else { return [] }     // untouched: nothing to save
        let value: String
        switch FieldValidation.check(f, raw, today: now, calendar: calendar) {
        case .valid(let v): value = v; errors[f.key] = nil
        case .empty: value = ""; errors[f.key] = nil
        case .invalid(let why): value = raw; errors[f.key] = why; message = .error(why)
        }
        if value != raw { editor.text = value }
        editorOriginal = value
        typedAt = nil
        guard value != (current.form[f.key] ?? "") else {
            // Already in the store (saved as typed during a pause): leaving the field confirms it.
            if errors[f.key] == nil { message = .info("已保存：\(f.label)") }
            return []
        }
        c?.form[f.key] = value
        return act(.saveField(key: f.key, value: value))
    }

    /// Saves the field being typed once the clerk pauses, so a killed process (kill -9, a pulled
    /// cable) loses at most the last second or two of typing. Saved as typed, without checking or
    /// moving on: leaving the field still checks and normalises it.
    mutating func saveAsTyped() -> Effects {
        guard editable, tab == .form, modal == nil, let t = typedAt, let f = focusedField, editorKey == f.key,
              now.timeIntervalSince(t) >= IntakeCase.saveAfterPause else { return [] }
        typedAt = nil
        let raw = editor.text
        guard raw != (c?.form[f.key] ?? "") else { return [] }
        c?.form[f.key] = raw
        return [.run(.saveTyped(key: f.key, value: raw))]
    }

    /// Marks every answered field that does not pass its check (a reopened case shows its faults).
    mutating func validateAll() {
        guard let c else { return }
        for f in fields where f.key != editorKey {
            if case .invalid(let why) = FieldValidation.check(f, c.form[f.key] ?? "", today: now, calendar: calendar) {
                errors[f.key] = why
            } else { errors[f.key] = nil }
        }
    }
}
