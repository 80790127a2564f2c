import Foundation
import HallCore
import HallStore
import TerminalUI

/// One-screen station (便民服务站 with a single terminal): the console hands its screen to the
/// applicant as the rating pad and takes it back when the pad is done. The console itself offers
/// nothing that could choose or hint a level; the pad's own rules (one rating per event, only
/// this window's pending event, its timeout) apply unchanged.
extension WindowConsoleScreen {
    /// The pending invitation at this window, unless the window is already serving somebody
    /// else: that person must not be asked to rate the previous applicant's service.
    func handOverCandidate() throws -> RatingInvitation? {
        guard let inv = try store.pendingInvitation(window: windowNumber) else { return nil }
        if let current = state.snapshot?.current, inv.ticketNumber != current.number { return nil }
        return inv
    }

    func handOverToApplicant() {
        do {
            guard try handOverCandidate() != nil else {
                let serving = state.snapshot?.current.map { "正在办理 \($0.number)，" } ?? ""
                state.message = .error("\(serving)没有可交给本位群众评价的服务（办结后\(try store.ratingPolicy().timeoutSeconds)秒内可交屏）")
                return
            }
            let (store, clerk, window, terminal, calendar, printDesk) = (store, clerk, windowNumber, terminal, calendar, printDesk)
            let pad = RatingPadScreen(store: store, window: window, terminal: terminal, mode: .handOver(back: { message in
                // A fresh console re-reads the window from the store, like the intake screens do.
                let console = WindowConsoleScreen(store: store, clerk: clerk, window: window, terminal: terminal, calendar: calendar, printDesk: printDesk)
                console.state.message = message
                return console
            }))
            transition = .replace(pad)
        } catch {
            state.message = .from(error)
        }
    }
}
