import Foundation
import HallCore
import HallStore
import TerminalUI

/// 叫号屏: the latest call in big digits, every open window with the number it serves, and the
/// waiting counts. Every new call is announced by voice exactly once: announcements are keyed by
/// the call's event sequence, so two loads that overlap (or a call landing between two reads)
/// can never announce it twice. A call the loads show superseded (its ticket since finished,
/// recalled again or called elsewhere) is not announced, or withdrawn from the voice if it is still
/// waiting. A voice that fails is shown on the message line. Public screen: only staff close it,
/// with 工号 and PIN.
public enum BoardModel: ScreenModel {
    public struct State {
        public var calendar: HallCalendar
        public var calls: [CallRecord] = []
        public var windows: [WindowStatusRow] = []
        public var queues: [ServiceQueue] = []
        /// The sequence of the last call announced; nil until the first load (calls made before
        /// the board started are shown, not spoken).
        public var announcedThrough: Int64?
        public var message: StatusMessage?
        /// Calls handed to the voice that may still be waiting there (withdrawn when superseded).
        public var voicing: [CallRecord] = []
        /// Calls never handed to the voice because the same load showed them superseded.
        public var skipped = 0
        /// How long a call stays worth announcing (the voice drops older ones itself).
        public var voiceMaxAge: TimeInterval = 30
        /// The voice failed (no sound device…): shown on the message line until it plays again.
        public var voiceProblem: String?
        public var exit: StaffExit?
        /// Wrong PINs at the board slow its exit down; they never lock the account (the board
        /// hangs in the hall, in the public's reach, like a rating pad).
        public var throttle = ExitThrottle()
        public var now = Date.distantPast
        /// One load at a time: changes that come while one runs ask for one more after it, so a
        /// busy hall never piles loads up in front of the announcements.
        public var loading = false
        public var stale = false
        public init(calendar: HallCalendar) { self.calendar = calendar }
    }

    public struct Snapshot: Sendable {
        public var calls: [CallRecord]
        /// Calls after the mark the load was asked for, newest first (empty on the first load).
        public var fresh: [CallRecord]
        public var windows: [WindowStatusRow]
        public var queues: [ServiceQueue]
        /// The voice's last failure, if it has not played since.
        public var voiceProblem: String?
        public init(calls: [CallRecord], fresh: [CallRecord], windows: [WindowStatusRow], queues: [ServiceQueue],
                    voiceProblem: String? = nil) {
            self.calls = calls; self.fresh = fresh; self.windows = windows; self.queues = queues; self.voiceProblem = voiceProblem
        }
    }

    public enum Command: Sendable, Equatable {
        case load(after: Int64?)
        case announce(Announcement)
        /// These calls were superseded: the voice drops them if they are still waiting.
        case withdraw([Int64])
        case checkStaff(clerkNumber: String, pin: String)
    }

    public enum Outcome {
        case loaded(Snapshot)
        case failed(String)
        case staffChecked(Clerk?, at: Date)
        case announced
    }

    public enum Destination {}

    enum Action { case exit }

    static let keys = KeyTable<State, Action>([
        KeyCommand([.function(10)], "F10", "关闭", help: "关闭叫号屏：须输入工作人员工号和密码（群众无法关闭）", action: .exit),
    ])

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> [ModelEffect<Command, Destination>] {
        switch event {
        case .started, .storeChanged:
            return load(&state)
        case .tick(let now):
            state.now = now
            state.voicing.removeAll { now.timeIntervalSince($0.at) > state.voiceMaxAge }
            return []
        case .resumed, .resize:
            return []
        case .done(.loaded(let snapshot)):
            state.loading = false
            return apply(snapshot, to: &state) + (state.stale ? load(&state) : [])
        case .done(.failed(let text)):
            state.loading = false
            state.message = .error(text)
            return state.stale ? load(&state) : []
        case .done(.staffChecked(let clerk, let at)):
            state.now = at
            guard let clerk else {
                state.throttle.failed(at: at)
                state.message = .error("工号或密码错误")
                return []
            }
            state.throttle.succeeded()
            guard [.clerk, .supervisor, .admin].contains(clerk.role) else {
                state.message = .error("\(clerk.role.label)不能关闭叫号屏，请由窗口人员或大厅管理人员操作")
                return []
            }
            return [.quit]
        case .done(.announced):
            return []
        case .key(let key):
            if let exit = state.exit {
                switch exit.handle(key) {
                case .pending(let next): state.exit = next
                case .cancelled: state.exit = nil
                case .missingNumber: state.message = .error("请输入工号")
                case .submitted(let number, let pin):
                    state.exit = nil
                    return [.run(.checkStaff(clerkNumber: number, pin: pin))]
                }
                return []
            }
            switch keys.dispatch(key, state) {
            case .run(.exit):
                if let why = state.throttle.refusal(at: state.now) { state.message = .error(why); return [] }
                state.exit = .start("关闭叫号屏（工作人员）")
            case .refused(let why): state.message = .error(why)
            case .notInTable: break   // Esc and every other key: a public screen ignores them
            }
            return []
        }
    }

