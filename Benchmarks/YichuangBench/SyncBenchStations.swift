import AsyncHTTPClient
import CentralServer
import Foundation
import NIOCore
import NIOHTTP1
import SyncProtocol

/// (3) Many stations pushing at the same instant: each a registered hall with its own token and
/// device, one batch of 20 operations each, every request started together from one task group
/// on a client with a connection per station (AsyncHTTPClient's default pool would queue them
/// behind 8 connections and measure the client, not the centre).
enum SyncStations {
    struct Outcome { var ms: [Double] = []; var errors: [String] = []; var spanMs = 0.0 }

    static func run(server: SyncSupport.Server, raw: SyncSupport.Raw, sample: [WireOperation], stations: Int, runs: Int) async throws -> String {
        log("sync: registering \(stations) stations…")
        let halls = (1...stations).map { String(format: "bench-station-%04d", $0) }
        let tokens = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, hall) in halls.enumerated() {
                group.addTask { (i, try await server.central.registry.register(hallId: hall, name: "压测站点\(i + 1)").token) }
            }
            var out = [String](repeating: "", count: stations)
            for try await (i, t) in group { out[i] = t }
            return out
        }
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: stations + 10)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        var push: [Outcome] = [], health: [Outcome] = [], rawBurst: [Outcome] = []
        do {
            let healthRequests = (0..<stations).map { _ in request(server.baseURL + SyncPaths.health, token: nil, body: nil) }
            _ = await burst(http, healthRequests)          // opens one connection per station
            for r in 0..<runs {
                let batches = (0..<stations).map { i in
                    sample.enumerated().map { k, op in
                        WireOperation(opId: UUID().uuidString.lowercased(), deviceId: "dev-\(i + 1)", seq: Int64(r * sample.count + k + 1),
                                      hlc: op.hlc, wallTime: op.wallTime, schemaVersion: op.schemaVersion, kind: op.kind,
                                      entityId: op.entityId, payload: op.payload, sha256: op.sha256)
                    }
                }
                health.append(await burst(http, healthRequests))
                let pushRequests = try batches.enumerated().map { i, ops in
                    request(server.baseURL + SyncPaths.push, token: tokens[i],
                            body: try JSONEncoder().encode(PushRequest(deviceId: "dev-\(i + 1)", operations: ops, hallId: halls[i])))
                }
                var p = await burst(http, pushRequests, expectAcked: Int64((r + 1) * sample.count))
                let stored = try await raw.count("operation WHERE hall_id LIKE 'bench-station-%'")
                if stored != (r + 1) * sample.count * stations { p.errors.append("stored \(stored) operations") }
                push.append(p)
                rawBurst.append(await rawInserts(raw, batches, halls: halls))
                log("sync stations run \(r + 1): push p50 \(ms(Stats(p.ms).median)) p99 \(ms(Stats(p.ms).p99)), \(p.errors.count) errors; "
                    + "/health p99 \(ms(Stats(health.last!.ms).p99)); raw p99 \(ms(Stats(rawBurst.last!.ms).p99))")
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        func med(_ o: [Outcome], _ f: (Stats) -> Double) -> Double { SyncSupport.median(o.map { f(Stats($0.ms)) }) }
        let p50 = med(push, \.median), p99 = med(push, \.p99)
        let h50 = med(health, \.median), h99 = med(health, \.p99)
        let r50 = med(rawBurst, \.median), r99 = med(rawBurst, \.p99)
        let errors = push.map(\.errors.count).reduce(0, +) + health.map(\.errors.count).reduce(0, +)
        let firstErrors = (push + health).flatMap(\.errors).prefix(3)
        let span = SyncSupport.median(push.map(\.spanMs))
        return """
        ### (3) \(stations) stations pushing at once

        \(stations) halls registered, each with its own station token and device; per run every station POSTs one batch of
        \(sample.count) real operations (the next \(sample.count) of its sequence), all started together on a client holding
        one keep-alive connection per station. Baselines in the same run, same concurrency: an empty-work `GET /health`
        (HTTP plus `SELECT 1`), and each station's \(sample.count) rows as one raw multi-row INSERT through a postgres-nio pool of
        20 connections (the server's pool size). The whole burst took \(ms(span)) (median of runs), i.e.
        \(SyncSupport.rate(Double(stations * sample.count) / (span / 1000))) in total. Medians of \(runs) runs' percentiles;
        errors (non-200, wrong `acked_through_seq`, missing rows) counted over all runs\(firstErrors.isEmpty ? "" : ": " + firstErrors.joined(separator: "; ")).

        \(table(["request", "p50", "p99", "runs' p99", "errors", "push / baseline (p99)", "target", "result"], [
            ["push, \(sample.count) ops", ms(p50), ms(p99), push.map { ms(Stats($0.ms).p99) }.joined(separator: ", "), "\(errors)", "", "p99 ≤ 200 ms, 0 errors",
             met(p99 <= 200 && errors == 0)],
            ["GET /health", ms(h50), ms(h99), health.map { ms(Stats($0.ms).p99) }.joined(separator: ", "), "", ratio(p99, h99), "", ""],
            ["raw INSERT of \(sample.count) rows", ms(r50), ms(r99), rawBurst.map { ms(Stats($0.ms).p99) }.joined(separator: ", "), "", ratio(p99, r99), "", ""],
        ]))
        """
    }

    static func request(_ url: String, token: String?, body: Data?) -> HTTPClientRequest {
        var r = HTTPClientRequest(url: url)
        if let token { r.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            r.method = .POST
            r.headers.add(name: "Content-Type", value: "application/json")
            r.body = .bytes(ByteBuffer(bytes: body))
        }
        return r
    }

    /// Every request at once; each one's latency from its own start to its whole body.
    static func burst(_ http: HTTPClient, _ requests: [HTTPClientRequest], expectAcked: Int64? = nil) async -> Outcome {
        let t0 = monoNanos()
        var out = Outcome()
        await withTaskGroup(of: (Double, String?).self) { group in
            for req in requests {
                group.addTask {
                    let start = monoNanos()
                    do {
                        let response = try await http.execute(req, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
                        let took = msSince(start)
                        guard response.status == .ok else { return (took, "HTTP \(response.status.code)") }
                        if let expectAcked {
                            let acked = try JSONDecoder().decode(PushResponse.self, from: Data(body.readableBytesView)).ackedThroughSeq
                            if acked != expectAcked { return (took, "acked \(acked), expected \(expectAcked)") }
                        }
                        return (took, nil)
                    } catch { return (msSince(start), "\(error)") }
                }
            }
            for await (took, error) in group {
                out.ms.append(took)
                if let error { out.errors.append(error) }
            }
        }
        out.spanMs = msSince(t0)
        return out
    }

    /// The baseline: each station's rows as one raw INSERT, all at once through a 20-connection pool.
    static func rawInserts(_ raw: SyncSupport.Raw, _ batches: [[WireOperation]], halls: [String]) async -> Outcome {
        var out = Outcome()
        await withTaskGroup(of: (Double, String?).self) { group in
            for (i, ops) in batches.enumerated() {
                group.addTask {
                    let start = monoNanos()
                    do { try await raw.insert(ops[...], hallId: halls[i]); return (msSince(start), nil) } catch { return (msSince(start), "\(error)") }
                }
            }
            for await (took, error) in group { out.ms.append(took); if let error { out.errors.append(error) } }
        }
        return out
    }
}
