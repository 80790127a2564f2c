import Foundation
import SyncProtocol

/// Counters for /metrics in the Prometheus text format. Kept by hand: a dozen counters do not
/// justify another dependency, and the format is stable.
public final class CentralMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String: Int] = [:]       // "path status" → count
    private var ops: [OpStatus: Int] = [:]
    private var refusedGaps = 0
    private var authFailures = 0
    private var wrongHalls = 0
    private var pushSeconds = 0.0
    private var pushCount = 0

    public init() {}

    func request(path: String, status: Int) { lock.withLock { requests["\(path) \(status)", default: 0] += 1 } }
    func results(_ r: [OpResult]) { lock.withLock { for x in r { ops[x.status, default: 0] += 1 } } }
    func gap() { lock.withLock { refusedGaps += 1 } }
    func authFailure() { lock.withLock { authFailures += 1 } }
    func wrongHall() { lock.withLock { wrongHalls += 1 } }
    func pushTook(_ seconds: Double) { lock.withLock { pushSeconds += seconds; pushCount += 1 } }

    public func count(_ status: OpStatus) -> Int { lock.withLock { ops[status] ?? 0 } }

    public func render() -> String {
        lock.withLock {
            var out = "# HELP yichuang_http_requests_total Requests by path and status.\n# TYPE yichuang_http_requests_total counter\n"
            for (key, n) in requests.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: " ")
                out += "yichuang_http_requests_total{path=\"\(parts[0])\",status=\"\(parts[1])\"} \(n)\n"
            }
            out += "# HELP yichuang_sync_operations_total Pushed operations by result.\n# TYPE yichuang_sync_operations_total counter\n"
            for s in [OpStatus.applied, .duplicate, .quarantined, .conflict] {
                out += "yichuang_sync_operations_total{result=\"\(s.rawValue)\"} \(ops[s] ?? 0)\n"
            }
            out += "# HELP yichuang_sync_gaps_total Batches refused for a sequence gap.\n# TYPE yichuang_sync_gaps_total counter\n"
            out += "yichuang_sync_gaps_total \(refusedGaps)\n"
            out += "# HELP yichuang_auth_failures_total Requests with a missing, unknown or revoked token.\n# TYPE yichuang_auth_failures_total counter\n"
            out += "yichuang_auth_failures_total \(authFailures)\n"
            out += "# HELP yichuang_sync_wrong_hall_total Handshakes and pushes refused: node or device of another hall than the token's.\n# TYPE yichuang_sync_wrong_hall_total counter\n"
            out += "yichuang_sync_wrong_hall_total \(wrongHalls)\n"
            out += "# HELP yichuang_push_seconds Time spent ingesting batches.\n# TYPE yichuang_push_seconds summary\n"
            out += "yichuang_push_seconds_sum \(pushSeconds)\nyichuang_push_seconds_count \(pushCount)\n"
            return out
        }
    }
}
