import Foundation
import HallCore
import HallStore
import TerminalUI

/// 叫号屏: the latest call in big digits, the last ten calls, waiting counts; every new call is
/// announced by voice (queued, never overlapping).
public final class BoardScreen: Screen {
    public struct State {
        var calls: [CallRecord] = []
        var queues: [ServiceQueue] = []
        var message: StatusMessage?
    }

    let store: HallStore
    let calendar: HallCalendar
    let announcer: Announcer?
    var lastAnnounced: Int64?
    public private(set) var state = State()
    public private(set) var transition: ScreenTransition?

    public init(store: HallStore, calendar: HallCalendar, announcer: Announcer?) {
        self.store = store; self.calendar = calendar; self.announcer = announcer
    }

    public var title: String { "叫号屏" }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] { [.init("F1", "帮助"), .init("F10", "退出")] }
    public var help: [String] {
        ["本屏自动显示各窗口叫号，并按顺序语音播报（不会互相打断）。",
         "语音：默认使用本机 espeak-ng 普通话播报，无需联网；未安装时响终端铃声。",
         "播报命令可在 yichuang.toml 的 [board] voice_command 中设置，{text} 代表播报内容。"]
    }

    public func reload() {
        do {
            let calls = try store.recentCalls(limit: 10)
            state.queues = try store.queueOverview()
            if let last = lastAnnounced {
                // Announce every call since the last one, oldest first, even if several came at once.
                let fresh = try store.recentCalls(limit: 1000, after: last).reversed()
                for c in fresh { announcer?.announce(spokenAnnouncement(ticketNumber: c.ticketNumber, windowNumber: c.windowNumber)) }
            }
            lastAnnounced = calls.first?.seq ?? lastAnnounced ?? 0
            state.calls = calls
        } catch { state.message = .from(error) }
    }

    public func handle(_ key: Key) {
        if key == .function(10) || key == .escape { transition = .exit }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let (top, rest) = area.splitTop(BigText.height + 4)
        Box.render(top, title: "请以下号码到窗口办理", into: &buffer)
        if let latest = state.calls.first {
            let number = BigText.width(of: latest.ticketNumber)
            let windowText = "\(latest.windowNumber)"
            let total = number + 6 + BigText.width(of: windowText) + 8
            let x = top.x + max(2, (top.width - total) / 2)
            _ = BigText.render(latest.ticketNumber, x: x, y: top.y + 1, into: &buffer, style: .bold)
            _ = BigText.render(windowText, x: x + number + 6, y: top.y + 1, into: &buffer, style: TextStyle(fg: .yellow, bold: true))
            buffer.put("号窗口", x: x + number + 6 + BigText.width(of: windowText) + 1, y: top.y + 3, style: .bold)
            buffer.put(announcementText(ticketNumber: latest.ticketNumber, windowNumber: latest.windowNumber),
                       x: top.x + 2, y: top.maxY - 2, maxWidth: top.width - 4, style: .bold)
        } else {
            buffer.put("暂无叫号", x: top.x + 4, y: top.y + 3, style: .muted)
        }
        let (callsArea, queueArea) = rest.splitLeft(rest.width / 2)
        buffer.put("最近叫号", x: callsArea.x + 1, y: callsArea.y, style: .bold)
        Table.render(columns: [TableColumn("号码", width: 6), TableColumn("窗口", width: 6), TableColumn("时间", width: 8), TableColumn("", width: 4)],
                     rows: state.calls.map { [$0.ticketNumber, "\($0.windowNumber)号", calendar.timeOfDay($0.at), $0.kind == .called ? "" : $0.kind.label] },
                     selected: nil, in: Rect(x: callsArea.x + 1, y: callsArea.y + 1, width: callsArea.width - 2, height: callsArea.height - 1),
                     into: &buffer, rowStyles: state.calls.isEmpty ? [:] : [0: .highlight])
        buffer.put("等候人数", x: queueArea.x + 1, y: queueArea.y, style: .bold)
        Table.render(columns: [TableColumn("业务", width: 12), TableColumn("等候", width: 6, align: .right), TableColumn("下一位", width: 8)],
                     rows: state.queues.map { [$0.service.name, "\($0.waiting)", $0.nextNumbers.first ?? "—"] },
                     selected: nil, in: Rect(x: queueArea.x + 1, y: queueArea.y + 1, width: queueArea.width - 2, height: queueArea.height - 1),
                     into: &buffer)
    }
}