    static func load(_ state: inout State) -> [ModelEffect<Command, Destination>] {
        guard !state.loading else { state.stale = true; return [] }
        state.loading = true
        state.stale = false
        return [.run(.load(after: state.announcedThrough))]
    }

    /// New calls are spoken oldest first; the mark only moves forward. A new call the snapshot
    /// already shows superseded is not handed to the voice; one handed over earlier and superseded
    /// since is withdrawn.
    static func apply(_ snapshot: Snapshot, to state: inout State) -> [ModelEffect<Command, Destination>] {
        state.calls = snapshot.calls
        state.windows = snapshot.windows
        state.queues = snapshot.queues
        state.voiceProblem = snapshot.voiceProblem
        guard let mark = state.announcedThrough else {
            state.announcedThrough = snapshot.calls.map(\.seq).max() ?? 0
            return []
        }
        let fresh = snapshot.fresh.filter { $0.seq > mark }.sorted { $0.seq < $1.seq }
        state.announcedThrough = max(mark, fresh.last?.seq ?? mark)
        let gone = state.voicing.filter { isSuperseded($0, in: snapshot) }
        state.voicing.removeAll { isSuperseded($0, in: snapshot) }
        var effects: [ModelEffect<Command, Destination>] = gone.isEmpty ? [] : [.run(.withdraw(gone.map(\.seq)))]
        for call in fresh {
            if isSuperseded(call, in: snapshot) { state.skipped += 1; continue }
            state.voicing.append(call)
            effects.append(.run(.announce(Announcement(seq: call.seq, text: spokenAnnouncement(ticketNumber: call.ticketNumber,
                                                                                                windowNumber: call.windowNumber),
                                                       at: call.at))))
        }
        return effects
    }

    /// A call is superseded when the snapshot (read no earlier than the call: it knows the call's
    /// sequence or a later one) shows a later call of the same ticket (a recall, or a call at
    /// another window after a transfer), or shows the call's window serving something else (the
    /// ticket was finished, held, no-showed or transferred). A snapshot without the call's window
    /// (none listed) says nothing about it.
    static func isSuperseded(_ call: CallRecord, in snapshot: Snapshot) -> Bool {
        let seen = snapshot.fresh + snapshot.calls
        guard let newest = seen.map(\.seq).max(), newest >= call.seq else { return false }
        if seen.contains(where: { $0.seq > call.seq && $0.ticketNumber == call.ticketNumber }) { return true }
        if let row = snapshot.windows.first(where: { $0.window.number == call.windowNumber }) {
            return row.current?.number != call.ticketNumber
        }
        return false
    }

    /// Reads everything the board shows and the calls after `after` (the announcement list).
    public static func execute(feed: CallBoardFeed, announcer: Announcer?, terminal: String) -> @Sendable (Command) -> Outcome {
        { command in
            do {
                switch command {
                case .load(let after):
                    // In this order: the windows are read after the calls, so a window serving
                    // something else than a call it shows really means the call was superseded.
                    let fresh = try after.map { try feed.recentCalls(limit: 1000, after: $0) } ?? []
                    let calls = try feed.recentCalls(limit: 10, after: 0)
                    return .loaded(Snapshot(calls: calls, fresh: fresh, windows: try feed.windowStatuses(),
                                            queues: try feed.queueOverview(), voiceProblem: announcer?.health.problem))
                case .announce(let announcement):
                    announcer?.announce(announcement)
                    return .announced
                case .withdraw(let seqs):
                    announcer?.withdraw(seqs)
                    return .announced
                case .checkStaff(let number, let pin):
                    let clerk = try feed.checkStaffAtPublicScreen(clerkNumber: number, pin: pin, terminal: terminal)
                    return .staffChecked(clerk, at: feed.currentTime())
                }
            } catch {
                return .failed(error.localizedDescription)
            }
        }
    }

