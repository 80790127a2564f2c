import Foundation
import HallCore
import HallStore
import TerminalUI

/// The pages drawn from their state alone: one table, the picked row highlighted, the open
/// step of a change above it.
extension AdminPage {
    public static func title(_ state: State) -> String { "后台管理 · \(state.section.title)" }
    public static func message(_ state: State) -> StatusMessage? { state.message }
    public static func keyBar(_ state: State) -> [KeyBarItem] {
        state.form != nil ? [KeyBarItem("Esc", "取消")] : keys(state.section).keyBar(state)
    }
    public static func help(_ state: State) -> [String] {
        keys(state.section).help + ["", "↑↓ 选择一行；每项修改都记入审计日志并同步到中心，其他终端一秒内看到。",
                                    "不能撤销的修改（停用、重置密码、强制退出、调岗、关闭窗口）先确认；无权的操作会说明需要的角色。"]
    }

    static func columns(_ section: AdminSection) -> [TableColumn] {
        switch section {
        case .services:
            return [TableColumn("代码", width: 4), TableColumn("前缀", width: 4), TableColumn("名称", width: 12), TableColumn("目标等候", width: 8, align: .right),
                    TableColumn("最多", width: 5, align: .right), TableColumn("预警", width: 4, align: .right), TableColumn("取号时间", width: 11),
                    TableColumn("今日", width: 6)]
        case .windows:
            return [TableColumn("窗口", width: 4, align: .right), TableColumn("名称", width: 22), TableColumn("业务", width: 12),
                    TableColumn("状态", width: 6), TableColumn("可登录人员", width: 16)]
        case .staff:
            return [TableColumn("工号", width: 6), TableColumn("姓名", width: 10), TableColumn("角色", width: 10), TableColumn("状态", width: 6),
                    TableColumn("窗口权限", width: 10), TableColumn("密码", width: 16)]
        case .printers:
            return [TableColumn("文书", width: 12), TableColumn("打印到", width: 42), TableColumn("[printers] 键", width: 18)]
        case .live:
            return [TableColumn("窗口", width: 12), TableColumn("状态", width: 6), TableColumn("工作人员", width: 8),
                    TableColumn("在办", width: 6), TableColumn("挂起", width: 20)]
        }
    }

    static func rows(_ state: State) -> [[String]] {
        guard let d = state.data else { return [] }
        switch state.section {
        case .services:
            return d.services.map { x in
                let s = x.service
                let hours = x.openMinute == nil && x.cutoffMinute == nil ? "不限"
                    : "\(x.openMinute.map(ClockTime.format) ?? "")–\(x.cutoffMinute.map(ClockTime.format) ?? "")"
                return [s.code, s.prefix, s.name, "\(s.targetWaitMinutes)分钟", "\(s.maxQueue)", "\(s.warnQueue)", hours, x.suspendedToday ? "暂停" : "办理"]
            }
        case .windows:
            return d.windows.map { w in
                let state = !w.isOpen ? "关闭" : w.isTemporary ? "临时" : "开放"
                let until = d.temporaryUntil[w.number].map { " 至" + $0 } ?? ""
                return ["\(w.number)", w.name + until, w.serviceCodes.joined(separator: ","), state,
                        w.allowedStaff.isEmpty ? "不限" : w.allowedStaff.joined(separator: ",")]
            }
        case .staff:
            return d.staff.map { x in
                let pin: String? = (x.lockedUntil.map { $0 > d.now } ?? false) ? "锁定中" : nil
                return [x.clerk.number, x.clerk.name, x.clerk.role.label, x.active ? "启用" : "停用",
                        x.windows.isEmpty ? "任意" : x.windows.map(String.init).joined(separator: ","),
                        pin ?? (x.mustChangePIN ? "一次性（待修改）" : "正常")]
            }
        case .printers:
            return d.printers.map { [$0.kind.label, $0.printer, $0.key ?? "（未设，默认）"] }
        case .live:
            return d.live.map { w in
                [w.window.name, w.status.label, w.clerk?.name ?? "—", w.current?.number ?? "—",
                 w.held.isEmpty ? "—" : w.held.map(\.number).joined(separator: ",")]
            }
        }
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        guard state.data != nil else {
            buffer.put("正在读取…", x: area.x + 2, y: area.y + 1, style: .muted)
            return
        }
        let rows = rows(state)
        if rows.isEmpty {
            buffer.put("（空）", x: area.x + 2, y: area.y + 2, style: .muted)
        }
        Table.render(columns: columns(state.section), rows: rows, selected: rows.isEmpty ? nil : state.selected,
                     in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), into: &buffer)
        state.form?.render(in: area, into: &buffer)
    }
}
