import Foundation

/// The runner's one mailbox. Other threads (the effect executor, the announcer) post here; the UI
/// thread takes everything queued, in order, between two key reads.
public final class EventQueue: @unchecked Sendable {
    enum Item {
        /// For this screen (an effect's result), or the top screen when nil.
        case event(AppEvent, target: ScreenRef?)
        case bell
    }
    private let lock = NSLock()
    private var items: [Item] = []

    public init() {}

    func post(_ event: AppEvent, to target: ScreenRef? = nil) {
        lock.withLock { items.append(.event(event, target: target)) }
    }

    /// Rings the terminal bell from the UI thread (the announcer's fallback when voice fails).
    public func postBell() { lock.withLock { items.append(.bell) } }

    func takeAll() -> [Item] {
        lock.withLock { defer { items.removeAll() }; return items }
    }
}
