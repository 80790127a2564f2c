import Foundation
import HallCore
import HallStore
import TerminalUI

/// The console's dialogs: each one's answer becomes the next dialog or a store action. Esc closes
/// the dialog and nothing else.
extension WindowConsole {
    static func handleModal(_ state: inout State, _ key: Key) -> Effects {
        guard let modal = state.modal else { return [] }
        state.modal = nil
        switch modal {
        case .callNumber(var d):
            switch d.handle(key) {
            case .pending: state.modal = .callNumber(d)
            case .cancelled: break
            case .submitted(let text): return [.run(.act(.callNumber(text)))]
            }
        case .walkUp(var d, let services):
            switch d.handle(key) {
            case .pending: state.modal = .walkUp(d, services)
            case .cancelled: break
            case .chosen(let i): return [.run(.act(.walkUp(serviceId: services[i].id)))]
            }
        case .callBack(var d, let held):
            switch d.handle(key) {
            case .pending: state.modal = .callBack(d, held)
            case .cancelled: break
            case .chosen(let i): return [.run(.act(.callBack(ticketNumber: held[i].number)))]
            }
        case .transferKind(var d):
            switch d.handle(key) {
            case .pending: state.modal = .transferKind(d)
            case .cancelled: break
            case .chosen(0):
                let services = state.data?.services ?? []
                state.modal = .transferService(ChoiceDialog(title: "转到哪类业务", options: services.map { "\($0.name)（\($0.prefix)）" }), services)
            case .chosen:
                let others = (state.data?.windows ?? []).filter { $0.number != state.windowNumber }
                // The digit picks the line, and the line says which window it is (no "5. 6号窗口").
                state.modal = .transferWindow(ChoiceDialog(title: "转到哪个窗口", options: others.map { w in
                    let status = state.data?.windowStatus[w.number]
                    let note = status == nil || status == .signedOut ? "（无人登录）" : status == .paused ? "（暂停）" : ""
                    return w.name + note
                }, numbers: others.map(\.number)), others)
            }
        case .transferService(var d, let services):
            switch d.handle(key) {
            case .pending: state.modal = .transferService(d, services)
            case .cancelled: break
            case .chosen(let i): state.modal = .transferPosition(positionDialog(), .service(services[i].id))
            }
        case .transferWindow(var d, let windows):
            switch d.handle(key) {
            case .pending: state.modal = .transferWindow(d, windows)
            case .cancelled: break
            case .chosen(let i):
                let target = windows[i]
                let status = state.data?.windowStatus[target.number]
                if status == nil || status == .signedOut {
                    // Nobody would call it there: offer the service queue instead.
                    state.modal = .transferNobodyThere(ChoiceDialog(title: "\(target.name)无人登录，转过去将无人叫号", options: [
                        "改为转到本号的业务队列", "仍转到\(target.name)", "取消"]), target.number)
                } else {
                    state.modal = .transferPosition(positionDialog(), .window(target.number))
                }
            }
        case .transferNobodyThere(var d, let window):
            switch d.handle(key) {
            case .pending: state.modal = .transferNobodyThere(d, window)
            case .chosen(0):
                guard let serviceId = state.current?.serviceId else { break }
                state.modal = .transferPosition(positionDialog(), .service(serviceId))
            case .chosen(1): state.modal = .transferPosition(positionDialog(), .window(window))
            case .chosen, .cancelled: break
            }
        case .transferPosition(var d, let target):
            switch d.handle(key) {
            case .pending: state.modal = .transferPosition(d, target)
            case .cancelled: break
            case .chosen(let i):
                state.modal = .transferNote(InputDialog(title: "转窗备注（可空）", prompt: "备注：", field: TextField(maxLength: 200)),
                                            target, i == 0 ? .front : .back)
            }
        case .transferNote(var d, let target, let position):
            switch d.handle(key) {
            case .pending: state.modal = .transferNote(d, target, position)
            case .cancelled: break
            case .submitted(let note): return [.run(.act(.transfer(target, position, note: note)))]
            }
        case .pauseReason(var d):
            switch d.handle(key) {
            case .pending: state.modal = .pauseReason(d)
            case .cancelled: break
            case .chosen(let i): return [.run(.act(.pause(reason: d.options[i])))]
            }
        case .recallPastLimit(var d):
            switch d.handle(key) {
            case .pending: state.modal = .recallPastLimit(d)
            case .chosen(0): return [.run(.act(.recall))]
            case .chosen, .cancelled: break
            }
        case .signOut(var d, let returning):
            switch d.handle(key) {
            case .pending: state.modal = .signOut(d, returning: returning)
            case .chosen(0): return [.run(.act(returning ? .returnTicketsToQueue : .signOut))]
            case .chosen, .cancelled: break
            }
        }
        return []
    }

    static func positionDialog() -> ChoiceDialog {
        ChoiceDialog(title: "排在（队首：在本业务普通号之前，绿色通道号仍优先）", options: ["队首（优先办理）", "队尾"])
    }

    public static func isTypingText(_ state: State) -> Bool {
        switch state.modal {
        case .callNumber?, .transferNote?: return true
        default: return false
        }
    }

    static func renderModal(_ state: State, in area: Rect, into buffer: inout ScreenBuffer) {
        switch state.modal {
        case .callNumber(let d)?, .transferNote(let d, _, _)?: d.render(in: area, into: &buffer)
        case .walkUp(let d, _)?, .callBack(let d, _)?, .transferKind(let d)?, .transferService(let d, _)?,
             .transferWindow(let d, _)?, .transferPosition(let d, _)?, .pauseReason(let d)?, .recallPastLimit(let d)?,
             .signOut(let d, _)?, .transferNobodyThere(let d, _)?:
            d.render(in: area, into: &buffer)
        case nil: break
        }
    }
}
