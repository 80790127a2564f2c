import Foundation
import HallCore
import HallStore
import TerminalUI

/// The desk drawn from its state alone.
extension TicketDesk {
    public static func title(_ state: State) -> String { "取号台 · \(state.clerk.name)" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.modal != nil ? [KeyBarItem("Esc", "关闭对话框")] : keys.keyBar(state)
    }
    public static func help(_ state: State) -> [String] { keys.help }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let (left, right) = area.splitLeft(min(46, area.width / 2 + 6))
        Box.render(left, title: "选择业务（按数字取号）", into: &buffer)
        for (i, q) in state.queues.prefix(9).enumerated() {
            let y = left.y + 2 + i * 2
            guard y < left.maxY - 1 else { break }
            buffer.put("\(i + 1)", x: left.x + 2, y: y, style: .keyLabel)
            buffer.put(" \(q.service.name)（\(q.service.prefix)）", x: left.x + 3, y: y, maxWidth: 22, style: .bold)
            buffer.put("等候 \(q.waiting) 人", x: left.x + 27, y: y, maxWidth: left.width - 28,
                       style: q.waiting >= q.service.warnQueue ? .warning : .plain)
        }
        let greenText = state.green ? "● 绿色通道已开启（G 关闭）" : "○ 绿色通道未开启（G 开启）"
        buffer.put(greenText, x: left.x + 2, y: left.maxY - 2, maxWidth: left.width - 4, style: state.green ? .ok : .muted)

        Box.render(right, title: "号票", into: &buffer)
        let inner = right.inset(dx: 2, dy: 1)
        if let last = state.last {
            let x = inner.x + max(0, (inner.width - BigText.width(of: last.ticket.number)) / 2)
            _ = BigText.render(last.ticket.number, x: x, y: inner.y + 1, into: &buffer)
            var y = inner.y + 2 + BigText.height
            let lines = ["业务：\(last.serviceName)" + (last.ticket.priority == .normal ? "" : "（\(last.ticket.priority.label)）"),
                         "前面还有 \(last.peopleAhead) 人"] + [last.estimatedWaitSeconds.map(NoticeBuilder.waitText)].compactMap { $0 }
                + ["取号时间：\(state.calendar.timeOfDay(last.ticket.issuedAt))", "请留意叫号屏和语音提示"]
            for line in lines where y < inner.maxY {
                buffer.put(line, x: inner.x, y: y, maxWidth: inner.width)
                y += 1
            }
        } else {
            buffer.put("按左侧数字为群众取号", x: inner.x, y: inner.y + 2, maxWidth: inner.width, style: .muted)
        }
        switch state.modal {
        case .checkIn(let d)?, .idCheck(let d)?: d.render(in: area, into: &buffer)
        case nil: break
        }
    }
}
