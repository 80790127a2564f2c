import Foundation
import GRDB

/// Every failure a store operation can report, with the Chinese text a clerk reads on screen.
public enum StoreError: Error, Equatable, LocalizedError {
    case cannotOpen(path: String, reason: String)
    case diskFull
    case readOnly
    case busy
    case corrupt
    case ioError(String)
    case notInitialized(path: String)
    case newerSchema(path: String)
    case noSuchWindow(Int)
    case noSuchService(String)
    case noSuchClerk(String)
    case noSuchTicket(String)
    case noSuchAppointment(String)
    case appointmentAlreadyCheckedIn(String)
    case appointmentNotToday(String)
    case windowNotSignedIn(Int)
    case windowInUse(window: Int, clerk: String)
    case clerkAtOtherWindow(clerk: String, window: Int)
    case windowPaused(Int)
    case alreadyServing(window: Int, ticket: String)
    case nothingBeingServed(Int)
    case queueEmpty(window: Int)
    case ticketNotWaiting(number: String, status: String)
    case ticketServedElsewhere(number: String, window: Int)
    case queueFull(service: String, max: Int)
    case wrongPIN(remaining: Int)
    case clerkLocked(minutes: Int)
    case hallAlreadySetUp
    case noRatingInvitation
    case ratingAtOtherWindow(Int)
    case alreadyRated
    case ratingExpired
    case noSuchRectificationTask
    case nothingReceived
    case printJobNotRetryable(status: String)
    /// A rule of the queue or the case refused the action; the rule's own words (HallCore's
    /// `CallRules`, `IntakeDecisionRules`, the calendar) say why.
    case ruleRefused(String)
    case noHeldTicket(window: Int)
    case alreadyPaused(window: Int)
    case notPaused(window: Int)
    /// A case past 待补正 keeps its form (`part`: 表单) or checklist (材料) as decided.
    case caseClosedForChanges(status: String, part: String)
    case caseNotAwaitingCorrection
    case caseNotAccepted(status: String)
    case noCommitmentToFulfil(status: String)
    case materialNotTolerated(String)
    case commitmentAlreadyFulfilled(material: String, day: String)
    case caseAtOtherWindow(caseNumber: String, window: Int, asked: Int)
    case invalidInput(String)
    case internalError(String)
    /// Another process is staging a catalog import into this store (issue 16).
    case catalogImportRunning(pid: Int32)
    /// The live catalog changed while this import was being staged: switching would undo it.
    case catalogChangedDuringImport
    /// A row whose value this version cannot read (a hand edit, a damaged file, a newer writer):
    /// reported, never read as a default.
    case corruptRow(table: String, id: String, column: String, value: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let p, let r): return "无法打开数据库 \(p)：\(r)"
        case .diskFull: return "存储空间已满：本次操作未保存，已保存的数据不受影响。请清理磁盘后重试"
        case .readOnly: return "数据库只读（无写权限或磁盘只读）：本次操作未保存，请联系管理员"
        case .busy: return "数据库繁忙，请稍后重试"
        case .corrupt: return "数据库文件损坏：请停止使用并联系管理员，运行 yichuang doctor 检查"
        case .ioError(let s): return "读写数据库出错（\(s)）：本次操作未保存"
        case .newerSchema(let p): return "数据库 \(p) 已由更新版本的 yichuang 升级，本程序版本较旧，不能使用它：请把本机的 yichuang 升级到同一版本"
        case .notInitialized(let p): return "数据库 \(p) 尚未初始化：请先运行 yichuang demo 或 yichuang init"
        case .noSuchWindow(let n): return "没有 \(n) 号窗口"
        case .noSuchService(let s): return "没有业务类别“\(s)”"
        case .noSuchClerk(let s): return "没有工号为 \(s) 的工作人员"
        case .noSuchTicket(let s): return "今天没有号票 \(s)"
        case .noSuchAppointment(let s): return "没有预约码为 \(s) 的预约"
        case .appointmentAlreadyCheckedIn(let s): return "预约 \(s) 已签到，不能重复取号"
        case .appointmentNotToday(let d): return "该预约的日期是 \(d)，不是今天"
        case .windowNotSignedIn(let n): return "\(n) 号窗口尚未登录"
        case .windowInUse(let w, let c): return "\(w) 号窗口已由 \(c) 登录"
        case .clerkAtOtherWindow(let c, let w): return "\(c) 已在 \(w) 号窗口登录，请先在该窗口退出"
        case .windowPaused(let n): return "\(n) 号窗口已暂停叫号，恢复叫号后才能叫号"
        case .alreadyServing(let w, let t): return "\(w) 号窗口正在办理 \(t)：请先办结、过号、挂起或转窗"
        case .nothingBeingServed(let n): return "\(n) 号窗口当前没有正在办理的号"
        case .queueEmpty(let n): return "\(n) 号窗口所办业务暂无等候"
        case .ticketNotWaiting(let t, let s): return "号票 \(t) 当前状态为“\(s)”，不能叫号"
        case .ticketServedElsewhere(let t, let w): return "号票 \(t) 属于 \(w) 号窗口"
        case .queueFull(let s, let m): return "“\(s)”今日排队已满（最多 \(m) 人），请引导群众改日或预约"
        case .wrongPIN(let r): return "密码错误，还可尝试 \(r) 次"
        case .clerkLocked(let m): return "密码错误次数过多，账号已锁定，请 \(m) 分钟后再试"
        case .hallAlreadySetUp: return "该数据库已有大厅，不能重复初始化"
        case .noRatingInvitation: return "没有这次服务的评价邀请"
        case .ratingAtOtherWindow(let n): return "这次服务不属于 \(n) 号窗口，不能在此评价"
        case .alreadyRated: return "这次服务已经评价过，每次服务只能评价一次"
        case .ratingExpired: return "评价已超时或已有新的服务，本次未记录评价"
        case .noSuchRectificationTask: return "没有这个整改任务"
        case .nothingReceived: return "还没有接收任何材料，无法出具材料接收凭证"
        case .printJobNotRetryable(let status): return "该打印任务\(status)，无需重试；如需再打一份请使用补打"
        case .ruleRefused(let s): return s
        case .noHeldTicket(let n): return "\(n) 号窗口没有挂起的号"
        case .alreadyPaused(let n): return "\(n) 号窗口已是暂停状态"
        case .notPaused(let n): return "\(n) 号窗口没有暂停"
        case .caseClosedForChanges(let status, let part): return "办件状态为“\(status)”，\(part)不能再修改"
        case .caseNotAwaitingCorrection: return "只有待补正的办件可以继续受理"
        case .caseNotAccepted(let status): return "只有已受理的办件可以办结（当前：\(status)）"
        case .noCommitmentToFulfil(let status): return "办件为“\(status)”，没有容缺受理的承诺可补交"
        case .materialNotTolerated(let m): return "“\(m)”不是容缺受理的材料，无需补交"
        case .commitmentAlreadyFulfilled(let m, let day): return "“\(m)”已于\(day)补交"
        case .caseAtOtherWindow(let n, let w, let asked): return "办件\(n)在\(w)号窗口受理，\(asked)号窗口不能办理"
        case .invalidInput(let s): return s
        case .internalError(let s): return "内部错误：\(s)"
        case .catalogImportRunning(let pid): return "另一次事项目录导入正在进行（进程 \(pid)），本次未导入任何内容：请等它结束后再导入"
        case .catalogChangedDuringImport: return "事项目录在本次导入期间已被另一次导入更改，本次未导入任何内容：请重新导入"
        case .corruptRow(let t, let id, let c, let v):
            return "数据库中的记录无法识别（\(t) \(id) 的 \(c) 为“\(v)”）：本次未读取，请运行 yichuang doctor 检查并联系管理员"
        }
    }

    /// `from`, and an I/O error on a store whose disk is (nearly) full is that full disk: SQLite
    /// says `disk I/O error` when it cannot grow the -shm or -wal file, which is what a hall sees
    /// when no front end had the store open (issue 16 defect 6).
    public static func from(_ error: Error, path: String) -> Error {
        let mapped = from(error)
        if case .ioError? = mapped as? StoreError, StoreFiles.isOnFullDisk(path) { return StoreError.diskFull }
        if case .cannotOpen? = mapped as? StoreError, StoreFiles.isOnFullDisk(path) { return StoreError.diskFull }
        return mapped
    }

    /// Translates SQLite's result codes into what a clerk can act on. Anything else is kept verbatim.
    static func from(_ error: Error) -> Error {
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_FULL: return StoreError.diskFull
        case .SQLITE_READONLY: return StoreError.readOnly
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StoreError.corrupt
        case .SQLITE_IOERR, .SQLITE_CANTOPEN: return StoreError.ioError(db.message ?? "\(db.resultCode)")
        default: return error
        }
    }
}
