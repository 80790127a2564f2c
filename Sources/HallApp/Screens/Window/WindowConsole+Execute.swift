import Foundation
import HallCore
import HallStore

/// Carries out the console's commands over the `WindowDesk` port, off the UI thread, and reads
/// the window back after every action so the screen shows the state the action left.
extension WindowConsole {
    public static func execute(desk: WindowDesk, window: Int, by: Attribution,
                               defaults: DefaultRatingSchedule) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .load:
                do { return .loaded(try read(desk, window: window)) } catch { return .loadFailed(error.localizedDescription) }
            case .applyDefaults:
                defaults.runIfDue()
                return .defaultsApplied
            case .act(let action):
                do {
                    let text = try perform(action, desk: desk, window: window, by: by)
                    return .acted(action, text, try? read(desk, window: window))
                } catch {
                    return .failed(error.localizedDescription, try? read(desk, window: window))
                }
            }
        }
    }

    static func read(_ desk: WindowDesk, window: Int) throws -> Data {
        let hall = try desk.hall()
        let now = desk.currentTime()
        return Data(snapshot: try desk.windowSnapshot(window), services: try desk.services(), windows: try desk.windows(),
                    windowStatus: try desk.windowStatusByNumber(),
                    deadlines: try desk.caseDeadlines(today: hall.calendar.dayKey(now)),
                    commitments: try desk.commitmentDeadlines(today: hall.calendar.dayKey(now), window: window),
                    handOver: try handOverCandidate(desk, window: window),
                    ratingTimeoutSeconds: try desk.ratingPolicy().timeoutSeconds, policy: hall.policy, readAt: now)
    }

    /// The pending invitation at this window, unless the window is already serving somebody
    /// else: that person must not be asked to rate the previous applicant's service.
    static func handOverCandidate(_ desk: WindowDesk, window: Int) throws -> RatingInvitation? {
        guard let inv = try desk.pendingInvitation(window: window) else { return nil }
        if let current = try desk.windowSnapshot(window).current, inv.ticketNumber != current.number { return nil }
        return inv
    }

    /// One action; the line the clerk reads.
    static func perform(_ action: Action, desk: WindowDesk, window: Int, by: Attribution) throws -> String {
        switch action {
        case .callNext:
            let t = try desk.callNext(window: window, by: by)
            return "已叫号 \(t.number)：" + announcementText(ticketNumber: t.number, windowNumber: window)
        case .recall:
            switch try desk.recall(window: window, by: by) {
            case .recalled(let t, let n):
                let policy = try desk.hall().policy
                let past = CallRules.nextRecall(recallCount: n, policy: policy) == .becomesNoShow
                return "已重呼 \(t.number)（第\(n)次" + (past ? "，已是最后一次：再重呼将按过号处理）" : "）")
            case .noShow(let t, let mode): return "\(t.number) 重呼已达上限，已过号（\(mode.label)）"
            }
        case .finish: return "\(try desk.finish(window: window, by: by).number) 已办结"
        case .finishAndCallNext:
            let r = try desk.finishAndCallNext(window: window, by: by)
            let done = r.finished.map { "\($0.number) 已办结；" } ?? ""
            guard let t = r.called else { return done + "\(window) 号窗口所办业务暂无等候" }
            return done + "已叫号 \(t.number)：" + announcementText(ticketNumber: t.number, windowNumber: window)
        case .noShow:
            let (t, mode) = try desk.markNoShow(window: window, by: by)
            return "\(t.number) 已过号（\(mode.label)）"
        case .hold: return "\(try desk.hold(window: window, note: nil, by: by).number) 已挂起，可按 F7 回呼"
        case .callBack(let number): return "已回呼 \(try desk.callBack(window: window, ticketNumber: number, by: by).number)"
        case .callNumber(let text): return "已叫号 \(try desk.callNumber(text, window: window, by: by).number)"
        case .walkUp(let service): return "无号办理：已登记 \(try desk.serveWalkUp(service: service, window: window, by: by).number)"
        case .transfer(let target, let position, let note):
            let t = try desk.transfer(window: window, to: target, position: position, note: note, by: by)
            return "\(t.number) 已转窗（\(position.label)）"
        case .pause(let reason):
            try desk.setPaused(true, window: window, reason: reason, by: by)
            return "已暂停叫号（\(reason)），按 F9 恢复"
        case .resume:
            try desk.setPaused(false, window: window, reason: nil, by: by)
            return "已恢复叫号"
        case .returnTicketsToQueue:
            // Each step is one transaction that leaves the queue whole: a ticket is either still
            // this window's or back in its service's queue, never lost in between.
            var returned: [String] = []
            let snapshot = try desk.windowSnapshot(window)
            if let t = snapshot.current {
                _ = try desk.transfer(window: window, to: .service(t.serviceId), position: .front, note: "窗口退出，退回队列", by: by)
                returned.append(t.number)
            }
            for held in snapshot.held {
                let t = try desk.callBack(window: window, ticketNumber: held.number, by: by)
                _ = try desk.transfer(window: window, to: .service(t.serviceId), position: .front, note: "窗口退出，退回队列", by: by)
                returned.append(t.number)
            }
            try desk.signOut(window: window, by: by)
            return "已将 \(returned.joined(separator: "、")) 退回队列（队首），已退出登录"
        case .signOut:
            try desk.signOut(window: window, by: by)
            return "已退出登录"
        }
    }
}
