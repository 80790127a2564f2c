import Foundation
import HallCore
import HallStore
import TerminalUI

/// What staff can do on the applicant's screen, and nothing more: close a standalone pad with a
/// 工号 and PIN (an applicant must not be able to switch it off), and take a handed-over screen
/// back once the rating is done, timed out or declined. Nothing here can choose a level.
extension RatingPadScreen {
    static let staffRoles: Set<ClerkRole> = [.clerk, .supervisor, .admin]

    /// Keys that belong to staff; true when the key was taken.
    func handleStaffKey(_ key: Key) -> Bool {
        switch mode {
        case .standalone:
            guard key == .function(10) else { return false }
            state.exitPrompt = .clerk(InputDialog(title: "关闭评价器（工作人员）", prompt: "工号：",
                                                  field: TextField(maxLength: 10, allowed: { $0.isASCII && ($0.isNumber || $0.isLetter) })))
            return true
        case .handOver:
            // F10 signs the clerk out on the console; on the applicant's screen it does nothing.
            if key == .function(10) { return true }
            switch state.phase {
            case .thanks:
                giveBack(.info("群众已完成评价，屏幕已交还"))
                return true
            case .idle:
                giveBack(state.message ?? .info("屏幕已交还"))
                return true
            case .choosing where key == .escape:
                giveBack(.info("群众未评价，屏幕已交还（未记录评价）"))
                return true
            default:
                return false
            }
        }
    }

    func handleExitPrompt(_ key: Key) {
        switch state.exitPrompt {
        case .clerk(var d)?:
            switch d.handle(key) {
            case .pending: state.exitPrompt = .clerk(d)
            case .cancelled: state.exitPrompt = nil
            case .submitted(let number):
                guard !number.isEmpty else { state.message = .error("请输入工号"); return }
                state.exitPrompt = .pin(InputDialog(title: "关闭评价器（工作人员）", prompt: "密码：",
                                                    field: TextField(maxLength: 12, isSecret: true, allowed: { $0.isASCII && $0.isNumber })),
                                        clerkNumber: number)
            }
        case .pin(var d, let number)?:
            switch d.handle(key) {
            case .pending: state.exitPrompt = .pin(d, clerkNumber: number)
            case .cancelled: state.exitPrompt = nil
            case .submitted(let pin):
                state.exitPrompt = nil
                do {
                    // The sign-in machinery checks the PIN, counts failures, locks out and audits.
                    let clerk = try store.signIn(clerkNumber: number, pin: pin, window: nil, terminal: by.terminal)
                    guard Self.staffRoles.contains(clerk.role) else {
                        state.message = .error("\(clerk.role.label)不能关闭评价器，请由窗口人员或大厅管理人员操作")
                        return
                    }
                    transition = .exit
                } catch {
                    state.message = .from(error)
                }
            }
        case nil: break
        }
    }

    /// Back to the window console that handed the screen over.
    func giveBack(_ message: StatusMessage?) {
        guard case .handOver = mode else { return }
        transition = .pop(message)
    }
}
