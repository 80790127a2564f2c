import Foundation
import HallCore
import HallStore

/// Carries out the pad's commands over the `RatingDesk` port, off the UI thread.
extension RatingPad {
    public static func execute(desk: RatingDesk, window: Int, terminal: String,
                               defaults: DefaultRatingSchedule) -> @Sendable (Command) -> Outcome {
        let by = Attribution(terminal: "\(terminal) 评价器\(window)")
        return { command in
            switch command {
            case .load:
                defaults.runIfDue()
                do {
                    return .loaded(try desk.ratingPolicy(), try desk.pendingInvitation(window: window), at: desk.currentTime())
                } catch { return .loadFailed(error.localizedDescription) }
            case .applyDefaults:
                defaults.runIfDue()
                return .defaultsApplied
            case .rate(let s):
                do {
                    _ = try desk.rate(window: window, eventId: s.eventId, level: s.level, reasons: s.reasons, text: s.text,
                                      realName: s.rater, channel: .hallPad, by: by)
                    return .rated(at: desk.currentTime())
                } catch { return .rateFailed(error.localizedDescription) }
            case .checkStaff(let number, let pin):
                do {
                    let clerk = try desk.checkStaffAtPublicScreen(clerkNumber: number, pin: pin, terminal: by.terminal)
                    return .staffChecked(clerk, at: desk.currentTime())
                } catch { return .staffCheckFailed(error.localizedDescription) }
            }
        }
    }
}
