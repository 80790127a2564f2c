import Foundation
import HallCore
import HallStore
import TerminalUI

/// The rectification list's one key table (bar, help, dispatch) and the dialogs of each step.
extension RectificationList {
    enum Action: Sendable, Equatable { case start(Int), toggleClosed, back }

    static func noTask(_ s: State) -> String? { s.current == nil ? "没有选中的整改任务" : nil }

    static let keys = KeyTable<State, Action>([
        KeyCommand([.function(2)], "F2", "回访", help: "登记是否联系上评价人及沟通情况（实名差评 100% 回访；匿名差评无需回访）",
                   unavailable: noTask, action: .start(2)),
        KeyCommand([.function(3)], "F3", "处理", help: "1 立即整改，2 限期整改（输入「日期 说明」，如 2026-03-10 组织培训），3 诉求无法律依据的解释说明",
                   unavailable: noTask, action: .start(3)),
        KeyCommand([.function(4)], "F4", "整改完成", help: "限期整改完成，写明整改情况", unavailable: noTask, action: .start(4)),
        KeyCommand([.function(5)], "F5", "反馈", help: "向评价人反馈整改结果（任务办结）", unavailable: noTask, action: .start(5)),
        KeyCommand([.function(6)], "F6", "整改评价", help: "登记评价人对整改的评价", unavailable: noTask, action: .start(6)),
        KeyCommand([.function(7)], "F7", "申诉", help: "误评、恶意差评可申诉，原评价保留", unavailable: noTask, action: .start(7)),
        KeyCommand([.function(8)], "F8", "复核", help: "大厅管理写明理由，裁定申诉成立或不成立", unavailable: noTask, action: .start(8)),
        KeyCommand(letter("a"), "A", "全部", help: "同时列出已办结的任务", unavailable: { $0.showClosed ? "已列出全部任务" : nil },
                   action: .toggleClosed),
        KeyCommand(letter("a"), "A", "仅未结", help: "只列未办结的任务", unavailable: { $0.showClosed ? nil : "已只列未办结的任务" },
                   action: .toggleClosed),
        KeyCommand([.escape, .function(10)], "Esc", "返回", help: "回到监控看板（F10 同）", action: .back),
    ])

    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.choice != nil || state.input != nil ? [KeyBarItem("Esc", "关闭对话框")] : keys.keyBar(state)
    }

    public static func help(_ state: State) -> [String] {
        ["每条差评一个整改任务（谁办理、谁负责），超期的标红排在最前。↑↓ 选择任务。",
         "评价人姓名和电话仅大厅管理、系统管理员可见。", ""] + keys.help
    }

    public static func isTypingText(_ state: State) -> Bool { state.input != nil }

    static func handle(_ key: Key, _ state: inout State) -> Effects {
        if state.input != nil { return handleInput(key, &state) }
        if state.choice != nil { return handleChoice(key, &state) }
        switch key {
        // The list moves with the arrows, as every list does; the table holds the commands.
        case .up: state.selected = max(0, state.selected - 1); return []
        case .down: state.selected = min(max(0, state.tasks.count - 1), state.selected + 1); return []
        default: break
        }
        switch keys.dispatch(key, state) {
        case .run(.back): return [.close(nil)]
        case .run(.toggleClosed):
            state.showClosed.toggle()
            return load(&state)
        case .run(.start(let n)): start(n, &state)
        case .refused(let why): state.message = .error(why)
        case .notInTable: break
        }
        return []
    }

    static func start(_ key: Int, _ state: inout State) {
        state.message = nil
        switch key {
        case 2: state.step = .callback(reached: nil); state.choice = ChoiceDialog(title: "回访结果", options: ["已联系上评价人", "未联系上"])
        case 3: state.step = .resolve(kind: nil); state.choice = ChoiceDialog(title: "处理方式", options: ["立即整改", "限期整改", "解释说明（诉求无法律依据）"])
        case 4: state.step = .fixCompleted; ask("整改完成", "整改情况：", &state)
        case 5: state.step = .reportBack; ask("向评价人反馈", "反馈内容：", &state)
        case 6: state.step = .verdict; state.choice = ChoiceDialog(title: "评价人对整改的评价", options: RatingLevel.allCases.map(\.label))
        case 7: state.step = .appeal; ask("申诉", "申诉理由：", &state)
        default: state.step = .review(upheld: nil); state.choice = ChoiceDialog(title: "申诉复核", options: ["申诉成立（差评不计）", "申诉不成立"])
        }
    }

    static func ask(_ title: String, _ prompt: String, _ state: inout State) {
        state.input = InputDialog(title: title, prompt: prompt, field: TextField(maxLength: 100))
    }

    static func handleChoice(_ key: Key, _ state: inout State) -> Effects {
        guard var d = state.choice else { return [] }
        switch d.handle(key) {
        case .pending: state.choice = d
        case .cancelled: state.choice = nil; state.step = nil
        case .chosen(let i):
            state.choice = nil
            switch state.step {
            case .callback?: state.step = .callback(reached: i == 0); ask("回访记录", "沟通情况：", &state)
            case .resolve?: state.step = .resolve(kind: i); ask(d.options[i], i == 1 ? "期限 说明：" : "说明：", &state)
            case .review?: state.step = .review(upheld: i == 0); ask("复核理由", "理由：", &state)
            case .verdict?: return perform(.raterVerdict(RatingLevel.allCases[i]), &state)
            default: state.step = nil
            }
        }
        return []
    }

    static func handleInput(_ key: Key, _ state: inout State) -> Effects {
        guard var d = state.input else { return [] }
        switch d.handle(key) {
        case .pending: state.input = d
        case .cancelled: state.input = nil; state.step = nil
        case .submitted(let raw):
            state.input = nil
            let text = raw.trimmingCharacters(in: .whitespaces)
            switch state.step {
            case .callback(let reached?)?: return perform(.callback(reached: reached, note: text), &state)
            case .resolve(0?)?: return perform(.resolve(.fixedNow(note: text)), &state)
            case .resolve(1?)?:
                let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                return perform(.resolve(.fixBy(date: parts.first ?? "", note: parts.count > 1 ? parts[1] : "")), &state)
            case .resolve(_?)?: return perform(.resolve(.noLegalBasis(explanation: text)), &state)
            case .fixCompleted?: return perform(.fixCompleted(note: text), &state)
            case .reportBack?: return perform(.reportBack(note: text), &state)
            case .appeal?: return perform(.appeal(reason: text), &state)
            case .review(let upheld?)?: return perform(.review(upheld: upheld, reason: text), &state)
            default: state.step = nil
            }
        }
        return []
    }

    static func perform(_ action: RectificationAction, _ state: inout State) -> Effects {
        state.step = nil
        guard let task = state.current else { return [] }
        return [.run(.rectify(taskId: task.id, action, includeClosed: state.showClosed))]
    }
}