    public static func title(_ state: State) -> String { "叫号屏" }
    public static func message(_ state: State) -> StatusMessage? { state.message ?? state.voiceProblem.map { .error($0) } }
    public static func isTypingText(_ state: State) -> Bool { state.exit != nil }
    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.exit != nil ? [KeyBarItem("回车", "确认"), KeyBarItem("Esc", "取消")] : keys.keyBar(state)
    }
    public static func help(_ state: State) -> [String] {
        ["本屏自动显示各窗口叫号，并按顺序语音播报（不会互相打断，每次叫号只播报一轮）。",
         "每次叫号默认连播两遍（yichuang.toml 的 [board] voice_repeat）。",
         "叫号超过 \(Int(state.voiceMaxAge)) 秒仍未播出，或号码已办结、已重呼、已转到别的窗口，",
         "  就不再播报（[board] voice_max_age），语音不会越积越晚。",
         "语音：本机 espeak-ng 普通话合成，由 aplay 播放，无需联网；未安装时响终端铃声。",
         "放不出声音（无声卡、未接音箱）时改响铃声，并在底部红字提示。",
         "播报命令可在 [board] voice_command 中设置，{text} 代表播报内容；放不出声时须返回非零。",
         "电视上无桌面运行：Linux 文本控制台（tty）显示不了汉字，请装中文字体后在 fbterm",
         "  或 kmscon 中运行，如 fbterm -- yichuang board，或 kmscon --login -- yichuang board。"] + keys.help
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
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
            let recall = latest.kind == .called ? "" : "（\(latest.kind.label)）"
            buffer.put(announcementText(ticketNumber: latest.ticketNumber, windowNumber: latest.windowNumber) + recall,
                       x: top.x + 2, y: top.maxY - 2, maxWidth: top.width - 4, style: .bold)
        } else {
            buffer.put("暂无叫号", x: top.x + 4, y: top.y + 3, style: .muted)
        }
        let (windowsArea, queueArea) = rest.splitLeft(rest.width / 2)
        renderWindows(state, in: windowsArea, into: &buffer)
        buffer.put("等候人数", x: queueArea.x + 1, y: queueArea.y, style: .bold)
        Table.render(columns: [TableColumn("业务", width: 12), TableColumn("等候", width: 6, align: .right), TableColumn("下一位", width: 8)],
                     rows: state.queues.map { [$0.service.name, "\($0.waiting)", $0.nextNumbers.first ?? "—"] },
                     selected: nil, in: Rect(x: queueArea.x + 1, y: queueArea.y + 1, width: queueArea.width - 2, height: queueArea.height - 1),
                     into: &buffer)
        // The board's own background: white on black whatever the TV's terminal palette, so the
        // yellow window number and the dim idle windows read the same in every hall.
        buffer.paint(area, fg: .white, bg: .black)
        state.exit?.render(in: area, into: &buffer)
    }

    /// Every open window with the number it is serving, as many columns as fit; the window of
    /// the latest call stands out, a recalled number is marked.
    static func renderWindows(_ state: State, in area: Rect, into buffer: inout ScreenBuffer) {
        buffer.put("各窗口", x: area.x + 1, y: area.y, style: .bold)
        let open = state.windows.filter { $0.status != .signedOut }
        guard !open.isEmpty else {
            buffer.put("暂无开放窗口", x: area.x + 1, y: area.y + 1, style: .muted)
            return
        }
        let cellWidth = 19, columns = max(1, (area.width - 1) / cellWidth), rows = max(1, area.height - 1)
        let latest = state.calls.first
        for (i, row) in open.prefix(columns * rows).enumerated() {
            let x = area.x + 1 + (i / rows) * cellWidth, y = area.y + 1 + i % rows
            let number: String
            switch row.status {
            case .serving: number = row.current?.number ?? "—"
            case .paused: number = "暂停"
            default: number = "空闲"
            }
            let recalled = latest.map { $0.windowNumber == row.window.number && $0.kind != .called } ?? false
            let isLatest = latest?.windowNumber == row.window.number && row.current?.number == latest?.ticketNumber
            let used = buffer.put(String(format: "%2d号窗口 ", row.window.number), x: x, y: y, maxWidth: cellWidth - 1)
            buffer.put(number + (recalled ? " 重呼" : ""), x: x + used, y: y, maxWidth: cellWidth - 1 - used,
                       style: isLatest ? .highlight : (row.status == .serving ? .bold : .muted))
        }
    }
}
