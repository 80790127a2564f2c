import Foundation
import HallCore
import HallStore
import TerminalUI

/// 窗口叫号: the clerk's console. Every window action is one key.
public final class WindowConsoleScreen: Screen {
    enum Modal {
        case callNumber(InputDialog)
        case walkUp(ChoiceDialog, [Service])
        case callBack(ChoiceDialog, [Ticket])
        case transferKind(ChoiceDialog)
        case transferService(ChoiceDialog, [Service])
        case transferWindow(ChoiceDialog, [Window])
        case transferPosition(ChoiceDialog, TransferTarget)
        case transferNote(InputDialog, TransferTarget, QueuePosition)
        case pauseReason(ChoiceDialog)
    }

    public struct State {
        var snapshot: WindowSnapshot?
        var services: [Service] = []
        var windows: [Window] = []
        var message: StatusMessage?
        var modal: Modal?
        var now: Date
        var deadlines: (dueToday: Int, overdue: Int) = (0, 0)
        /// The rating this window may hand the screen over for (one-screen station), if any.
        var handOver: RatingInvitation?
    }

    let store: HallStore
    let clerk: Clerk
    let windowNumber: Int
    let by: Attribution
    let calendar: HallCalendar
    let terminal: String
    let printDesk: PrintDesk
    /// Consoles are up all day, so they also apply the province default ratings when due.
    let defaults: DefaultRatingSchedule
    // internal(set): the hand-over extension (Rating/WindowConsoleScreen+HandOver.swift) sets them.
    public internal(set) var state: State
    public internal(set) var transition: ScreenTransition?

    public init(store: HallStore, clerk: Clerk, window: Int, terminal: String, calendar: HallCalendar, printDesk: PrintDesk) {
        self.store = store; self.clerk = clerk; self.windowNumber = window; self.calendar = calendar; self.terminal = terminal
        self.printDesk = printDesk
        by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        state = State(now: store.clock.now())
        defaults = DefaultRatingSchedule(store: store, terminal: terminal)
    }

