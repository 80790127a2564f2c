import Foundation
import HallCore
import HallStore

/// Carries out the pages' commands over the `HallAdministration` port, as the signed-in staff.
extension AdminPage {
    /// `printers`: this machine's printer routes (the printers page lists none without them).
    public static func execute(admin: HallAdministration, by: Attribution, printers: PrinterRouting? = nil) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .load(let section):
                do {
                    var d = try load(section, admin)
                    if section == .printers { d.printers = printers?.printerRoutes() ?? [] }
                    return .loaded(d)
                } catch { return .loadFailed(ErrorText.of(error)) }
            case .apply(.testPrint(let kind)):
                guard let printers else { return .refused("本终端没有接通打印机设置") }
                do {
                    let hall = try admin.hall(), now = admin.currentTime()
                    let r = printers.printTestPage(kind, hallName: hall.name, at: hall.calendar.dayKey(now) + " " + hall.calendar.timeOfDay(now))
                    return r.failed ? .refused(r.message) : .applied(r.message)
                } catch { return .refused(ErrorText.of(error)) }
            case .apply(let action):
                do { return .applied(try apply(action, admin, by: by)) } catch { return .refused(ErrorText.of(error)) }
            }
        }
    }

    static func load(_ section: AdminSection, _ admin: HallAdministration) throws -> Data {
        var d = Data()
        d.now = admin.currentTime()
        switch section {
        case .services:
            d.services = try admin.serviceSetups()
            d.greenChannelAge = try admin.hall().policy.greenChannelAge
        case .windows:
            d.windows = try admin.windowSetups()
            let calendar = try admin.hall().calendar
            for w in d.windows {
                guard let until = w.temporaryUntil else { continue }
                d.temporaryUntil[w.number] = ClockTime.format(Int(until.timeIntervalSince(calendar.startOfDay(until)) / 60))
            }
            let codes = Dictionary(uniqueKeysWithValues: try admin.services().map { ($0.id, $0.code) })
            for w in try admin.windows() { d.choices[w.number] = w.choice.map { $0.configText(codes: codes) } ?? "order" }
        case .staff: d.staff = try admin.staffSetups()
        case .live: d.live = try admin.windowSetups().map { try admin.windowSnapshot($0.number) }
        case .printers: break   // from this machine's configuration, not the store (see execute)
        }
        return d
    }

    /// Does the change and says what was done, in Chinese.
    static func apply(_ action: AdminAction, _ admin: HallAdministration, by: Attribution) throws -> String {
        switch action {
        case .addService(let code, let prefix, let name, let wait, let max, let warn):
            let s = try admin.addService(code: code, prefix: prefix, name: name, targetWaitMinutes: wait, maxQueue: max, warnQueue: warn, by: by)
            return "已新增业务 \(s.code) \(s.name)"
        case .editService(let code, let edit):
            try admin.editService(code, edit, by: by)
            return "已修改业务 \(code)"
        case .suspendService(let code, let suspended):
            try admin.suspendServiceToday(code, suspended, by: by)
            return suspended ? "业务 \(code) 今日已暂停取号" : "业务 \(code) 已恢复取号"
        case .addWindow(let number, let name, let services):
            try admin.addWindow(number: number, name: name, services: services, by: by)
            return "已新增 \(number) 号窗口"
        case .renameWindow(let number, let name):
            try admin.renameWindow(number, to: name, by: by)
            return "\(number) 号窗口已改名为 \(name)"
        case .windowServices(let number, let codes):
            try admin.setWindowServices(number, services: codes, by: by)
            return "\(number) 号窗口的业务已改为 \(codes.joined(separator: ","))"
        case .windowOpen(let number, let open):
            try admin.setWindowOpen(number, open, by: by)
            return "\(number) 号窗口已\(open ? "开放" : "关闭")"
        case .temporaryWindow(let number, let services, let untilMinute):
            let until = try untilMinute.map { m -> Date in
                try admin.hall().calendar.startOfDay(admin.currentTime()).addingTimeInterval(TimeInterval(m * 60))
            }
            try admin.openTemporaryWindow(number: number, name: nil, services: services, until: until, by: by)
            return "已开设 \(number) 号临时窗口（\(services.joined(separator: ","))，\(untilMinute.map { "至 " + ClockTime.format($0) } ?? "至关闭")）"
        case .windowChoice(let number, let choice):
            try admin.setWindowChoice(choice, window: number, by: by)
            return "\(number) 号窗口叫号方式：\((choice ?? .serviceOrder).label)"
        case .testPrint: return "本终端没有接通打印机设置"
        case .greenChannelAge(let age):
            var policy = try admin.hall().policy
            policy.greenChannelAge = age
            try admin.updatePolicy(policy, by: by)
            return "绿色通道年龄已改为 \(age) 岁"
        case .addStaff(let number, let name, let role, let pin):
            let c = try admin.addStaff(number: number, name: name, role: role, pin: pin, by: by)
            return "已新增 \(c.number) \(c.name)（\(role.label)）：首次登录须修改密码"
        case .staffActive(let number, let active):
            try admin.setStaffActive(number, active, by: by)
            return "工号 \(number) 已\(active ? "启用" : "停用")"
        case .staffRole(let number, let role):
            try admin.setStaffRole(number, role, by: by)
            return "工号 \(number) 的角色已改为\(role.label)"
        case .staffWindows(let number, let windows):
            try admin.setStaffWindows(number, windows, by: by)
            return "工号 \(number) 可登录：\(windows.isEmpty ? "任意窗口" : windows.map { "\($0)号" }.joined(separator: ","))"
        case .resetPIN(let number):
            let pin = try admin.resetPIN(number, by: by)
            return "工号 \(number) 的一次性密码：\(pin)（只显示这一次，请当面告知；登录时须修改）"
        case .unlock(let number):
            try admin.unlockStaff(number, by: by)
            return "工号 \(number) 已解除锁定"
        case .forceSignOut(let window, let serving, let held):
            let r = try admin.forceSignOut(window: window, serving: serving, held: held, by: by)
            let moved = r.moved.isEmpty ? "没有在办或挂起的号" : r.moved.map(\.number).joined(separator: ",") + " 已移出（在办的\(serving.label)，挂起的\(held.label)）"
            return "\(window) 号窗口已强制退出（原登录：\(r.clerkName)）；\(moved)"
        case .recoverHeld(let number, let to):
            let t = try admin.recoverHeld(number, to: to, by: by)
            return "挂起的 \(t.number) 已收回，\(to.label)"
        case .moveClerk(let from, let to):
            try admin.moveClerk(from: from, to: to, by: by)
            return "已从 \(from) 号窗口调岗到 \(to) 号窗口"
        }
    }
}

extension WindowChoice {
    /// The rule as `WindowChoice.parse` reads it back, services named by code (`codes`: id → code).
    func configText(codes: [String: String]) -> String {
        switch self {
        case .serviceOrder: return "order"
        case .longestWait: return "longest"
        case .weighted(let byId):
            let parts = byId.map { (codes[$0.key] ?? $0.key, $0.value) }.sorted { $0.0 < $1.0 }
                .map { "\($0.0)=\($0.1 == $0.1.rounded() && abs($0.1) < 1e9 ? String(Int($0.1)) : String($0.1))" }
            return "weights:" + parts.joined(separator: ",")
        }
    }
}
