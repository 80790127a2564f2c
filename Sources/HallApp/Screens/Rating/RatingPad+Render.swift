import Foundation
import HallCore
import HallStore
import TerminalUI

/// Drawing of the pad: large, centred, one question at a time; a compact layout below 80×21.
extension RatingPad {
    public static func title(_ state: State) -> String { "\(state.window)号窗口 服务评价" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func minimumSize(_ state: State) -> (width: Int, height: Int) { (40, 12) }
    public static func isTypingText(_ state: State) -> Bool { state.exit != nil || typing(state.phase) }

    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.exit != nil ? [KeyBarItem("回车", "确认"), KeyBarItem("Esc", "取消")] : keys(state.mode).keyBar(state)
    }

    public static func help(_ state: State) -> [String] {
        ["请对刚才的服务作出评价。每次服务只能评价一次，提交后不能修改；\(state.policy.timeoutSeconds)秒内未评价则不记录。",
         "实名评价便于工作人员回访整改，您的姓名和电话只有大厅管理人员可见。", ""] + keys(state.mode).help
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        renderPad(state, into: &buffer, area: area)
        state.exit?.render(in: area, into: &buffer)
    }

    static func renderPad(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let compact = area.width < 80 || area.height < 20
        var y = area.y + (compact ? 0 : 1)
        func center(_ text: String, style: TextStyle = .plain) {
            guard y < area.maxY else { return }
            let w = min(DisplayWidth.of(text), area.width - 2)
            buffer.put(text, x: area.x + max(1, (area.width - w) / 2), y: y, maxWidth: area.width - 2, style: style)
            y += 1
        }
        guard let inv = state.invitation else {
            if case .thanks = state.phase {
                y = area.y + area.height / 2 - 1
                center("感谢您的评价！", style: .ok)
                center("您的意见我们会认真对待")
            } else {
                y = area.y + area.height / 2 - 1
                center("\(state.window)号窗口", style: .bold)
                center("欢迎您对我们的服务进行评价", style: .muted)
            }
            return
        }
        // What is rated: the window and the ticket. No clerk's name or 工号: the rating is tied to
        // the service event already, and a 工号 on a public screen is half of a staff sign-in.
        // On a small pad the matter is shown only with the levels, so the reason list fits below.
        center("\(state.window)号窗口" + (inv.ticketNumber.map { " · \($0)号" } ?? ""), style: .bold)
        var showMatter = !compact
        if case .choosing = state.phase { showMatter = true }
        if showMatter { center("事项：\(inv.subject)") }
        if !compact { y += 1 }
        switch state.phase {
        case .idle, .thanks: break
        case .choosing(let selected):
            center("请您对本次服务作出评价", style: .bold)
            if !compact { y += 1 }
            let boxWidth = compact ? min(area.width - 2, 20) : 30
            let x = area.x + (area.width - boxWidth) / 2
            for level in RatingLevel.allCases where y < area.maxY {
                let on = level.rawValue - 1 == selected
                let text = " \(level.rawValue)  \(level.label)"
                buffer.fill(Rect(x: x, y: y, width: boxWidth, height: 1), style: on ? .highlight : .plain)
                buffer.put(text, x: x, y: y, maxWidth: boxWidth, style: on ? .highlight : (level.isBad ? .plain : .bold))
                y += compact ? 1 : 2
            }
        case .reasons(let level, let picked):
            center(compact ? "\(level.label)：请选择原因（可多选）" : "您选择了「\(level.label)」，请选择原因（可多选）", style: .bold)
            let columns = compact || area.width < 60 ? 1 : 2
            let colWidth = (area.width - 4) / columns
            let rowsNeeded = (state.policy.reasons.count + columns - 1) / columns
            for (i, reason) in state.policy.reasons.enumerated() {
                let row = i % rowsNeeded, col = i / rowsNeeded
                guard y + row < area.maxY else { continue }
                let on = picked.contains(i)
                buffer.put("\(on ? "[*]" : "[ ]") \(i + 1) \(reason)", x: area.x + 2 + col * colWidth, y: y + row,
                           maxWidth: colWidth - 1, style: on ? .highlight : .plain)
            }
            y += rowsNeeded
            if !compact { y += 1; center("按数字选择或取消，选好后按回车", style: .muted) }
        case .text(let level, let reasons):
            center("\(level.label)：" + reasons.joined(separator: "、"))
            center("请补充您的意见（可不填，直接按回车）", style: .bold)
            state.field.render(x: area.x + 2, y: y, width: area.width - 4, focused: true, into: &buffer)
            y += 1
        case .identity(let level, _, _):
            center("您选择了「\(level.label)」", style: .bold)
            center("是否留下姓名和电话，以便我们回访整改？")
            if !compact { y += 1 }
            center("1  实名评价（仅大厅管理人员可见）")
            center("2  匿名评价")
        case .realName(_, _, _, let name):
            center(name == nil ? "请输入您的姓名，按回车" : "请输入您的联系电话，按回车", style: .bold)
            if let name { center("姓名：\(name)", style: .muted) }
            state.field.render(x: area.x + 2, y: y, width: min(area.width - 4, 30), focused: true, into: &buffer)
            y += 1
        }
        // The remaining time, so the applicant knows the pad will not wait forever.
        let left = max(0, Int(inv.expiresAt.timeIntervalSince(state.now).rounded(.up)))
        let hint = "剩余\(left)秒"
        buffer.put(hint, x: area.maxX - DisplayWidth.of(hint) - 1, y: compact ? area.y : area.maxY - 1, style: .muted)
    }
}