    public var title: String { "\(windowNumber)号窗口 · \(clerk.name)(\(clerk.number))" }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] {
        let serving = state.snapshot?.current != nil
        // What does not apply right now is left off, so the bar fits 80 columns. While P is
        // offered at an idle window, the keys that need a current ticket make room for it.
        let compact = state.handOver != nil && !serving
        return [.init("F1", "帮助"), .init("F2", "叫号")]
            + (compact ? [] : [.init("F3", "重呼"), .init("F4", "办结"), .init("F5", "过号"), .init("F6", "挂起")])
            + [.init("F7", "回呼")] + (compact ? [] : [.init("F8", "转窗")])
            + [.init("F9", state.snapshot?.status == .paused ? "恢复" : "暂停"), .init("F10", "退出")]
            + (serving ? [.init("S", "受理")] : [.init("N", "指定"), .init("W", "无号")])
            + [.init("C", "办件")] + (state.handOver != nil ? [.init("P", "交屏")] : [])
    }
    public var help: [String] {
        ["F2 或 回车：叫下一位（绿色通道优先，其次已到预约时段的预约号，然后按取号先后；按本窗口业务顺序）",
         "F3 重呼：再次呼叫当前号；超过重呼次数自动过号",
         "F4 办结：当前号办理完毕", "F5 过号：当前号未到，按大厅规则作废或重新排队",
         "F6 挂起：群众需补取材料时暂存当前号；F7 回呼：叫回挂起的号",
         "F8 转窗：转到其他业务或指定窗口，可排队首或队尾，并写备注",
         "F9 暂停/恢复叫号；F10 退出登录（须先处理完当前号）",
         "N 指定叫号：输入号码如 A005；W 无号办理：为未取号的群众直接办理",
         "S 受理：为当前号的群众选择事项（可选一件事），填一张申请表，核验材料，作出受理决定",
         "C 办件查询：按办件编号、姓名或身份证号找办件；群众补正材料回来时在此调出办件继续受理",
         "P 交屏（一屏工位）：办结后把屏幕交给群众评价；评价完成几秒后或超时自动收回，群众按 Esc 不评价即交还"]
    }

    public func reload() {
        do {
            state.snapshot = try store.windowSnapshot(windowNumber)
            if state.services.isEmpty { state.services = try store.services(); state.windows = try store.windows() }
            state.deadlines = try store.caseDeadlines(today: calendar.dayKey(store.clock.now()))
            state.handOver = try handOverCandidate()
        } catch {
            state.message = .from(error)
        }
        state.now = store.clock.now()
    }

    public func tick() -> Bool {
        state.now = store.clock.now()
        defaults.runIfDue()
        // The offer to hand over ends with the invitation's time.
        if let inv = state.handOver, state.now >= inv.expiresAt { state.handOver = nil }
        return true
    }

    func act(_ body: () throws -> String) {
        do { state.message = .info(try body()) } catch { state.message = .from(error) }
        reload()
    }

    public func handle(_ key: Key) {
        if state.modal != nil { handleModal(key); return }
        switch key {
        case .enter where state.snapshot?.current != nil:
            state.message = .info("正在办理 \(state.snapshot!.current!.number)：办结请按 F4")
        case .function(2), .enter:
            act {
                let t = try store.callNext(window: windowNumber, by: by)
                return "已叫号 \(t.number)：" + announcementText(ticketNumber: t.number, windowNumber: windowNumber)
            }
        case .function(3):
            act {
                switch try store.recall(window: windowNumber, by: by) {
                case .recalled(let t, let n): return "已重呼 \(t.number)（第\(n)次）"
                case .noShow(let t, let mode): return "\(t.number) 重呼已达上限，已过号（\(mode.label)）"
                }
            }
        case .function(4): act { "\(try store.finish(window: windowNumber, by: by).number) 已办结" }
        case .function(5):
            act {
                let (t, mode) = try store.markNoShow(window: windowNumber, by: by)
                return "\(t.number) 已过号（\(mode.label)）"
            }
        case .function(6): act { "\(try store.hold(window: windowNumber, by: by).number) 已挂起，可按 F7 回呼" }
        case .function(7):
            let held = state.snapshot?.held ?? []
            if held.count > 1 {
                state.modal = .callBack(ChoiceDialog(title: "回呼哪个号", options: held.map { "\($0.number) 挂起于 \(calendar.hourMinute($0.calledAt ?? $0.issuedAt))" }), held)
            } else {
                act { "已回呼 \(try store.callBack(window: windowNumber, by: by).number)" }
            }
        case .function(8):
            guard state.snapshot?.current != nil else { state.message = .error("当前没有正在办理的号，无法转窗"); return }
            state.modal = .transferKind(ChoiceDialog(title: "转窗", options: ["转到其他业务", "转到指定窗口"]))
        case .function(9):
            if state.snapshot?.status == .paused {
                act { try store.setPaused(false, window: windowNumber, by: by); return "已恢复叫号" }
            } else {
                state.modal = .pauseReason(ChoiceDialog(title: "暂停原因", options: ["临时离开", "业务咨询", "系统故障", "其他"]))
            }
        case .function(10):
            do {
                try store.signOut(window: windowNumber, by: by)
                transition = .exit
            } catch { state.message = .from(error) }
        case .character("n"), .character("N"):
            state.modal = .callNumber(InputDialog(title: "指定叫号", prompt: "号码：",
                                                  field: TextField(maxLength: 8, allowed: { $0.isLetter || $0.isNumber })))
        case .character("s"), .character("S"):
            guard let ticket = state.snapshot?.current else { state.message = .error("请先叫号（F2），或为未取号的群众无号办理（W），再受理"); return }
            transition = .replace(MatterPickerScreen(context: intakeContext(), ticket: ticket))
        case .character("c"), .character("C"):
            transition = .replace(CaseListScreen(context: intakeContext()))
        case .character("p"), .character("P"):
            handOverToApplicant()
        case .character("w"), .character("W"):
            let mine = state.snapshot?.queues.map(\.service) ?? state.services
            state.modal = .walkUp(ChoiceDialog(title: "无号办理：选择业务", options: mine.map { "\($0.name)（\($0.prefix)）" }), mine)
        default: break
        }
    }

    func handleModal(_ key: Key) {
        guard let modal = state.modal else { return }
        switch modal {
        case .callNumber(var d):
            switch d.handle(key) {
            case .pending: state.modal = .callNumber(d)
            case .cancelled: state.modal = nil
            case .submitted(let text):
                state.modal = nil
                act { "已叫号 \(try store.callNumber(text, window: windowNumber, by: by).number)" }
            }
        case .walkUp(var d, let services):
            switch d.handle(key) {
            case .pending: state.modal = .walkUp(d, services)
            case .cancelled: state.modal = nil
            case .chosen(let i):
                state.modal = nil
                act { "无号办理：已登记 \(try store.serveWalkUp(service: services[i].id, window: windowNumber, by: by).number)" }
            }
        case .callBack(var d, let held):
            switch d.handle(key) {
            case .pending: state.modal = .callBack(d, held)
            case .cancelled: state.modal = nil
            case .chosen(let i):
                state.modal = nil
                act { "已回呼 \(try store.callBack(window: windowNumber, ticketNumber: held[i].number, by: by).number)" }
            }
        case .transferKind(var d):
            switch d.handle(key) {
            case .pending: state.modal = .transferKind(d)
            case .cancelled: state.modal = nil
            case .chosen(0):
                state.modal = .transferService(ChoiceDialog(title: "转到哪类业务", options: state.services.map { "\($0.name)（\($0.prefix)）" }), state.services)
            case .chosen:
                let others = state.windows.filter { $0.number != windowNumber }
                state.modal = .transferWindow(ChoiceDialog(title: "转到哪个窗口", options: others.map(\.name)), others)
            }
        case .transferService(var d, let services):
            switch d.handle(key) {
            case .pending: state.modal = .transferService(d, services)
            case .cancelled: state.modal = nil
            case .chosen(let i): state.modal = .transferPosition(Self.positionDialog(), .service(services[i].id))
            }
        case .transferWindow(var d, let windows):
            switch d.handle(key) {
            case .pending: state.modal = .transferWindow(d, windows)
            case .cancelled: state.modal = nil
            case .chosen(let i): state.modal = .transferPosition(Self.positionDialog(), .window(windows[i].number))
            }
        case .transferPosition(var d, let target):
            switch d.handle(key) {
            case .pending: state.modal = .transferPosition(d, target)
            case .cancelled: state.modal = nil
            case .chosen(let i):
                state.modal = .transferNote(InputDialog(title: "转窗备注（可空）", prompt: "备注：", field: TextField(maxLength: 200)),
                                            target, i == 0 ? .front : .back)
            }
        case .transferNote(var d, let target, let position):
            switch d.handle(key) {
            case .pending: state.modal = .transferNote(d, target, position)
            case .cancelled: state.modal = nil
            case .submitted(let note):
                state.modal = nil
                act {
                    let t = try store.transfer(window: windowNumber, to: target, position: position, note: note, by: by)
                    return "\(t.number) 已转窗（\(position.label)）"
                }
            }
        case .pauseReason(var d):
            switch d.handle(key) {
            case .pending: state.modal = .pauseReason(d)
            case .cancelled: state.modal = nil
            case .chosen(let i):
                state.modal = nil
                act { try store.setPaused(true, window: windowNumber, reason: d.options[i], by: by); return "已暂停叫号（\(d.options[i])），按 F9 恢复" }
            }
        }
    }

    public var isTypingText: Bool {
        switch state.modal {
        case .callNumber?, .transferNote?: return true
        default: return false
        }
    }

    /// Intake screens come back here through a fresh console (it re-reads the window from the store).
    func intakeContext() -> IntakeContext {
        let (store, clerk, window, terminal, calendar, printDesk) = (store, clerk, windowNumber, terminal, calendar, printDesk)
        return IntakeContext(store: store, clerk: clerk, windowNumber: window, by: by, calendar: calendar, printDesk: printDesk) {
            WindowConsoleScreen(store: store, clerk: clerk, window: window, terminal: terminal, calendar: calendar, printDesk: printDesk)
        }
    }

    static func positionDialog() -> ChoiceDialog { ChoiceDialog(title: "排在", options: ["队首（优先办理）", "队尾"]) }

    // MARK: rendering (pure: state in, cells out)

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        Self.render(state, calendar: calendar, into: &buffer, area: area)
        switch state.modal {
        case .callNumber(let d)?, .transferNote(let d, _, _)?: d.render(in: area, into: &buffer)
        case .walkUp(let d, _)?, .callBack(let d, _)?, .transferKind(let d)?, .transferService(let d, _)?,
             .transferWindow(let d, _)?, .transferPosition(let d, _)?, .pauseReason(let d)?:
            d.render(in: area, into: &buffer)
        case nil: break
        }
    }

    static func render(_ state: State, calendar: HallCalendar, into buffer: inout ScreenBuffer, area: Rect) {
        guard let s = state.snapshot else { return }
        let (top, bottom) = area.splitTop(min(10, area.height / 2))
        let leftWidth = min(44, top.width / 2 + 4)
        let (left, right) = top.splitLeft(leftWidth)
        Box.render(left, title: "当前办理", into: &buffer)
        let inner = left.inset(dx: 2, dy: 1)
        if let t = s.current {
            _ = BigText.render(t.number, x: inner.x, y: inner.y, into: &buffer, style: .bold)
            var line1 = s.currentServiceName ?? ""
            if t.priority != .normal { line1 += " · " + t.priority.label }
            if t.isWalkUp { line1 += " · 无号办理" }
            buffer.put(line1, x: inner.x, y: inner.y + BigText.height, maxWidth: inner.width, style: t.priority == .greenChannel ? .ok : .plain)
            let waited = (t.calledAt ?? state.now).timeIntervalSince(t.enqueuedAt)
            let serving = state.now.timeIntervalSince(t.calledAt ?? state.now)
            buffer.put("等候 \(formatDuration(waited)) · 已办理 \(formatDuration(serving)) · 重呼 \(t.recallCount) 次",
                       x: inner.x, y: inner.y + BigText.height + 1, maxWidth: inner.width)
            if let note = t.note, inner.height > BigText.height + 2 {
                buffer.put("备注：" + note, x: inner.x, y: inner.y + BigText.height + 2, maxWidth: inner.width, style: .muted)
            }
        } else if s.status == .paused {
            buffer.put("暂停叫号中", x: inner.x, y: inner.y + 1, style: .warning)
            buffer.put("按 F9 恢复叫号", x: inner.x, y: inner.y + 3)
        } else {
            let waiting = s.queues.reduce(0) { $0 + $1.waiting } + s.targetedWaiting
            buffer.put("空闲", x: inner.x, y: inner.y + 1, style: .bold)
            buffer.put("本窗口业务共 \(waiting) 人等候", x: inner.x, y: inner.y + 3, maxWidth: inner.width)
            buffer.put("按 F2 或 回车 叫下一位", x: inner.x, y: inner.y + 4, maxWidth: inner.width, style: .ok)
        }

        let nextShown = max(1, (right.width - 28) / 5)     // as many next numbers as fit
        let rows = s.queues.map { q in
            [q.service.name, q.service.prefix, "\(q.waiting)", q.waiting > 0 ? formatDuration(q.longestWaitSeconds) : "—",
             q.nextNumbers.prefix(nextShown).joined(separator: " ")]
        } + (s.targetedWaiting > 0 ? [["转给本窗口", "", "\(s.targetedWaiting)", "", ""]] : [])
        let qArea = Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: max(0, right.height - 2))
        let styles = Dictionary(uniqueKeysWithValues: s.queues.enumerated().compactMap { i, q in
            q.waiting >= q.service.warnQueue || q.longestWaitSeconds > Double(q.service.targetWaitMinutes * 60) ? (i, TextStyle.warning) : nil })
        Table.render(columns: [TableColumn("业务", width: 8), TableColumn("号", width: 2), TableColumn("等候", width: 4, align: .right),
                               TableColumn("最长等候", width: 9, align: .right), TableColumn("下一位", width: max(6, qArea.width - 27))],
                     rows: rows, selected: nil, in: qArea, into: &buffer, rowStyles: styles)
        let heldText = s.held.isEmpty ? "挂起：无" : "挂起：" + s.held.map(\.number).joined(separator: " ")
        buffer.put(heldText, x: right.x + 1, y: right.maxY - 2, maxWidth: right.width - 1, style: s.held.isEmpty ? .muted : .bold)
        buffer.put("状态：\(s.status.label) · 今日办结 \(s.finishedToday)", x: right.x + 1, y: right.maxY - 1, maxWidth: right.width - 1)
        let (dueToday, overdue) = state.deadlines
        if dueToday + overdue > 0 {
            buffer.put("办件：今日到期\(dueToday) · 超期\(overdue)", x: right.x + 1, y: right.maxY - 3, maxWidth: right.width - 1,
                       style: overdue > 0 ? .warning : .bold)
        }

        let history = s.history.map { h in
            [calendar.timeOfDay(h.at), h.kind.label, h.ticketNumber ?? "", h.serviceName ?? "", h.detail ?? ""]
        }
        buffer.put("今日本窗口记录", x: bottom.x + 1, y: bottom.y, style: .bold)
        Table.render(columns: [TableColumn("时间", width: 8), TableColumn("动作", width: 8), TableColumn("号码", width: 6),
                               TableColumn("业务", width: 10), TableColumn("说明", width: max(10, bottom.width - 40))],
                     rows: history, selected: nil, in: Rect(x: bottom.x + 1, y: bottom.y + 1, width: bottom.width - 2, height: bottom.height - 1),
                     into: &buffer)
    }
}
