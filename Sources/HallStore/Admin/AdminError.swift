import Foundation
import HallCore

/// Refusals of the role matrix and of hall administration, each naming the fault in Chinese.
/// Kept apart from StoreError so the two can change independently.
public enum AdminError: Error, Equatable, LocalizedError {
    case notPermitted(Permission, role: HallRole)
    case noCredentials
    case staffDisabled(String)
    case pinChangeRequired(String)
    case notSignedInHere(window: Int, clerk: String)
    case windowClosed(Int)
    case windowNotPermitted(clerk: String, window: Int)
    case beforeOpening(service: String, time: String)
    case afterCutoff(service: String, time: String)
    case serviceSuspended(String)
    case invalid(String)

    public var errorDescription: String? {
        switch self {
        case .notPermitted(let p, let role):
            return "\(role.label)无权\(p.label)：需要 \(RoleMatrix.whoMay(p)) 的工号和密码"
        case .noCredentials:
            return "此命令需要有权限的工作人员工号和密码：请设置环境变量 YICHUANG_STAFF 和 YICHUANG_PIN，或在标准输入第一行输入工号、第二行输入密码（不要写在命令行上）"
        case .staffDisabled(let n): return "工号 \(n) 已停用，不能登录或操作"
        case .pinChangeRequired(let n): return "工号 \(n) 的密码是管理员重置的一次性密码：请先修改密码（yichuang staff change-pin）再登录"
        case .notSignedInHere(let w, let c): return "\(w) 号窗口由 \(c) 登录：只有该窗口登录的工作人员本人可以操作"
        case .windowClosed(let n): return "\(n) 号窗口已关闭，不能登录或叫号"
        case .windowNotPermitted(let c, let w): return "\(c) 没有在 \(w) 号窗口工作的权限，请联系系统管理员"
        case .beforeOpening(let s, let t): return "“\(s)”今日 \(t) 开始取号，请稍候"
        case .afterCutoff(let s, let t): return "“\(s)”今日取号已结束（截止 \(t)），请明天再来或预约"
        case .serviceSuspended(let s): return "“\(s)”今日暂停办理，请咨询导服人员"
        case .invalid(let s): return s
        }
    }
}
