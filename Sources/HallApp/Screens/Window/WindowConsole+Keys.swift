import Foundation
import HallCore
import HallStore
import TerminalUI

/// The console's one key table: it draws the key bar, writes the F1 help and dispatches keys.
extension WindowConsole {
    enum KeyAction: Sendable {
        case act(Action)
        case callNumber, walkUp, callBack, transfer, pause, recall, signOut
        case intake, open(Destination)
    }

    static func noCurrent(_ s: State) -> String? { s.current == nil ? "当前没有正在办理的号" : nil }
    static func serving(_ s: State) -> String? { s.current.map { "正在办理 \($0.number)：办结请按 F4" } }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.function(2), .enter], "F2", "叫号",
                   help: "F2 或 回车叫下一位：绿色通道优先，其次已到预约时段的预约号，然后按取号先后；按本窗口业务顺序",
                   unavailable: { serving($0) ?? ($0.isPaused ? "已暂停叫号：请先按 F9 恢复叫号" : nil) }, action: .act(.callNext)),
        // Only F2, not Enter: a stray Enter must not finish the applicant at the window.
        KeyCommand([.function(2)], "F2", "办结叫号",
                   help: "正在办理时按 F2：办结当前号并叫下一位，一步完成（两者都成或都不成）；没有等候的号时只办结",
                   unavailable: { s in noCurrent(s) ?? (s.isPaused ? "已暂停叫号：请按 F4 办结，或先按 F9 恢复叫号" : nil) },
                   action: .act(.finishAndCallNext)),
        KeyCommand([.function(3)], "F3", "重呼", help: "再次呼叫当前号；最后一次重呼时提示，超过重呼次数按过号处理",
                   unavailable: noCurrent, action: .recall),
        KeyCommand([.function(4)], "F4", "办结", help: "当前号办理完毕", unavailable: noCurrent, action: .act(.finish)),
        KeyCommand([.function(5)], "F5", "过号", help: "当前号未到，按大厅规则作废或重新排队（顺延N位：其他窗口叫过N个号后才会再叫到）",
                   unavailable: noCurrent, action: .act(.noShow)),
        KeyCommand([.function(6)], "F6", "挂起", help: "群众需补取材料时暂存当前号，可按 F7 回呼", unavailable: noCurrent, action: .act(.hold)),
        KeyCommand([.function(7)], "F7", "回呼", help: "叫回本窗口挂起的号（有多个时选择）",
                   unavailable: { $0.held.isEmpty ? "本窗口没有挂起的号" : serving($0) }, action: .callBack),
        KeyCommand([.function(8)], "F8", "转窗", help: "转到其他业务或指定窗口，可排队首或队尾，并写备注",
                   unavailable: { $0.current == nil ? "当前没有正在办理的号，无法转窗" : nil }, action: .transfer),
        KeyCommand([.function(9)], "F9", "暂停", help: "暂停叫号（选择原因）；暂停中不会叫到本窗口",
                   unavailable: { $0.isPaused ? "已暂停" : nil }, action: .pause),
        KeyCommand([.function(9)], "F9", "恢复", help: "恢复叫号",
                   unavailable: { $0.isPaused ? nil : "未暂停" }, action: .act(.resume)),
        KeyCommand([.function(10)], "F10", "退出", help: "退出登录；有正在办理或挂起的号时，先选择退回队列（排在队首）", action: .signOut),
        KeyCommand(letter("n"), "N", "指定", help: "指定叫号：输入号码如 A005", unavailable: serving, action: .callNumber),
        KeyCommand(letter("w"), "W", "无号", help: "无号办理：为未取号的群众直接办理", unavailable: serving, action: .walkUp),
        KeyCommand(letter("s"), "S", "受理", help: "为当前号的群众选择事项（可选一件事），填一张申请表，核验材料，作出受理决定",
                   unavailable: { $0.current == nil ? "请先叫号（F2），或为未取号的群众无号办理（W），再受理" : nil },
                   action: .intake),
        KeyCommand(letter("c"), "C", "办件", help: "办件查询：按办件编号、姓名或身份证号找办件；群众补正材料回来时在此调出办件继续受理",
                   action: .open(.cases)),
        KeyCommand(letter("p"), "P", "交屏",
                   help: "一屏工位：办结后把屏幕交给群众评价；评价完成几秒后或超时自动收回，群众按 Esc 不评价即交还",
                   unavailable: handOverRefusal, action: .open(.handOver)),
        KeyCommand([.function(12)], "F12", "后台管理", help: "大厅管理、系统管理员：业务、窗口、人员设置和现场调度",
                   unavailable: { $0.clerk.role.canSuperviseHall ? nil : "后台管理需要大厅管理或系统管理员" }, action: .open(.admin)),
    ])

    static func handOverRefusal(_ s: State) -> String? {
        guard s.handOver == nil else { return nil }
        let serving = s.current.map { "正在办理 \($0.number)，" } ?? ""
        return "\(serving)没有可交给本位群众评价的服务（办结后\(s.data?.ratingTimeoutSeconds ?? 60)秒内可交屏）"
    }

    static func run(_ action: KeyAction, _ state: inout State) -> Effects {
        switch action {
        case .act(let a): return [.run(.act(a))]
        case .intake:
            guard let ticket = state.current else { return [] }
            return [.open(.intake(ticket))]
        case .open(let d): return [.open(d)]
        case .recall:
            // The recall that would go past the limit asks first, instead of silently no-showing.
            if let t = state.current, let policy = state.data?.policy,
               CallRules.nextRecall(recallCount: t.recallCount, policy: policy) == .becomesNoShow {
                state.modal = .recallPastLimit(ChoiceDialog(title: "\(t.number) 已重呼\(t.recallCount)次，再重呼将按过号处理（\(policy.noShowRequeue.label)）",
                                                            options: ["按过号处理", "取消"]))
                return []
            }
            return [.run(.act(.recall))]
        case .callNumber:
            state.modal = .callNumber(InputDialog(title: "指定叫号", prompt: "号码：",
                                                  field: TextField(maxLength: 8, allowed: { $0.isLetter || $0.isNumber })))
        case .walkUp:
            let mine = state.data.map { d in d.snapshot.queues.map(\.service) } ?? []
            state.modal = .walkUp(ChoiceDialog(title: "无号办理：选择业务", options: mine.map { "\($0.name)（\($0.prefix)）" }), mine)
        case .callBack:
            let held = state.held
            if held.count > 1 {
                state.modal = .callBack(ChoiceDialog(title: "回呼哪个号", options: held.map {
                    "\($0.number) 挂起于 \(state.calendar.hourMinute($0.calledAt ?? $0.issuedAt))"
                }), held)
            } else {
                return [.run(.act(.callBack(ticketNumber: nil)))]
            }
        case .transfer:
            state.modal = .transferKind(ChoiceDialog(title: "转窗", options: ["转到其他业务", "转到指定窗口"]))
        case .pause:
            state.modal = .pauseReason(ChoiceDialog(title: "暂停原因", options: ["临时离开", "业务咨询", "系统故障", "其他"]))
        case .signOut:
            let open = (state.current.map { [$0.number] } ?? []) + state.held.map(\.number)
            if open.isEmpty {
                state.modal = .signOut(ChoiceDialog(title: "退出登录？", options: ["退出登录", "取消"]), returning: false)
            } else {
                state.modal = .signOut(ChoiceDialog(title: "本窗口还有 \(open.joined(separator: "、"))：退出前如何处理？",
                                                    options: ["全部退回队列（排在队首）后退出", "取消"]), returning: true)
            }
        }
        return []
    }
}
