import Foundation
import HallCore
import HallStore
import TerminalUI

/// The pages' key tables: one per section. A row the signed-in role may not use stays in the
/// help with the reason, and the store refuses it anyway.
extension AdminPage {
    enum KeyAction: Sendable {
        case start(@Sendable (State) -> AdminForm?)
        case back
    }
    typealias Row = KeyCommand<State, KeyAction>

    static func keys(_ section: AdminSection) -> KeyTable<State, KeyAction> {
        switch section {
        case .services: return serviceKeys
        case .windows: return windowKeys
        case .staff: return staffKeys
        case .live: return liveKeys
        case .printers: return printerKeys
        }
    }

    static let back = Row([.escape, .function(10)], "Esc", "返回", help: "回到后台管理菜单（F10 同）", action: .back)

    /// The role may do it, and a row is picked when the change is about one.
    static func need(_ p: Permission, row: Bool = true) -> @Sendable (State) -> String? {
        { s in
            if !RoleMatrix.allows(s.role, p) { return "\(s.role.label)无权\(p.label)：需要\(RoleMatrix.whoMay(p))" }
            // A form before the list is read would start from a guess (临时窗口 offered 1号, which
            // exists: found by the tmux morning test), and "the list is empty" would be untrue.
            if s.data == nil { return "正在读取列表，请稍候再操作" }
            if row, s.rowCount == 0 { return "列表为空：没有可修改的一项" }
            return nil
        }
    }

    static func and(_ a: @escaping @Sendable (State) -> String?, _ b: @escaping @Sendable (State) -> String?) -> @Sendable (State) -> String? {
        { a($0) ?? b($0) }
    }

    // MARK: 业务

    static func service(_ s: State) -> ServiceSetup? { s.data?.services[safe: s.selected] }

    static let serviceKeys = KeyTable<State, KeyAction>([
        Row(letter("n"), "N", "新增", help: "新增业务：代码、号票前缀、名称、目标等候（分钟）、最多排队人数、预警人数",
            unavailable: need(.manageServices, row: false), action: .start { _ in
                AdminForm("新增业务", [.text("业务代码（字母或数字）：", initial: ""), .text("号票前缀（如 F）：", initial: ""), .text("名称：", initial: ""),
                                    .text("目标等候（分钟）：", initial: "30"), .text("最多排队人数：", initial: "200"), .text("预警人数：", initial: "20")]) { a in
                    .addService(code: a[0], prefix: a[1], name: a[2], targetWait: try AdminForm.number(a[3], "目标等候"),
                                maxQueue: try AdminForm.number(a[4], "最多排队人数"), warnQueue: try AdminForm.number(a[5], "预警人数"))
                }
            }),
        Row(letter("e"), "E", "改名", help: "修改选中业务的名称", unavailable: need(.manageServices),
            action: .start { s in service(s).map { x in AdminForm("业务改名", [.text("新名称：", initial: x.service.name)]) { .editService(x.service.code, .name($0[0])) } } }),
        Row(letter("x"), "X", "前缀", help: "修改号票前缀（已取的号不变）", unavailable: need(.manageServices),
            action: .start { s in service(s).map { x in AdminForm("号票前缀", [.text("新前缀：", initial: x.service.prefix)]) { .editService(x.service.code, .prefix($0[0])) } } }),
        Row(letter("t"), "T", "目标等候", help: "目标等候时间（分钟）：达标率按此计算", unavailable: need(.manageServices),
            action: .start { s in service(s).map { x in AdminForm("目标等候", [.text("分钟：", initial: "\(x.service.targetWaitMinutes)")]) {
                .editService(x.service.code, .targetWait(minutes: try AdminForm.number($0[0], "目标等候"))) } } }),
        Row(letter("m"), "M", "最多排队", help: "等候人数到此即停止取号", unavailable: need(.manageServices),
            action: .start { s in service(s).map { x in AdminForm("最多排队人数", [.text("人数：", initial: "\(x.service.maxQueue)")]) {
                .editService(x.service.code, .maxQueue(try AdminForm.number($0[0], "最多排队人数"))) } } }),
        Row(letter("w"), "W", "预警", help: "等候人数超过此数时监控看板红色预警，提示增开窗口", unavailable: need(.manageServices),
            action: .start { s in service(s).map { x in AdminForm("预警人数", [.text("人数：", initial: "\(x.service.warnQueue)")]) {
                .editService(x.service.code, .warnQueue(try AdminForm.number($0[0], "预警人数"))) } } }),
        Row(letter("h"), "H", "取号时间", help: "每日开始取号和取号截止时间，如 08:30 16:30（不限用 -）；截止后取号台说明原因，叫号屏显示今日取号已结束",
            unavailable: need(.manageServices), action: .start { s in service(s).map { x in
                AdminForm("取号时间", [.text("开始 截止：", initial: "\(x.openMinute.map(ClockTime.format) ?? "-") \(x.cutoffMinute.map(ClockTime.format) ?? "-")")]) {
                    let h = try AdminForm.hours($0[0]); return .editService(x.service.code, .hours(open: h.open, cutoff: h.cutoff)) } } }),
        Row(letter("g"), "G", "绿色通道", help: "绿色通道年龄：取号台读身份证时，年满此岁数自动走绿色通道（全大厅一条规则，同 yichuang config green_age）",
            unavailable: need(.changeRules, row: false),
            action: .start { s in AdminForm("绿色通道", [.text("年满几岁（50–120）：", initial: s.data?.greenChannelAge.map(String.init) ?? "70")]) {
                let age = try AdminForm.number($0[0], "年龄")
                guard (50...120).contains(age) else { throw AdminForm.Invalid(text: "绿色通道年龄应为 50–120 岁，\(age) 不在其中") }
                return .greenChannelAge(age)
            } }),
        Row(letter("s"), "S", "今日暂停", help: "今日暂停该业务取号（明天自动恢复）",
            unavailable: and(need(.liveControl), { service($0)?.suspendedToday == true ? "该业务今日已暂停" : nil }),
            action: .start { s in service(s).map { x in AdminForm("今日暂停", [.confirm("今日暂停“\(x.service.name)”取号？")]) { _ in .suspendService(x.service.code, true) } } }),
        Row(letter("s"), "S", "恢复", help: "恢复今日暂停的业务",
            unavailable: and(need(.liveControl), { service($0)?.suspendedToday == true ? nil : "该业务未暂停" }),
            action: .start { s in service(s).map { x in AdminForm("恢复业务", []) { _ in .suspendService(x.service.code, false) } } }),
        back,
    ])

