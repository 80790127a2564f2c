import Foundation

/// Runs one fetch at a time off the terminal thread and hands the result back when the screen
/// asks (on its tick), so a slow or dead link never freezes the keyboard.
final class CentralFeed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight = false
    private var result: Result<Value, Error>?

    var isFetching: Bool { lock.withLock { inFlight } }

    /// Starts `fetch` unless one is already running; returns whether it started.
    @discardableResult
    func start(_ fetch: @escaping @Sendable () async throws -> Value) -> Bool {
        let begin = lock.withLock { () -> Bool in
            guard !inFlight else { return false }
            inFlight = true
            return true
        }
        guard begin else { return false }
        Task.detached { [self] in
            let r: Result<Value, Error>
            do { r = .success(try await fetch()) } catch { r = .failure(error) }
            lock.withLock { result = r; inFlight = false }
        }
        return true
    }

    /// The finished result, once.
    func take() -> Result<Value, Error>? {
        lock.withLock { defer { result = nil }; return result }
    }
}
