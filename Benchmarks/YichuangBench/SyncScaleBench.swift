import AsyncHTTPClient
import CentralServer
import Foundation
import HallCore
import HallStore
import NIOCore
import SyncProtocol

/// Issue 15, scale: one province's village stations against one centre, simulated on this
/// machine. Stations are registered in bulk (hall + token rows by SQL); each simulated station
/// speaks the real protocol over loopback HTTP as `yichuang sync` does. Measured:
/// (1) sustained pushes of one operation each (a village station's 100 operations a day arrive
///     one by one), closed loop at a fixed concurrency, beside raw 1-row INSERT transactions;
/// (2) a whole sync round (handshake, push of one operation, the three bucket pulls), closed loop:
///     how many stations one centre can serve at the client's 5 s interval;
/// (3) the province's peak data rate offered open-loop with exponential (Poisson) jitter;
/// (4) the all-halls dashboard, the hall detail and the 30-day report over every hall's rows.
enum SyncScale {
    static let halls = intEnv("BENCH_SCALE_HALLS", 50_000)
    static let opsPerDay = intEnv("BENCH_SCALE_OPS_PER_DAY", 100)
    static let seconds = intEnv("BENCH_SCALE_SECONDS", 20)
    static let concurrency = intEnv("BENCH_SCALE_CONCURRENCY", 64)
    static let dashboardRuns = intEnv("BENCH_SCALE_DASHBOARD_RUNS", 7)
    /// The day's operations over an 8-hour working day, with a morning peak of three times the mean.
    static let workingSeconds = 8 * 3600.0
    static let peakFactor = 3.0
    static let syncInterval = 5.0

    static func hallId(_ i: Int) -> String { String(format: "scale-%06d", i) }
    static func token(_ i: Int) -> String { String(format: "yc_scale_%06d", i) }