    // MARK: 窗口

    static func window(_ s: State) -> WindowSetup? { s.data?.windows[safe: s.selected] }

    static let windowKeys = KeyTable<State, KeyAction>([
        Row(letter("n"), "N", "新增", help: "新增窗口：窗口号、名称、办理的业务代码（按叫号顺序，如 A,B）",
            unavailable: need(.manageWindows, row: false), action: .start { s in
                let next = (s.data?.windows.map(\.number).max() ?? 0) + 1
                return AdminForm("新增窗口", [.text("窗口号：", initial: "\(next)"), .text("名称：", initial: "\(next)号窗口"), .text("业务代码（如 A,B）：", initial: "")]) { a in
                    .addWindow(number: try AdminForm.number(a[0], "窗口号"), name: a[1], services: AdminForm.codes(a[2]))
                }
            }),
        Row(letter("e"), "E", "改名", help: "修改选中窗口的名称", unavailable: need(.manageWindows),
            action: .start { s in window(s).map { w in AdminForm("窗口改名", [.text("新名称：", initial: w.name)]) { .renameWindow(w.number, $0[0]) } } }),
        Row(letter("v"), "V", "业务", help: "窗口办理的业务及叫号顺序：按顺序输入业务代码，如 B,A", unavailable: need(.manageWindows),
            action: .start { s in window(s).map { w in AdminForm("窗口业务", [.text("业务代码（按顺序）：", initial: w.serviceCodes.joined(separator: ","))]) {
                .windowServices(w.number, AdminForm.codes($0[0])) } } }),
        Row(letter("c"), "C", "叫号方式", help: "窗口在其各项业务间怎样选下一个号：order 按业务顺序，longest 等候最久优先，weights:A=3,B=1 按业务权重（等候×权重）；绿色通道、到时的预约和转入的号总在前面",
            unavailable: need(.manageWindows),
            action: .start { s in window(s).map { w in
                AdminForm("叫号方式", [.text("order、longest 或 weights:A=3,B=1：", initial: s.data?.choices[w.number] ?? "order")]) {
                    let choice: WindowChoice
                    do { choice = try WindowChoice.parse($0[0]) } catch { throw AdminForm.Invalid(text: ErrorText.of(error)) }
                    return .windowChoice(w.number, choice == .serviceOrder ? nil : choice)
                } } }),
        Row(letter("o"), "O", "关闭", help: "关闭窗口：不能登录、不叫号（已登录的窗口请先在现场调度强制退出）",
            unavailable: and(need(.liveControl), { window($0)?.isOpen == false ? "该窗口已关闭" : nil }),
            action: .start { s in window(s).map { w in AdminForm("关闭窗口", [.confirm("关闭 \(w.number) 号窗口？")]) { _ in .windowOpen(w.number, false) } } }),
        Row(letter("o"), "O", "开放", help: "重新开放关闭的窗口",
            unavailable: and(need(.liveControl), { window($0)?.isOpen == true ? "该窗口已开放" : nil }),
            action: .start { s in window(s).map { w in AdminForm("开放窗口", []) { _ in .windowOpen(w.number, true) } } }),
        Row(letter("t"), "T", "临时窗口", help: "临时增加窗口：新的窗口号、办理的业务、开放到几点（空则到关闭为止）；叫号屏和报表注明临时",
            unavailable: need(.liveControl, row: false), action: .start { s in
                let next = (s.data?.windows.map(\.number).max() ?? 0) + 1
                return AdminForm("临时窗口", [.text("窗口号：", initial: "\(next)"), .text("业务代码（如 A）：", initial: ""),
                                          .text("开放到（如 12:00，空则到关闭）：", initial: "")]) { a in
                    var until: Int?
                    if !a[2].isEmpty {
                        guard let m = ClockTime.parse(a[2]) else { throw AdminForm.Invalid(text: "时间“\(a[2].prefix(10))”不对，应为 时:分，如 12:00") }
                        until = m
                    }
                    return .temporaryWindow(number: try AdminForm.number(a[0], "窗口号"), services: AdminForm.codes(a[1]), untilMinute: until)
                }
            }),
        back,
    ])

