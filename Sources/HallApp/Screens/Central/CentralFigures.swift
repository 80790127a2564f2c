import Foundation
import HallCore

/// The centre's answer to one fetch: the figures, or why there are none.
public enum CentralFetched<Value> {
    case figures(Value)
    case failed(String)
}

/// What both centre screens keep about their figures: the last good ones and when they came,
/// why the latest fetch failed, and when to fetch again. One fetch at a time: a refresh asked
/// for while one runs is marked and sent after it, so a slow link never piles fetches up.
struct CentralFigures<Value> {
    var data: Value?
    /// When the shown figures were fetched (the supervisor's clock).
    var fetchedAt: Date?
    /// Why the last fetch failed; nil after a success.
    var failure: String?
    /// The time of the last tick or answer: ages on screen move on from `fetchedAt` by it.
    var now: Date
    var lastRequest: Date?
    var loading = false
    var stale = false
    let refreshSeconds: Double

    init(now: Date, refreshSeconds: Double) { self.now = now; self.refreshSeconds = refreshSeconds }

    /// True when a fetch should be sent now.
    mutating func request() -> Bool {
        guard !loading else { stale = true; return false }
        loading = true
        stale = false
        lastRequest = now
        return true
    }

    /// Takes an answer; true when one more fetch was asked for meanwhile.
    mutating func receive(_ fetched: CentralFetched<Value>, at: Date) -> Bool {
        loading = false
        now = at
        switch fetched {
        case .figures(let d): data = d; fetchedAt = at; failure = nil
        case .failed(let why): failure = why
        }
        return stale
    }

    /// The seconds tick: true when the figures are due again.
    mutating func tick(_ time: Date) -> Bool {
        now = time
        return time.timeIntervalSince(lastRequest ?? .distantPast) >= refreshSeconds
    }

    var elapsed: Double { fetchedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0 }

    /// Shown while an F5 fetch runs; cleared by its outcome, which the screen shows itself.
    static var refreshing: StatusMessage { .info("正在刷新…") }
}

/// Runs an async fetch of the centre to its end on the calling thread (the runner's executor,
/// never the UI thread), so its answer comes back as the screen's event like any other effect.
func fetchBlocking<V: Sendable>(_ body: @escaping @Sendable () async throws -> V) -> CentralFetched<V> {
    let slot = FetchSlot<V>(), done = DispatchSemaphore(value: 0)
    Task.detached {
        do { slot.value = .figures(try await body()) } catch { slot.value = .failed(error.localizedDescription) }
        done.signal()
    }
    done.wait()
    return slot.value!
}

/// Written once by the fetching task, read after its signal.
private final class FetchSlot<V>: @unchecked Sendable { var value: CentralFetched<V>? }