    static func run(dir: String) throws -> String {
        let db = try CentralDatabaseConfig.fromEnvironment()
        let sample = try sampleOperations(path: dir + "/scale-sample.sqlite")
        return try SyncSupport.blocking {
            let server = try await SyncSupport.Server.start(db)
            let raw = SyncSupport.Raw.start(db)
            do {
                let pg = "PostgreSQL \(try await raw.show("server_version")) (fsync \(try await raw.show("fsync")), "
                    + "synchronous_commit \(try await raw.show("synchronous_commit")))"
                let t0 = monoNanos()
                try await register(raw)
                let registerSeconds = msSince(t0) / 1000
                log("sync-scale: \(halls) stations registered in \(String(format: "%.1f", registerSeconds)) s")
                var config = HTTPClient.Configuration()
                config.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency + 10)
                let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
                let sim = Simulation(http: http, baseURL: server.baseURL, sample: sample)
                let text: String
                do {
                    let pushes = try await sim.closedLoop(rounds: false)
                    let rawInserts = try await rawLoop(raw, sample: sample)
                    let rounds = try await sim.closedLoop(rounds: true)
                    let meanRate = Double(halls * opsPerDay) / workingSeconds
                    let open = try await sim.openLoop(rate: meanRate * peakFactor)
                    _ = try await server.central.projectPending()
                    let dash = try await Dashboard.run(server: server, raw: raw, http: http)
                    text = report(pg: pg, registerSeconds: registerSeconds, pushes: pushes, raw: rawInserts, rounds: rounds,
                                  open: open, meanRate: meanRate, dash: dash)
                } catch {
                    try? await http.shutdown(); throw error
                }
                try await http.shutdown()
                await raw.stop(); await server.stop()
                return text
            } catch {
                await raw.stop(); await server.stop()
                throw error
            }
        }
    }

    /// About 200 real operations of a small hall's morning (issue → call → finish at one window),
    /// written through the HallStore API; their payloads are what the simulated stations push.
    static func sampleOperations(path: String) throws -> [WireOperation] {
        let (store, by) = try sampleHall(path: path)
        for _ in 0..<60 {
            _ = try store.issueTicket(service: "A", by: .system("bench-desk"))
            _ = try store.callNext(window: 1, by: by)
            _ = try store.finish(window: 1, by: by)
        }
        return try store.outbox(after: 0, limit: 1000).map(SyncSupport.wire)
    }

    /// A one-window hall with its clerk signed in at window 1 (the sync benchmarks' halls).
    static func sampleHall(path: String) throws -> (HallStore, Attribution) {
        BenchHall.fresh(path)
        let object: [String: Any] = [
            "name": "村级站点", "kind": "hall", "timeZone": "Asia/Shanghai", "openingHour": 9, "pinRounds": 1000,
            "services": [["code": "A", "prefix": "A", "name": "综合受理", "targetWaitMinutes": 20, "maxQueue": 5000, "warnQueue": 15]],
            "windows": [["number": 1, "name": "1号窗口", "services": ["A"]]],
            "clerks": [["number": "1001", "name": "工作人员1", "role": "clerk", "pin": "1234"]],
        ]
        let setup = try JSONDecoder().decode(HallSetup.self, from: try JSONSerialization.data(withJSONObject: object))
        let store = try HallStore(path: path)
        try store.setUp(setup, by: .system("bench"))
        let clerk = try store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "bench-1")
        return (store, Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "bench-1"))
    }

    /// Halls and station tokens as `hall-register` writes them (only the token's SHA-256 kept).
    static func register(_ raw: SyncSupport.Raw) async throws {
        try await raw.exec("""
            INSERT INTO hall (hall_id, id, name)
            SELECT 'scale-' || lpad(g::text, 6, '0'), 'scale-' || lpad(g::text, 6, '0'), '村级站点' || g
            FROM generate_series(1, \(halls)) g ON CONFLICT DO NOTHING
            """)
        try await raw.exec("""
            INSERT INTO station_token (hall_id, id, token_sha256, label)
            SELECT 'scale-' || lpad(g::text, 6, '0'), 'tok-' || g,
                   encode(sha256(convert_to('yc_scale_' || lpad(g::text, 6, '0'), 'UTF8')), 'hex'), 'bench'
            FROM generate_series(1, \(halls)) g ON CONFLICT DO NOTHING
            """)
        try await raw.exec("ANALYZE")
    }

    struct Outcome {
        var ms: [Double] = []
        var errors: [String] = []
        var seconds = 0.0
        var offered = 0.0
        var rate: Double { Double(ms.count) / seconds }
    }

    /// The baseline of (1): 1-row INSERT transactions at the same concurrency for the same time.
    static func rawLoop(_ raw: SyncSupport.Raw, sample: [WireOperation]) async throws -> Outcome {
        try await raw.exec("DROP TABLE IF EXISTS raw_operation")
        try await raw.exec("CREATE TABLE raw_operation (LIKE operation INCLUDING ALL)")
        let deadline = monoNanos() + UInt64(seconds) * 1_000_000_000
        let t0 = monoNanos()
        var out = Outcome()
        await withTaskGroup(of: Outcome.self) { group in
            for w in 0..<concurrency {
                group.addTask {
                    var o = Outcome(), n = 0
                    while monoNanos() < deadline {
                        n += 1
                        let station = w + n * concurrency
                        var op = sample[n % sample.count]
                        op.opId = UUID().uuidString.lowercased(); op.deviceId = "dev-\(station)"; op.seq = Int64(n)
                        let start = monoNanos()
                        do { try await raw.insert([op][...], hallId: hallId(station % halls + 1)) } catch { o.errors.append("\(error)") }
                        o.ms.append(msSince(start))
                    }
                    return o
                }
            }
            for await o in group { out.ms += o.ms; out.errors += o.errors }
        }
        out.seconds = msSince(t0) / 1000
        log("sync-scale raw 1-row INSERT: \(String(format: "%.0f", out.rate))/s")
        return out
    }

    static func report(pg: String, registerSeconds: Double, pushes: Outcome, raw: Outcome, rounds: Outcome, open: Outcome,
                       meanRate: Double, dash: Dashboard.Result) -> String {
        let pollRate = Double(halls) / syncInterval
        let stationsAt5s = rounds.rate * syncInterval
        let intervalNeeded = Double(halls) / rounds.rate
        func rate(_ v: Double, _ unit: String) -> String { String(format: "%.0f %@", v, unit) }
        func errs(_ o: Outcome) -> String { o.errors.isEmpty ? "0" : "\(o.errors.count) (\(o.errors.prefix(2).joined(separator: "; ")))" }
        let openKept = open.rate >= open.offered * 0.95 && open.errors.isEmpty
        return """
        ## 中心规模 (centre at province scale): \(halls) village stations, \(opsPerDay) operations a day each

        Real central server in the benchmark process on loopback HTTP, \(pg) on the same machine. \(halls) halls and
        station tokens registered by SQL in \(String(format: "%.1f", registerSeconds)) s. Each simulated station speaks the real
        protocol with its own token, device and gap-free seqs; operations are real hall operations (queue events, projected
        into the dashboard's tables as in production). Closed loops run \(concurrency) requests in flight for \(seconds) s.

        The province's load: \(halls) × \(opsPerDay) = \(halls * opsPerDay) operations a day, i.e. \(rate(meanRate, "ops/s")) over an 8-hour
        working day and \(rate(meanRate * peakFactor, "ops/s")) at a morning peak of ×\(Int(peakFactor)). A station with 100 operations
        a day has about one pending operation per sync round, so pushes carry one operation each. On top of that, every
        station runs a sync round every \(Int(syncInterval)) s (handshake + pull of three buckets even when idle): \(rate(pollRate, "rounds/s")).

        \(table(["what", "rate", "p50", "p99", "errors", "baseline (same run)", "ratio", "need", "result"], [
            ["(1) push of 1 operation, closed loop", rate(pushes.rate, "ops/s"), ms(Stats(pushes.ms).median), ms(Stats(pushes.ms).p99), errs(pushes),
             "raw 1-row INSERT txn: \(rate(raw.rate, "ops/s")), p99 \(ms(Stats(raw.ms).p99))", String(format: "%.0f %%", pushes.rate / raw.rate * 100),
             "peak \(rate(meanRate * peakFactor, "ops/s"))", met(pushes.rate >= meanRate * peakFactor)],
            ["(2) whole sync round (handshake, push 1, 3 pulls), closed loop", rate(rounds.rate, "rounds/s"), ms(Stats(rounds.ms).median),
             ms(Stats(rounds.ms).p99), errs(rounds), "", "", "\(rate(pollRate, "rounds/s")) at \(Int(syncInterval)) s", met(rounds.rate >= pollRate)],
            ["(3) peak data rate offered open loop, Poisson arrivals, one push each", rate(open.rate, "ops/s") + " of \(rate(open.offered, "offered"))",
             ms(Stats(open.ms).median), ms(Stats(open.ms).p99), errs(open), "", "", "keeps up, p99 ≤ 200 ms",
             met(openKept && Stats(open.ms).p99 <= 200)],
        ]))
        One centre process on this machine serves about \(String(format: "%.0f", stationsAt5s)) stations at the \(Int(syncInterval)) s interval; \(halls)
        stations would need a round interval of about \(String(format: "%.0f", intervalNeeded)) s each (see the findings below).

        \(dash.markdown)
        """
    }
}

