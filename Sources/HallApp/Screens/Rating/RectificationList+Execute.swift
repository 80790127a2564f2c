import Foundation
import HallCore
import HallStore

/// Carries out the rectification steps over the `RectificationDesk` port, off the UI thread, and
/// reads the list back after each so the screen shows what the step left.
extension RectificationList {
    public static func execute(desk: RectificationDesk, clerk: Clerk, terminal: String) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .load(let includeClosed):
                do { return .loaded(try desk.rectificationTasks(reader: clerk, includeClosed: includeClosed)) }
                catch { return .loadFailed(error.localizedDescription) }
            case .rectify(let taskId, let action, let includeClosed):
                do {
                    try desk.rectify(taskId: taskId, action, by: clerk, terminal: terminal)
                    return .rectified(action, try? desk.rectificationTasks(reader: clerk, includeClosed: includeClosed))
                } catch { return .failed(error.localizedDescription) }
            }
        }
    }
}