    // MARK: 人员

    static func staff(_ s: State) -> StaffSetup? { s.data?.staff[safe: s.selected] }
    static let roles: [ClerkRole] = [.clerk, .guide, .supervisor, .admin]

    static let staffKeys = KeyTable<State, KeyAction>([
        Row(letter("n"), "N", "新增", help: "新增工作人员：工号、姓名、角色、初始密码（一次性，首次登录须修改）",
            unavailable: need(.manageStaff, row: false), action: .start { _ in
                AdminForm("新增工作人员", [.text("工号：", initial: ""), .text("姓名：", initial: ""), .choice("角色", options: roles.map(\.label)),
                                        .text("初始密码（4–12位数字）：", initial: "")]) { a in
                    .addStaff(number: a[0], name: a[1], role: roles[Int(a[2]) ?? 0], pin: a[3])
                }
            }),
        Row(letter("d"), "D", "停用", help: "停用工号：不能登录，记录保留工号（不删除）",
            unavailable: and(need(.manageStaff), { staff($0)?.active == false ? "该工号已停用" : nil }),
            action: .start { s in staff(s).map { x in AdminForm("停用工号", [.confirm("停用 \(x.clerk.number) \(x.clerk.name)？停用后不能登录")]) { _ in .staffActive(x.clerk.number, false) } } }),
        Row(letter("d"), "D", "启用", help: "重新启用停用的工号",
            unavailable: and(need(.manageStaff), { staff($0)?.active == true ? "该工号已启用" : nil }),
            action: .start { s in staff(s).map { x in AdminForm("启用工号", []) { _ in .staffActive(x.clerk.number, true) } } }),
        Row(letter("r"), "R", "角色", help: "窗口人员、导服、大厅管理、系统管理员", unavailable: need(.manageStaff),
            action: .start { s in staff(s).map { x in AdminForm("修改角色", [.choice("\(x.clerk.name) 的角色", options: roles.map(\.label))]) {
                .staffRole(x.clerk.number, roles[Int($0[0]) ?? 0]) } } }),
        Row(letter("w"), "W", "窗口权限", help: "可登录的窗口号，如 1,2；空则任意窗口", unavailable: need(.manageStaff),
            action: .start { s in staff(s).map { x in AdminForm("窗口权限", [.text("窗口号（空则任意）：", initial: x.windows.map(String.init).joined(separator: ","))]) {
                .staffWindows(x.clerk.number, try AdminForm.windowNumbers($0[0])) } } }),
        Row(letter("p"), "P", "重置密码", help: "重置为随机的一次性密码（只显示一次，当面告知本人）；下次登录前须修改，同时解除锁定",
            unavailable: need(.manageStaff),
            action: .start { s in staff(s).map { x in AdminForm("重置密码", [.confirm("重置 \(x.clerk.number) \(x.clerk.name) 的密码？原密码立即失效")]) { _ in .resetPIN(x.clerk.number) } } }),
        Row(letter("u"), "U", "解除锁定", help: "密码连续输错被锁定时解除", unavailable: need(.manageStaff),
            action: .start { s in staff(s).map { x in AdminForm("解除锁定", []) { _ in .unlock(x.clerk.number) } } }),
        back,
    ])

