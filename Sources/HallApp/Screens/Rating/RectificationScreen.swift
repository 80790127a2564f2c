import Foundation
import HallCore
import HallStore
import TerminalUI

/// 差评整改 for supervisors: every open bad-rating task (overdue first), with the rater's
/// contact for the callback, and each step of the loop as a dialog that ends in one store write.
public final class RectificationScreen: LegacyScreen {
    /// The step being entered; the dialogs collect its parts one after another.
    enum Step {
        case callback(reached: Bool?)
        case resolve(kind: Int?)
        case fixCompleted, reportBack, appeal
        case review(upheld: Bool?)
        case verdict
    }
    public struct State {
        var tasks: [RectificationTask] = []
        var selected = 0
        var showClosed = false
        var step: Step?
        var choice: ChoiceDialog?
        var input: InputDialog?
        var message: StatusMessage?
    }

    let store: HallStore
    let clerk: Clerk
    let calendar: HallCalendar
    public private(set) var state = State()
    public var transition: ScreenTransition?

    public init(store: HallStore, clerk: Clerk, calendar: HallCalendar) {
        self.store = store; self.clerk = clerk; self.calendar = calendar
    }

    public var title: String { "差评整改 · \(clerk.name)" }
    public var message: StatusMessage? { state.message }
    public var isTypingText: Bool { state.input != nil }
    public var keyBar: [KeyBarItem] {
        [.init("F1", "帮助"), .init("F2", "回访"), .init("F3", "处理"), .init("F4", "整改完成"), .init("F5", "反馈"),
         .init("F6", "整改评价"), .init("F7", "申诉"), .init("F8", "复核"), .init("A", state.showClosed ? "仅未结" : "全部"), .init("Esc", "返回")]
    }
    public var help: [String] {
        ["每条差评一个整改任务（谁办理、谁负责），超期的标红排在最前。↑↓ 选择任务。",
         "F2 回访：登记是否联系上评价人及沟通情况（实名差评 100% 回访）。匿名差评无需回访。",
         "F3 处理：1 立即整改，2 限期整改（输入“日期 说明”，如 2026-03-10 组织培训），3 诉求无法律依据的解释说明。",
         "F4 限期整改完成；F5 向评价人反馈结果（任务办结）；F6 登记评价人对整改的评价。",
         "F7 申诉：误评、恶意差评可申诉，原评价保留；F8 复核：大厅管理写明理由，裁定申诉成立或不成立。",
         "评价人姓名和电话仅大厅管理、系统管理员可见。"]
    }

    public func reload() {
        do {
            state.tasks = try store.rectificationTasks(reader: clerk, includeClosed: state.showClosed)
            state.selected = min(state.selected, max(0, state.tasks.count - 1))
        } catch { state.message = .from(error) }
    }

    var current: RectificationTask? { state.tasks.indices.contains(state.selected) ? state.tasks[state.selected] : nil }

    public func handle(_ key: Key) {
        if state.input != nil { handleInput(key); return }
        if state.choice != nil { handleChoice(key); return }
        switch key {
        case .up: state.selected = max(0, state.selected - 1)
        case .down: state.selected = min(max(0, state.tasks.count - 1), state.selected + 1)
        case .character("a"), .character("A"): state.showClosed.toggle(); reload()
        case .escape, .function(10): transition = .pop(nil)
        case .function(let n) where (2...8).contains(n):
            guard current != nil else { state.message = .error("没有选中的整改任务"); return }
            start(n)
        default: break
        }
    }

    func start(_ key: Int) {
        state.message = nil
        switch key {
        case 2: state.step = .callback(reached: nil); state.choice = ChoiceDialog(title: "回访结果", options: ["已联系上评价人", "未联系上"])
        case 3: state.step = .resolve(kind: nil); state.choice = ChoiceDialog(title: "处理方式", options: ["立即整改", "限期整改", "解释说明（诉求无法律依据）"])
        case 4: state.step = .fixCompleted; ask("整改完成", "整改情况：")
        case 5: state.step = .reportBack; ask("向评价人反馈", "反馈内容：")
        case 6: state.step = .verdict; state.choice = ChoiceDialog(title: "评价人对整改的评价", options: RatingLevel.allCases.map(\.label))
        case 7: state.step = .appeal; ask("申诉", "申诉理由：")
        default: state.step = .review(upheld: nil); state.choice = ChoiceDialog(title: "申诉复核", options: ["申诉成立（差评不计）", "申诉不成立"])
        }
    }

    func ask(_ title: String, _ prompt: String) {
        state.input = InputDialog(title: title, prompt: prompt, field: TextField(maxLength: 100))
    }

    func handleChoice(_ key: Key) {
        guard var d = state.choice else { return }
        switch d.handle(key) {
        case .pending: state.choice = d
        case .cancelled: state.choice = nil; state.step = nil
        case .chosen(let i):
            state.choice = nil
            switch state.step {
            case .callback?: state.step = .callback(reached: i == 0); ask("回访记录", "沟通情况：")
            case .resolve?: state.step = .resolve(kind: i); ask(d.options[i], i == 1 ? "期限 说明：" : "说明：")
            case .review?: state.step = .review(upheld: i == 0); ask("复核理由", "理由：")
            case .verdict?: perform(.raterVerdict(RatingLevel.allCases[i]))
            default: state.step = nil
            }
        }
    }

    func handleInput(_ key: Key) {
        guard var d = state.input else { return }
        switch d.handle(key) {
        case .pending: state.input = d
        case .cancelled: state.input = nil; state.step = nil
        case .submitted(let raw):
            state.input = nil
            let text = raw.trimmingCharacters(in: .whitespaces)
            switch state.step {
            case .callback(let reached?)?: perform(.callback(reached: reached, note: text))
            case .resolve(let kind?)?:
                switch kind {
                case 0: perform(.resolve(.fixedNow(note: text)))
                case 1:
                    let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                    perform(.resolve(.fixBy(date: parts.first ?? "", note: parts.count > 1 ? parts[1] : "")))
                default: perform(.resolve(.noLegalBasis(explanation: text)))
                }
            case .fixCompleted?: perform(.fixCompleted(note: text))
            case .reportBack?: perform(.reportBack(note: text))
            case .appeal?: perform(.appeal(reason: text))
            case .review(let upheld?)?: perform(.review(upheld: upheld, reason: text))
            default: break
            }
        }
    }

    func perform(_ action: RectificationAction) {
        state.step = nil
        guard let task = current else { return }
        do {
            try store.rectify(taskId: task.id, action, by: clerk, terminal: "dashboard")
            state.message = .info("已登记：\(action.label)")
            reload()
        } catch { state.message = .from(error) }
    }
}
