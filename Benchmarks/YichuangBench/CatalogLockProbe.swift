import Foundation
import GRDB

/// A writer beside a catalog import that takes and releases the write lock in a loop, as a window
/// calling tickets would: its longest wait is the longest time the import held the lock, i.e. the
/// longest a call-next would have waited (issue 16 defect 5). The busy callback retries every
/// 0.2 ms, so the figure is the hold itself, not SQLite's growing back-off.
final class CatalogLockProbe: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var running = true
    private var waits: [Double] = []
    private let done = DispatchSemaphore(value: 0)

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .callback { _ in usleep(200); return true }
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    func start() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                let t0 = monoNanos()
                try? queue.writeWithoutTransaction { db in try db.inTransaction(.immediate) { .commit } }
                let waited = msSince(t0)
                lock.withLock { waits.append(waited) }
                usleep(1000)
            }
            done.signal()
        }
    }

    /// Stops the loop; the longest, p99 and median wait, how many times the lock was taken and
    /// how many of those waited over 100 ms.
    func stop() -> (longest: Double, p99: Double, median: Double, count: Int, over100: Int) {
        lock.withLock { running = false }
        done.wait()
        let w = lock.withLock { waits }
        return (w.max() ?? 0, Stats(w).p99, Stats(w).median, w.count, w.filter { $0 > 100 }.count)
    }
}
