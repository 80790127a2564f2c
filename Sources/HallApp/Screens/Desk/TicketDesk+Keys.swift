import Foundation
import HallCore
import HallStore
import TerminalUI

/// The desk's one key table: it draws the key bar, writes the F1 help and dispatches keys.
extension TicketDesk {
    enum KeyAction: Sendable { case issue, toggleGreen, checkIn, idCheck, reprint, leave }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand("0123456789".map { Key.character($0) }, "1-9", "取号",
                   help: "按业务前的数字取号；号票显示前面等候的人数，取号后自动打印", action: .issue),
        KeyCommand(letter("g"), "G", "绿色通道:关", help: "开启绿色通道（老年人、残疾人、孕妇等优先办理），取号后自动关闭",
                   unavailable: { $0.green ? "绿色通道已开启" : nil }, action: .toggleGreen),
        KeyCommand(letter("g"), "G", "绿色通道:开", help: "关闭绿色通道，下一张按普通号取号",
                   unavailable: { $0.green ? nil : "绿色通道未开启" }, action: .toggleGreen),
        KeyCommand([.function(3)], "F3", "预约签到", help: "输入预约码签到：到了预约时段优先叫号；迟到按普通号排队", action: .checkIn),
        KeyCommand([.function(4)], "F4", "身份证核验",
                   help: "输入身份证号：年满大厅设定年龄（默认70岁）自动开启绿色通道；号码只用于核验，不保存", action: .idCheck),
        KeyCommand([.function(6)], "F6", "补打号票", help: "打印失败时号已取到，屏幕提示原因，按此补打最近一张号票",
                   unavailable: { $0.last == nil ? "还没有取过号，无可补打" : nil }, action: .reprint),
        KeyCommand([.function(10)], "F10", "退出", help: "退出取号台（先确认）", action: .leave),
    ])

    static func run(_ action: KeyAction, key: Key, _ state: inout State) -> Effects {
        switch action {
        case .issue:
            guard case .character(let c) = key, let d = c.wholeNumberValue else { return [] }
            guard d >= 1, d <= state.queues.count else { state.say(.error("没有编号为 \(c) 的业务")); return [] }
            state.say(nil)
            return [.run(.issue(serviceId: state.queues[d - 1].service.id, priority: state.green ? .greenChannel : .normal))]
        case .toggleGreen:
            state.green.toggle()
            state.say(.info(state.green ? "下一张号票走绿色通道" : "已关闭绿色通道"))
        case .checkIn:
            state.say(nil)
            state.modal = .checkIn(InputDialog(title: "预约签到", prompt: "预约码：", field: TextField(maxLength: 12, allowed: { $0.isNumber })))
        case .idCheck:
            state.say(nil)
            state.modal = .idCheck(InputDialog(title: "身份证核验（不保存）", prompt: "身份证号：", field: TextField(maxLength: 24)))
        case .reprint:
            guard let last = state.last else { return [] }
            state.say(.info("补打号票 \(last.ticket.number)"), about: last.ticket.number)
            return [.run(.printTicket(last))]
        case .leave:
            return [.confirmQuit("退出取号台？")]
        }
        return []
    }

    static func handleModal(_ state: inout State, _ key: Key) -> Effects {
        guard let modal = state.modal else { return [] }
        state.modal = nil
        switch modal {
        case .checkIn(var d):
            switch d.handle(key) {
            case .pending: state.modal = .checkIn(d)
            case .cancelled: break
            case .submitted(let code): return [.run(.checkIn(code: code))]
            }
        case .idCheck(var d):
            switch d.handle(key) {
            case .pending: state.modal = .idCheck(d)
            case .cancelled: break
            case .submitted(let text): checkID(text, &state)
            }
        }
        return []
    }

    /// The age check: the number is validated and dropped here, never sent anywhere.
    static func checkID(_ text: String, _ state: inout State) {
        guard let policy = state.data?.policy else { state.say(.error("大厅设置尚未读取，请稍后再核验")); return }
        let calendar = state.calendar, now = state.now
        switch ResidentIDValidator.validate(text, today: now, calendar: calendar) {
        case .failure(let e): state.say(.error(e.localizedDescription))
        case .success(let id):
            let age = calendar.age(birthYear: id.birthYear, month: id.birthMonth, day: id.birthDay, on: now)
            if suggestsGreenChannel(id, policy: policy, on: now, calendar: calendar) {
                state.green = true
                state.say(.info("\(id.masked)：\(age) 周岁，已自动开启绿色通道，请按业务数字取号"))
            } else {
                state.say(.info("\(id.masked)：\(age) 周岁，按普通号取号"))
            }
        }
    }
}
