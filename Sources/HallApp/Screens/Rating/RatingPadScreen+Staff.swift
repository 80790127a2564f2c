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
            if let why = state.throttle.refusal(at: store.clock.now()) { state.message = .error(why); return true }
            state.exitPrompt = .start("关闭评价器（工作人员）")
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
        guard let exit = state.exitPrompt else { return }
        switch exit.handle(key) {
        case .pending(let next): state.exitPrompt = next
        case .cancelled: state.exitPrompt = nil
        case .missingNumber: state.message = .error("请输入工号")
        case .submitted(let number, let pin):
            state.exitPrompt = nil
            do {
                // Checked without touching the account's lock-out: the pad throttles itself.
                guard let clerk = try store.checkStaffAtPublicScreen(clerkNumber: number, pin: pin, terminal: by.terminal) else {
                    state.throttle.failed(at: store.clock.now())
                    state.message = .error("工号或密码错误")
                    return
                }
                state.throttle.succeeded()
                guard Self.staffRoles.contains(clerk.role) else {
                    state.message = .error("\(clerk.role.label)不能关闭评价器，请由窗口人员或大厅管理人员操作")
                    return
                }
                transition = .exit
            } catch {
                state.message = .from(error)
            }
        }
    }

    /// Back to the window console that handed the screen over.
    func giveBack(_ message: StatusMessage?) {
        guard case .handOver = mode else { return }
        transition = .pop(message)
    }
}
