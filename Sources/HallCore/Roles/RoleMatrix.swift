import Foundation

/// Who acts: the four staff roles (from the clerk row, never from what a caller claims) and the two
/// unattended devices. A write with no staff member behind it is the device's.
public enum HallRole: String, CaseIterable, Sendable, Codable {
    case clerk, guide, supervisor, admin, ratingPad, station

    public init(_ role: ClerkRole) {
        switch role {
        case .clerk: self = .clerk
        case .guide: self = .guide
        case .supervisor: self = .supervisor
        case .admin: self = .admin
        }
    }

    public var label: String {
        switch self {
        case .clerk: return "窗口人员"
        case .guide: return "导服"
        case .supervisor: return "大厅管理"
        case .admin: return "系统管理员"
        case .ratingPad: return "评价器"
        case .station: return "本机（自助机、定时任务、同步）"
        }
    }
}

/// What may be done in a hall, one row of the role matrix each (docs/roles.md is the same table in
/// words; `RoleMatrixTests` reads it and compares every cell).
public enum Permission: String, CaseIterable, Sendable {
    case signInAtWindow        // signin, the window console
    case windowAction          // call, recall, noshow, hold, callback, transfer, pause, resume, walkup, finish: own window only
    case issueTicket           // ticket, checkin, appointment, the ticket desk
    case readQueue             // queue, status, the board
    case intake                // cases at the window
    case giveRating            // the rating pad records the applicant's level
    case closeRatingPad        // F10 on a stand-alone pad
    case readReports           // report, ratings report|export, the dashboard: per-clerk figures and raters' names
    case handleRectification   // bad-rating tasks on the dashboard
    case applyDefaultRatings   // ratings apply-defaults (cron) and the consoles' schedule
    case changeRules           // config KEY VALUE
    case importReference       // import catalog|calendar
    case manageServices        // service …
    case manageWindows         // window add|rename|services
    case manageStaff           // staff add|disable|enable|role|windows|reset-pin|unlock
    case liveControl           // window open|close|temporary|sign-out, ticket recover, staff move, service suspend|resume
    case closeDay              // close-day
    case changeOwnPIN          // staff change-pin, the sign-in screen
    case verifyStore           // doctor
    case restoreStore          // restore: replaces the whole store with a backup
    case sync                  // sync with the centre (token, not a person)

    public var label: String {
        switch self {
        case .signInAtWindow: return "在窗口登录"
        case .windowAction: return "本窗口叫号、办结等操作"
        case .issueTicket: return "取号、预约签到、登记预约"
        case .readQueue: return "查看排队和窗口状态"
        case .intake: return "受理办件"
        case .giveRating: return "记录群众评价"
        case .closeRatingPad: return "关闭评价器"
        case .readReports: return "查看和导出报表、评价明细"
        case .handleRectification: return "处理差评整改"
        case .applyDefaultRatings: return "记录默认评价"
        case .changeRules: return "修改大厅规则"
        case .importReference: return "导入事项目录和工作日历"
        case .manageServices: return "管理业务类别"
        case .manageWindows: return "管理窗口"
        case .manageStaff: return "管理工作人员"
        case .liveControl: return "现场调度（开关窗口、临时窗口、强制退出、挂起号回收、调岗、暂停业务）"
        case .closeDay: return "日结"
        case .changeOwnPIN: return "修改本人密码"
        case .verifyStore: return "检查数据库"
        case .restoreStore: return "用备份恢复数据库"
        case .sync: return "与中心同步"
        }
    }
}

public enum RoleMatrix {
    /// The one table. A role not listed for a permission may not do it, on any screen or command.
    public static let table: [Permission: Set<HallRole>] = [
        .signInAtWindow: [.clerk, .supervisor, .admin],
        .windowAction: [.clerk, .supervisor, .admin],
        .issueTicket: [.clerk, .guide, .supervisor, .admin, .station],
        .readQueue: [.clerk, .guide, .supervisor, .admin, .ratingPad, .station],
        .intake: [.clerk, .supervisor, .admin],
        .giveRating: [.ratingPad],
        .closeRatingPad: [.clerk, .supervisor, .admin],
        .readReports: [.supervisor, .admin],
        .handleRectification: [.supervisor, .admin],
        .applyDefaultRatings: [.supervisor, .admin, .station],
        .changeRules: [.admin],
        .importReference: [.admin],
        .manageServices: [.admin],
        .manageWindows: [.admin],
        .manageStaff: [.admin],
        .liveControl: [.supervisor, .admin],
        .closeDay: [.supervisor, .admin],
        .changeOwnPIN: [.clerk, .guide, .supervisor, .admin],
        .verifyStore: [.clerk, .guide, .supervisor, .admin, .station],
        .restoreStore: [.admin],
        .sync: [.station],
    ]

    public static func allows(_ role: HallRole, _ permission: Permission) -> Bool {
        table[permission]?.contains(role) ?? false
    }

    /// The staff roles that may do it, in Chinese, for a refusal ("需要 大厅管理 或 系统管理员").
    public static func whoMay(_ permission: Permission) -> String {
        let roles = HallRole.allCases.filter { allows($0, permission) }.map(\.label)
        return roles.isEmpty ? "无人" : roles.joined(separator: " 或 ")
    }
}
