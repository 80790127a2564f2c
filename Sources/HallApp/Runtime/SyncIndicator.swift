import Foundation
import HallCore
import HallStore
import TerminalUI

/// The sync part of every screen's status line: is the centre reachable, how many operations wait
/// to be uploaded, and when the last sync succeeded. A township clerk offline for a week must see
/// at a glance that nothing is lost (the count) and how stale the centre's copy is.
public struct SyncIndicator: Equatable, Sendable {
    public var text: String
    public var isWarning: Bool

    /// A sync that succeeded this recently counts as online: the loop runs every 5 s, so two
    /// minutes without success means the link or the `yichuang sync` process is down.
    static let onlineWindow: TimeInterval = 120

    public static func of(_ s: SyncStatus, now: Date, calendar: HallCalendar) -> SyncIndicator {
        let pending = "待上传\(s.pending)"
        guard let success = s.lastSuccessAt else {
            if s.lastAttemptAt == nil {
                // Never tried: a stand-alone station, or `yichuang sync` not set up yet.
                return SyncIndicator(text: "未联网 · \(pending)", isWarning: false)
            }
            return SyncIndicator(text: "○离线 · \(pending) · 从未同步", isWarning: true)
        }
        let failedSince = (s.lastAttemptAt ?? success) > success
        let online = !failedSince && now.timeIntervalSince(success) <= onlineWindow
        let when = calendar.dayKey(success) == calendar.dayKey(now)
            ? calendar.hourMinute(success)
            : String(calendar.dayKey(success).dropFirst(5)) + " " + calendar.hourMinute(success)
        if online { return SyncIndicator(text: "●在线 · \(pending) · 同步于\(when)", isWarning: false) }
        return SyncIndicator(text: "○离线 · \(pending) · 上次同步\(when)", isWarning: true)
    }
}