/// The simulated stations: each worker owns the stations w, w + C, w + 2C, … so a station's
/// pushes are never concurrent and its seqs stay gap-free, as with one `yichuang sync` per node.
struct Simulation: Sendable {
    let http: HTTPClient
    let baseURL: String
    let sample: [WireOperation]

    final class Seqs: @unchecked Sendable {
        private let lock = NSLock()
        private var next: [Int: Int64] = [:]
        func take(_ station: Int) -> Int64 { lock.withLock { let s = (next[station] ?? 0) + 1; next[station] = s; return s } }
    }
    let seqs = Seqs()

    func op(_ station: Int, _ n: Int) -> WireOperation {
        var op = sample[n % sample.count]
        op.opId = UUID().uuidString.lowercased(); op.deviceId = "dev-\(station)"; op.seq = seqs.take(station)
        return op
    }

    func send(_ path: String, query: String? = nil, token: String, body: Data?) async throws {
        var r = SyncStations.request(baseURL + path + (query.map { "?" + $0 } ?? ""), token: token, body: body)
        if body == nil { r.method = .GET }
        let response = try await http.execute(r, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else {
            throw SimulationError(text: "\(path): HTTP \(response.status.code) \(String(buffer: data).prefix(120))")
        }
    }
    struct SimulationError: Error, CustomStringConvertible { let text: String; var description: String { text } }

    /// One station's exchange: a push of one operation, or a whole round as `yichuang sync` does it.
    func exchange(_ station: Int, _ n: Int, round: Bool) async throws {
        let hall = SyncScale.hallId(station), token = SyncScale.token(station), device = "dev-\(station)"
        let enc = JSONEncoder()
        if round {
            try await send(SyncPaths.handshake, token: token,
                           body: try enc.encode(HandshakeRequest(deviceId: device, schemaVersion: 1, clientTime: Date().timeIntervalSince1970, hallId: hall)))
        }
        try await send(SyncPaths.push, token: token, body: try enc.encode(PushRequest(deviceId: device, operations: [op(station, n)], hallId: hall)))
        if round {
            for bucket in ["catalog", "calendar", "hall:\(hall)"] {
                let q = "bucket=" + (bucket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? bucket) + "&cursor=0"
                try await send(SyncPaths.pull, query: q, token: token, body: nil)
            }
        }
    }

    func closedLoop(rounds: Bool) async throws -> SyncScale.Outcome {
        let c = SyncScale.concurrency, halls = SyncScale.halls
        let deadline = monoNanos() + UInt64(SyncScale.seconds) * 1_000_000_000
        let t0 = monoNanos()
        var out = SyncScale.Outcome()
        await withTaskGroup(of: SyncScale.Outcome.self) { group in
            for w in 0..<c {
                group.addTask {
                    var o = SyncScale.Outcome(), n = 0
                    // Worker w owns the block of stations w·per+1 … (w+1)·per: never two at once.
                    let per = max(1, halls / c)
                    while monoNanos() < deadline {
                        let station = (w * per + n % per) % halls + 1
                        n += 1
                        let start = monoNanos()
                        do { try await exchange(station, n, round: rounds) } catch { o.errors.append("\(error)") }
                        o.ms.append(msSince(start))
                    }
                    return o
                }
            }
            for await o in group { out.ms += o.ms; out.errors += o.errors }
        }
        out.seconds = msSince(t0) / 1000
        log("sync-scale \(rounds ? "rounds" : "pushes"): \(String(format: "%.0f", out.rate))/s, p99 \(ms(Stats(out.ms).p99)), \(out.errors.count) errors")
        return out
    }

    /// Arrivals at `rate` per second with exponential gaps, each a push of one operation by the
    /// next station in turn, whatever the answers' speed (open loop: a slow centre builds a queue).
    func openLoop(rate: Double) async throws -> SyncScale.Outcome {
        let halls = SyncScale.halls
        let t0 = monoNanos()
        let deadline = t0 + UInt64(SyncScale.seconds) * 1_000_000_000
        var out = SyncScale.Outcome()
        out.offered = rate
        var rng = SystemRandomNumberGenerator()
        await withTaskGroup(of: (Double, String?).self) { group in
            var next = Double(t0), n = 0
            while UInt64(next) < deadline {
                let wait = Int64(next) - Int64(monoNanos())
                if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait)) }
                n += 1
                let station = (n - 1) % halls + 1, k = n
                group.addTask {
                    let start = monoNanos()
                    do { try await exchange(station, k, round: false); return (msSince(start), nil) } catch { return (msSince(start), "\(error)") }
                }
                next += -Foundation.log(Double.random(in: Double.ulpOfOne..<1, using: &rng)) / rate * 1e9
            }
            for await (took, error) in group { out.ms.append(took); if let error { out.errors.append(error) } }
        }
        out.seconds = msSince(t0) / 1000
        log("sync-scale open loop at \(String(format: "%.0f", rate))/s: achieved \(String(format: "%.0f", out.rate))/s, p99 \(ms(Stats(out.ms).p99))")
        return out
    }
}
