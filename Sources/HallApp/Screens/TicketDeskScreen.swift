import Foundation
import HallCore
import HallStore
import TerminalUI

/// 取号台: issue by service with digits, green-channel toggle, ID check for age, appointment check-in.
public final class TicketDeskScreen: LegacyScreen {
    enum Modal { case checkIn(InputDialog), idCheck(InputDialog) }

    public struct State {
        var queues: [ServiceQueue] = []
        var green = false
        var last: IssuedTicket?
        var message: StatusMessage?
        var modal: Modal?
    }

    let store: HallStore
    let clerk: Clerk
    let by: Attribution
    let calendar: HallCalendar
    let printDesk: PrintDesk
    /// Answers from the printing thread, shown on the next tick.
    let printed = PrintMailbox()
    public private(set) var state = State()
    public var transition: ScreenTransition?

    public init(store: HallStore, clerk: Clerk, terminal: String, calendar: HallCalendar, printDesk: PrintDesk) {
        self.store = store; self.clerk = clerk; self.calendar = calendar; self.printDesk = printDesk
        by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
    }

    public var title: String { "取号台 · \(clerk.name)" }
    public var message: StatusMessage? { state.message }
    public var keyBar: [KeyBarItem] {
        [.init("F1", "帮助"), .init("1-9", "取号"), .init("G", state.green ? "绿色通道:开" : "绿色通道:关"),
         .init("F3", "预约签到"), .init("F4", "身份证核验"), .init("F6", "补打号票"), .init("F10", "退出")]
    }
    public var help: [String] {
        ["按业务前的数字取号；号票显示前面等候的人数。",
         "G 切换绿色通道（老年人、残疾人、孕妇等优先办理），取号后自动关闭。",
         "F4 输入身份证号：年满大厅设定年龄（默认70岁）自动开启绿色通道；号码只用于核验，不保存。",
         "F3 输入预约码签到：到了预约时段优先叫号；迟到按普通号排队。",
         "取号后号票自动打印；打印失败时屏幕提示原因，号已取到，按 F6 补打最近一张号票。"]
    }

    public func reload() {
        do { state.queues = try store.queueOverview() } catch { state.message = .from(error) }
    }

    public func handle(_ key: Key) {
        if let modal = state.modal { handleModal(modal, key); return }
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            guard let d = c.wholeNumberValue, d >= 1, d <= state.queues.count else {
                state.message = .error("没有编号为 \(c) 的业务"); return
            }
            issue(state.queues[d - 1].service)
        case .character("g"), .character("G"):
            state.green.toggle()
            state.message = .info(state.green ? "下一张号票走绿色通道" : "已关闭绿色通道")
        case .function(3):
            state.modal = .checkIn(InputDialog(title: "预约签到", prompt: "预约码：", field: TextField(maxLength: 12, allowed: { $0.isNumber })))
        case .function(4):
            state.modal = .idCheck(InputDialog(title: "身份证核验（不保存）", prompt: "身份证号：", field: TextField(maxLength: 24)))
        case .function(6):
            guard let last = state.last else { state.message = .error("还没有取过号，无可补打"); return }
            state.message = .info("补打号票 \(last.ticket.number)")
            printTicket(last)
        case .function(10): transition = .confirmExit("退出取号台？")
        case .escape: state.message = .info("这是取号台的首页：退出请按 F10")
        default: break
        }
    }

    /// The ticket is issued whatever the printer does; its fate arrives on a later tick.
    func printTicket(_ issued: IssuedTicket) {
        let mailbox = printed
        let number = issued.ticket.number
        do {
            try printDesk.printTicket(issued, by: by) { mailbox.post("号票 \(number)：\($0)") }
        } catch { state.message = .error("号票 \(number) 未能打印：\(error.localizedDescription)；按 F6 补打") }
        takePrinted()
    }

    func takePrinted() {
        guard let text = printed.take() else { return }
        let failed = text.contains("失败")
        let base = state.message.map { $0.text + " · " } ?? ""
        state.message = failed ? .error(base + text + "；按 F6 补打") : .info(base + text)
    }

    public func tick() -> Bool { takePrinted(); return true }

    public var isTypingText: Bool { state.modal != nil }

    func issue(_ service: Service) {
        do {
            let issued = try store.issueTicket(service: service.id, priority: state.green ? .greenChannel : .normal, by: by)
            state.last = issued
            state.green = false
            state.message = .info("已取号 \(issued.ticket.number)（\(issued.serviceName)），前面还有 \(issued.peopleAhead) 人")
            printTicket(issued)
        } catch { state.message = .from(error) }
        reload()
    }

    func handleModal(_ modal: Modal, _ key: Key) {
        switch modal {
        case .checkIn(var d):
            switch d.handle(key) {
            case .pending: state.modal = .checkIn(d)
            case .cancelled: state.modal = nil
            case .submitted(let code):
                state.modal = nil
                do {
                    let issued = try store.checkInAppointment(code: code, by: by)
                    state.last = issued
                    state.message = .info("预约签到成功：\(issued.ticket.number)（\(issued.ticket.priority.label)）\(issued.ticket.note ?? "")")
                    printTicket(issued)
                } catch { state.message = .from(error) }
                reload()
            }
        case .idCheck(var d):
            switch d.handle(key) {
            case .pending: state.modal = .idCheck(d)
            case .cancelled: state.modal = nil
            case .submitted(let text):
                state.modal = nil
                do {
                    let hall = try store.hall()
                    let now = store.clock.now()
                    switch ResidentIDValidator.validate(text, today: now, calendar: hall.calendar) {
                    case .failure(let e): state.message = .error(e.localizedDescription)
                    case .success(let id):
                        let age = hall.calendar.age(birthYear: id.birthYear, month: id.birthMonth, day: id.birthDay, on: now)
                        if suggestsGreenChannel(id, policy: hall.policy, on: now, calendar: hall.calendar) {
                            state.green = true
                            state.message = .info("\(id.masked)：\(age) 周岁，已自动开启绿色通道，请按业务数字取号")
                        } else {
                            state.message = .info("\(id.masked)：\(age) 周岁，按普通号取号")
                        }
                    }
                } catch { state.message = .from(error) }
            }
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
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
            for line in ["业务：\(last.serviceName)" + (last.ticket.priority == .normal ? "" : "（\(last.ticket.priority.label)）"),
                         "前面还有 \(last.peopleAhead) 人", "取号时间：\(calendar.timeOfDay(last.ticket.issuedAt))",
                         "请留意叫号屏和语音提示"] where y < inner.maxY {
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
