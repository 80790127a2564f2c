import Foundation
import Prometheus
import SyncProtocol

/// The centre's /metrics, kept in a swift-prometheus registry (one per centre, not the process'
/// global MetricsSystem: tests run several centres in one process). Counters are bumped as
/// requests go; the per-hall gauges are read from the database at each scrape (`CentralRoutes`).
public final class CentralMetrics: @unchecked Sendable {
    let registry = PrometheusCollectorRegistry()
    private let authFailures: Counter
    private let gaps: Counter
    private let wrongHalls: Counter
    private let auditAlerts: Counter
    private let ops: [OpStatus: Counter]
    private let pushDuration: DurationHistogram
    /// The registry's counters cannot be read back; tests and tools read these (under `lock`).
    private let lock = NSLock()
    private var opCounts: [OpStatus: Int] = [:]

    public init() {
        authFailures = registry.makeCounter(name: "yichuang_auth_failures_total",
                                            help: "Requests with a missing, unknown or revoked token.")
        gaps = registry.makeCounter(name: "yichuang_sync_gaps_total", help: "Batches refused for a sequence gap.")
        wrongHalls = registry.makeCounter(name: "yichuang_sync_wrong_hall_total",
                                          help: "Handshakes and pushes refused: node or device of another hall than the token's.")
        auditAlerts = registry.makeCounter(name: "yichuang_audit_anchor_alerts_total",
                                           help: "Handshakes whose audit head did not extend the anchored one (truncated, rewritten or unproven).")
        var ops: [OpStatus: Counter] = [:]
        for s in [OpStatus.applied, .duplicate, .quarantined, .conflict] {
            ops[s] = registry.makeCounter(name: "yichuang_sync_operations_total", labels: [("result", s.rawValue)],
                                          help: "Pushed operations by result.")
        }
        self.ops = ops
        pushDuration = registry.makeDurationHistogram(name: "yichuang_push_seconds", buckets: [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(10)], help: "Time spent ingesting one batch.")
    }

    func request(path: String, status: Int) {
        registry.makeCounter(name: "yichuang_http_requests_total", labels: [("path", path), ("status", "\(status)")],
                             help: "Requests by path and status.").increment()
    }
    func results(_ r: [OpResult]) {
        for x in r { ops[x.status]?.increment() }
        lock.withLock { for x in r { opCounts[x.status, default: 0] += 1 } }
    }

    public func count(_ status: OpStatus) -> Int { lock.withLock { opCounts[status] ?? 0 } }
    func gap() { gaps.increment() }
    func authFailure() { authFailures.increment() }
    func wrongHall() { wrongHalls.increment() }
    func auditAlert() { auditAlerts.increment() }
    func pushTook(_ seconds: Double) { pushDuration.recordNanoseconds(Int64(min(max(seconds, 0), 1e9) * 1e9)) }

    /// How late a hall's facts reach the centre: at each push with new operations, now minus the
    /// device wall time of the oldest of them (the longest any of them waited at the hall; a
    /// station offline for two days shows two days at its next push). Never negative.
    func syncLag(hallId: String, oldestWallTime: Double) {
        let lag = Date().timeIntervalSince1970 - oldestWallTime
        guard lag.isFinite else { return }
        registry.makeGauge(name: "yichuang_hall_sync_lag_seconds", labels: [("hall", hallId)],
                           help: "At the hall's last push with new operations: seconds the oldest of them waited at the hall.")
            .set(to: max(lag, 0))
    }

    /// A hall's audit-anchor alerts recorded so far (read from the database at each scrape, so it
    /// survives restarts); alert on any value above 0.
    func hallAuditAlerts(id: String, count: Int) {
        registry.makeGauge(name: "yichuang_hall_audit_alerts", labels: [("hall", id)],
                           help: "Audit-chain anchor alerts recorded for the hall (truncated, rewritten or unproven chain).")
            .set(to: Double(count))
    }

    /// One hall's last contact (any device, handshake or push) and its name, as of the database.
    func hall(id: String, name: String, lastContact: Double?) {
        registry.makeGauge(name: "yichuang_hall_info", labels: [("hall", id), ("name", name)],
                           help: "Registered halls (value 1), to join a hall id with its name.").set(to: 1.0)
        guard let lastContact else { return }
        registry.makeGauge(name: "yichuang_hall_last_contact_timestamp_seconds", labels: [("hall", id)],
                           help: "When a device of the hall last reached the centre (Unix time); alert on time() minus it.")
            .set(to: lastContact)
    }

    public func render() -> String { registry.emitToString() }
}
