import Foundation

/// Which window to switch to an overloaded service (issue 12, must-deliver 4): the dashboard's
/// "open another window" alert also names a window already staffed that could take the line now.
///
/// A window qualifies when someone is signed in and not paused, the service is one of its own
/// (a window never calls a service outside its profile), and it does not already call that
/// service first. Among those: an idle window first, then the one with the fewest people
/// waiting in the services it calls before this one (the work the switch would delay), then the
/// lower number. Nil when no window qualifies: only opening a window helps.
public enum WindowSwitch {
    public struct Candidate: Equatable, Sendable {
        public var window: Window
        public var status: WindowStatus
        public init(window: Window, status: WindowStatus) { self.window = window; self.status = status }
    }

    public static func suggest(for serviceId: String, among windows: [Candidate], waiting: [String: Int]) -> Window? {
        let eligible = windows.compactMap { c -> (Candidate, Int)? in
            guard c.status == .idle || c.status == .serving,
                  let position = c.window.serviceIds.firstIndex(of: serviceId), position > 0 else { return nil }
            let ahead = c.window.serviceIds[..<position].reduce(0) { $0 + (waiting[$1] ?? 0) }
            return (c, ahead)
        }
        return eligible.min { a, b in
            let ka = (a.0.status == .idle ? 0 : 1, a.1, a.0.window.number)
            let kb = (b.0.status == .idle ? 0 : 1, b.1, b.0.window.number)
            return ka < kb
        }?.0.window
    }
}
