import Foundation
import HallStore
import Logging
import ServiceLifecycle

/// `yichuang sync`'s loop: a round every `interval` while things go well; after a failure it waits
/// longer each time (doubling, with jitter so a hundred stations coming back online do not hit the
/// centre in the same second), up to `maxDelay`, and keeps going for as long as the centre is down.
/// A service (swift-service-lifecycle): on graceful shutdown the batch in flight finishes, nothing
/// new starts, and `run` returns, so `yichuang sync` exits 0 and the next start resends nothing.
public struct SyncLoop: Service, Sendable {
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

    /// One round: push, then pull. Any failure (refused connection, a link cut mid-sync, a refusal)
    /// is recorded in the store's sync status before it is rethrown, so every screen shows
    /// `○离线` with the time of the last success: cron-driven `sync --once` relies on this as
    /// much as the loop does.
    @discardableResult
    public static func round(_ client: SyncClient, puller: PullClient?) async throws -> (SyncClient.Summary, [String: Int]) {
        do {
            let summary = try await client.pushAll()
            let pulled = Task.isShuttingDownGracefully ? [:] : try await puller?.pullAll() ?? [:]
            return (summary, pulled)
        } catch {
            // After the failure, so it counts even when a batch was acknowledged earlier this round.
            try? client.store.recordSyncFailure(describe(error), at: Date())
            throw error
        }
    }

    /// The operator's text for a failure: Chinese, naming the fault.
    public static func describe(_ error: any Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? "同步失败：\(TransportFailure.describe(error))"
    }

    /// Runs until the task is cancelled or the service group shuts down gracefully.
    public func run() async {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: { [logger] in
            logger.notice("收到停止信号：完成当前一批后退出")
        }
    }

    private func loop() async {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let (s, _) = try await Self.round(client, puller: puller)
                if failures > 0 { logger.notice("sync recovered after \(failures) failed attempts") }
                failures = 0
                if s.batches > 0 {
                    logger.info("pushed", metadata: ["acked_through": "\(s.ackedThroughSeq)", "batches": "\(s.batches)"])
                }
                await pause(interval)
            } catch {
                failures += 1
                let message = Self.describe(error)
                let delay = Self.backoff(failures: failures, max: maxDelay)
                logger.error("sync failed; retrying", metadata: ["error": "\(message)", "failures": "\(failures)", "retry_in": "\(delay)"])
                await pause(delay)
            }
        }
        if Task.isShuttingDownGracefully { logger.notice("同步已停止：当前一批已完成") }
    }

    /// A wait between rounds that a graceful shutdown ends at once.
    private func pause(_ delay: Duration) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
    }
}
