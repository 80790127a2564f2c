import Foundation

/// The root command is synchronous (every older command is), so the network commands block the
/// main thread on their async body; NIO runs on its own threads, so nothing deadlocks.
func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws {
    final class Box: @unchecked Sendable { var error: Error? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { box.error = error }
        done.signal()
    }
    done.wait()
    if let e = box.error { throw e }
}