    // MARK: 打印机

    static let printerKeys = KeyTable<State, KeyAction>([
        Row(letter("p"), "P", "打印测试页", help: "向选中文书所用的打印机打印一张测试页，看字迹、缺字和纸张",
            unavailable: { s in s.data == nil ? "正在读取列表，请稍候再操作" : s.rowCount == 0 ? "列表为空：没有可修改的一项" : nil },
            action: .start { s in s.data?.printers[safe: s.selected].map { r in AdminForm("打印测试页", []) { _ in .testPrint(r.kind) } } }),
        back,
    ])

    // MARK: 现场调度

    static func live(_ s: State) -> WindowSnapshot? { s.data?.live[safe: s.selected] }

    /// Where a ticket taken off window `from` may go: its queue's front, or another open window's.
    static func destinations(_ s: State, from: Int) -> [TicketDisposition] {
        [.queueFront] + (s.data?.live ?? []).map(\.window.number).filter { $0 != from }.map { TicketDisposition.window($0) }
    }

    /// 0 for the queue front and each window's own number, while they are one digit each.
    static func digits(_ to: [TicketDisposition]) -> [Int]? {
        let n = to.map { d -> Int in if case .window(let w) = d { return w }; return 0 }
        return n.allSatisfy { $0 <= 9 } ? n : nil
    }

    static let liveKeys = KeyTable<State, KeyAction>([
        Row(letter("o"), "O", "强制退出", help: "终端失灵时让该窗口退出登录；在办和挂起的号选择回到队首或转到其他窗口",
            unavailable: and(need(.liveControl), { live($0)?.status == .signedOut ? "该窗口未登录" : nil }),
            action: .start { s in live(s).map { w in
                let to = destinations(s, from: w.window.number)
                var steps: [AdminForm.Step] = []
                if let c = w.current { steps.append(.choice("在办的 \(c.number)", options: to.map(\.label), numbers: digits(to))) }
                if !w.held.isEmpty {
                    steps.append(.choice("挂起的 \(w.held.map(\.number).joined(separator: ","))", options: to.map(\.label), numbers: digits(to)))
                }
                steps.append(.confirm("强制 \(w.window.number) 号窗口（\(w.clerk?.name ?? "—")）退出登录？"))
                let hasCurrent = w.current != nil, hasHeld = !w.held.isEmpty
                return AdminForm("强制退出", steps) { a in
                    let serving = hasCurrent ? to[Int(a[0]) ?? 0] : .queueFront
                    let held = hasHeld ? to[Int(a[hasCurrent ? 1 : 0]) ?? 0] : .queueFront
                    return .forceSignOut(window: w.window.number, serving: serving, held: held)
                }
            } }),
        Row(letter("h"), "H", "回收挂起", help: "把该窗口挂起的号收回：回到队首或转到其他窗口",
            unavailable: and(need(.liveControl), { live($0)?.held.isEmpty != false ? "该窗口没有挂起的号" : nil }),
            action: .start { s in live(s).map { w in
                let to = destinations(s, from: w.window.number)
                let held = w.held.map(\.number)
                return AdminForm("回收挂起的号", [.choice("哪个号", options: held), .choice("去向", options: to.map(\.label), numbers: digits(to))]) { a in
                    .recoverHeld(held[Int(a[0]) ?? 0], to[Int(a[1]) ?? 0])
                }
            } }),
        Row(letter("m"), "M", "调岗", help: "该窗口的工作人员（连同挂起的号）改到另一个未登录的窗口；有在办的号时先办结",
            unavailable: and(and(need(.liveControl), { live($0)?.status == .signedOut ? "该窗口未登录" : nil }),
                             { ($0.data?.live ?? []).contains { $0.status == .signedOut } ? nil : "没有未登录的窗口可以调入" }),
            action: .start { s in live(s).flatMap { w -> AdminForm? in
                let free = (s.data?.live ?? []).filter { $0.status == .signedOut }.map(\.window.number)
                guard !free.isEmpty else { return nil }
                return AdminForm("调岗", [.choice("\(w.clerk?.name ?? "—") 调到", options: free.map { "\($0)号窗口" },
                                                 numbers: free.allSatisfy { $0 <= 9 } ? free : nil),
                                        .confirm("\(w.clerk?.name ?? "—") 从 \(w.window.number) 号窗口调到所选窗口？")]) { a in
                    .moveClerk(from: w.window.number, to: free[Int(a[0]) ?? 0])
                }
            } }),
        back,
    ])
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
