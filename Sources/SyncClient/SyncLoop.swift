import Foundation
import HallStore
import Logging

/// `yichuang sync`'s loop: a round every `interval` while things go well; after a failure it waits
/// longer each time (doubling, with jitter so a hundred stations coming back online do not hit the
/// centre in the same second), up to `maxDelay`, and keeps going for as long as the centre is down.
public struct SyncLoop: Sendable {
    public let client: SyncClient
    /// Reference data to pull after each successful push; nil pushes only.
    public var puller: PullClient?
    public var interval: Duration
    public var maxDelay: Duration
    let logger: Logger

    public init(client: SyncClient, puller: PullClient? = nil, interval: Duration = .seconds(5), maxDelay: Duration = .seconds(300),
                logger: Logger = Logger(label: "yichuang.sync")) {
        self.client = client; self.puller = puller; self.interval = interval; self.maxDelay = maxDelay; self.logger = logger
    }

    /// The delay before attempt n+1 after n consecutive failures (n ≥ 1).
    public static func backoff(failures: Int, base: Duration = .seconds(1), max: Duration = .seconds(300),
                               jitter: Double = Double.random(in: 0.8...1.2)) -> Duration {
        let exponent = min(failures - 1, 20)
        let raw = base * (1 << exponent)
        return (raw > max ? max : raw) * jitter
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let s = try await client.pushAll()
                if let puller { try await puller.pullAll() }
                if failures > 0 { logger.notice("sync recovered after \(failures) failed attempts") }
                failures = 0
                if s.batches > 0 {
                    logger.info("pushed", metadata: ["acked_through": "\(s.ackedThroughSeq)", "batches": "\(s.batches)"])
                }
                try? await Task.sleep(for: interval)
            } catch {
                failures += 1
                let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
                try? client.store.recordSyncFailure(message, at: Date())
                let delay = Self.backoff(failures: failures, max: maxDelay)
                logger.error("sync failed; retrying", metadata: ["error": "\(message)", "failures": "\(failures)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }
}
