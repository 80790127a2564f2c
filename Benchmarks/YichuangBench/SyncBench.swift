import CentralServer
import Foundation
import HallStore
import SyncClient
import SyncProtocol

/// 同步 (issue 6), against the real central server over loopback HTTP and a PostgreSQL given by
/// the libpq variables (scripts/pg-temp.sh starts a throwaway one):
/// (1) ingest throughput of batches of 500 real hall operations, against a raw multi-row INSERT of
///     the same rows into a copy of the `operation` table, target ≥ 50 %;
/// (2) a 100,000-operation backlog pushed by `SyncClient.pushAll` in its own process: time ≤ 30 s,
///     the client's peak RSS < 100 MB;
/// (3) 500 stations pushing one batch of 20 at the same instant: p99 ≤ 200 ms, no errors.
enum SyncBench {
    static let ingestOps = intEnv("BENCH_SYNC_OPS", 20_000)
    static let backlogOps = intEnv("BENCH_SYNC_BACKLOG", 100_000)
    static let stations = intEnv("BENCH_SYNC_STATIONS", 500)
    static let runs = intEnv("BENCH_SYNC_RUNS", 3)
    /// The backlog is the long one (minutes while the ingest misses its target): its own count.
    static let backlogRuns = intEnv("BENCH_SYNC_BACKLOG_RUNS", runs)

    static func run(dir: String) throws -> String {
        let db = try CentralDatabaseConfig.fromEnvironment()
        log("sync: PostgreSQL \(db.description); filling a hall store with \(max(ingestOps, backlogOps)) operations…")
        let t0 = monoNanos()
        let path = dir + "/sync-backlog.sqlite"
        let (store, total) = try SyncSupport.backlog(path: path, ops: max(ingestOps, backlogOps))
        let fillSeconds = msSince(t0) / 1000
        let all = try store.outbox(after: 0, limit: total).map(SyncSupport.wire)
        let hallId = try store.syncIdentity().hallId
        return try SyncSupport.blocking {
            let server = try await SyncSupport.Server.start(db)
            let raw = SyncSupport.Raw.start(db)
            do {
                try await raw.exec("DROP TABLE IF EXISTS raw_operation")
                try await raw.exec("CREATE TABLE raw_operation (LIKE operation INCLUDING ALL)")
                // Stated from the server itself: the durability settings decide what a commit costs.
                let pg = "PostgreSQL \(try await raw.show("server_version")) (fsync \(try await raw.show("fsync")), "
                    + "synchronous_commit \(try await raw.show("synchronous_commit")))"
                let token = try await server.central.registry.register(hallId: hallId, name: "压测大厅").token
                let a = try await ingest(server: server, raw: raw, ops: Array(all.prefix(ingestOps)), hallId: hallId, token: token)
                let b = try await backlog(server: server, raw: raw, storePath: path, dir: dir, ops: all, hallId: hallId, token: token)
                let c = try await SyncStations.run(server: server, raw: raw, sample: Array(all.prefix(20)), stations: stations, runs: runs)
                await raw.stop(); await server.stop()
                return """
                ## 同步 (sync): ingest, backlog, \(stations) stations

                Real central server (Hummingbird 2 + postgres-nio, pool of 20 connections) in the benchmark process on loopback
                HTTP; \(pg) on the same machine.
                Operations are a hall store's real outbox (issue → call → finish cycles at one window through the HallStore API,
                \(total) operations written in \(String(format: "%.0f", fillSeconds)) s). \(runs) runs of (1) and (3), \(backlogRuns) of (2); medians.

                \(a)
                \(b)
                \(c)
                """
            } catch {
                await raw.stop(); await server.stop()
                throw error
            }
        }
    }

    /// Empties what a push writes: the operations, cursors, the baseline table and whatever read
    /// tables (`ov_*`) the server projects from operations, so each run starts from the same state.
    static func reset(_ raw: SyncSupport.Raw) async throws {
        try await raw.exec("""
            DO $$ DECLARE t text; BEGIN
              -- The projector's lock: waits out a page still being projected and keeps the next
              -- from starting until the tables are empty (TRUNCATE beside it would deadlock).
              PERFORM pg_advisory_xact_lock(7100602);
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                AND (tablename LIKE 'ov\\_%' OR tablename IN ('operation', 'quarantine', 'device_cursor', 'raw_operation'))
              LOOP EXECUTE 'TRUNCATE ' || quote_ident(t); END LOOP;
            END $$
            """)
    }

    /// (1) The same batches through the server and as raw INSERTs, in alternating order.
    static func ingest(server: SyncSupport.Server, raw: SyncSupport.Raw, ops: [WireOperation], hallId: String, token: String) async throws -> String {
        let deviceId = ops[0].deviceId
        let batches = stride(from: 0, to: ops.count, by: 500).map { ops[$0..<min($0 + 500, ops.count)] }
        let bodies = try batches.map { try JSONEncoder().encode(PushRequest(deviceId: deviceId, operations: Array($0), hallId: hallId)) }
        // The same batches relabeled `print.job`, a kind the overview projection skips: what the
        // ingest costs without the read tables (payload and checksum unchanged, still valid).
        let plain = try batches.map { b in
            try JSONEncoder().encode(PushRequest(deviceId: deviceId, operations: b.map { var o = $0; o.kind = "print.job"; return o }, hallId: hallId))
        }
        let handshake = try JSONEncoder().encode(HandshakeRequest(deviceId: deviceId, schemaVersion: 1, clientTime: Date().timeIntervalSince1970, hallId: hallId))
        let transport = HTTPSyncTransport(baseURL: server.baseURL)
        var serverMs: [Double] = [], plainMs: [Double] = [], rawMs: [Double] = [], drainedMs: [Double] = []
        for r in 0..<SyncBench.runs {
            // 0 = server, 1 = server without projection, 2 = raw; the order rotates run by run.
            for path in [r % 3, (r + 1) % 3, (r + 2) % 3] {
                try await reset(raw)
                let t0 = monoNanos()
                if path < 2 {
                    _ = try await transport.send(method: "POST", path: SyncPaths.handshake, query: nil, body: handshake, token: token)
                    for (i, body) in (path == 0 ? bodies : plain).enumerated() {
                        let (status, data) = try await transport.send(method: "POST", path: SyncPaths.push, query: nil, body: body, token: token)
                        let acked = status == 200 ? try JSONDecoder().decode(PushResponse.self, from: data).ackedThroughSeq : -1
                        guard acked == batches[i].last!.seq else {
                            throw StoreError.internalError("push \(i): HTTP \(status), acked \(acked): \(String(decoding: data, as: UTF8.self))")
                        }
                    }
                    if path == 0 { serverMs.append(msSince(t0)) } else { plainMs.append(msSince(t0)) }
                    if path == 0 {
                        // The dashboard's tables are filled after the acks; how long until they
                        // have caught up with the last push is reported beside the ingest.
                        try await server.central.projectPending()
                        drainedMs.append(msSince(t0))
                    }
                    let stored = try await raw.count("operation")
                    precondition(stored == ops.count, "server stored \(stored) of \(ops.count)")
                } else {
                    for batch in batches { try await raw.insert(batch, hallId: hallId) }
                    rawMs.append(msSince(t0))
                }
            }
            log("sync ingest run \(r + 1): server \(ms(serverMs.last!)), without projection \(ms(plainMs.last!)), raw \(ms(rawMs.last!))")
        }
        let s = SyncSupport.median(serverMs), n = SyncSupport.median(plainMs), b = SyncSupport.median(rawMs)
        let sRate = SyncSupport.opsPerSec(ops.count, s), nRate = SyncSupport.opsPerSec(ops.count, n), bRate = SyncSupport.opsPerSec(ops.count, b)
        let share = sRate / bRate
        func runs(_ xs: [Double]) -> String { xs.map { String(format: "%.0f", $0) }.joined(separator: ", ") }
        return """
        ### (1) ingest throughput: \(ops.count) operations in batches of 500

        Server: handshake, then the \(batches.count) batches POSTed one after another to `/v1/sync/push` (bodies encoded beforehand),
        each checked for HTTP 200 and `acked_through_seq`. Baseline: the same rows by one multi-row `INSERT` (500 rows, 11
        parameters each) per batch, each batch its own transaction, into `raw_operation` (`LIKE operation INCLUDING ALL`:
        same keys and unique index), over a postgres-nio client of its own.

        \(table(["path", "median time", "throughput", "runs (ms)", "server / raw", "target", "result"], [
            ["central server, loopback HTTP", ms(s), SyncSupport.rate(sRate), runs(serverMs), String(format: "%.0f %%", share * 100), "≥ 50 %", met(share >= 0.5)],
            ["same, until the dashboard's tables caught up (projected after the acks)", ms(SyncSupport.median(drainedMs)),
             SyncSupport.rate(SyncSupport.opsPerSec(ops.count, SyncSupport.median(drainedMs))), runs(drainedMs),
             String(format: "%.0f %%", SyncSupport.opsPerSec(ops.count, SyncSupport.median(drainedMs)) / bRate * 100), "", ""],
            ["same, ops relabeled `print.job` (no overview projection)", ms(n), SyncSupport.rate(nRate), runs(plainMs),
             String(format: "%.0f %%", nRate / bRate * 100), "", ""],
            ["raw multi-row INSERT", ms(b), SyncSupport.rate(bRate), runs(rawMs), "100 %", "", ""],
        ]))
        """
    }

    /// (2) The whole backlog by the real client in a process of its own, from a fresh copy of the
    /// store each run; the baseline process runs the same round with nothing left to push.
    static func backlog(server: SyncSupport.Server, raw: SyncSupport.Raw, storePath: String, dir: String,
                        ops: [WireOperation], hallId: String, token: String) async throws -> String {
        let runPath = dir + "/sync-run.sqlite"
        var pushMs: [Double] = [], wallMs: [Double] = [], rss: [Int] = [], idleRss: [Int] = [], rawMs: [Double] = []
        for r in 0..<SyncBench.backlogRuns {
            try await reset(raw)
            BenchHall.fresh(runPath)
            try FileManager.default.copyItem(atPath: storePath, toPath: runPath)
            let args = ["sync-client", "--store", runPath, "--url", server.baseURL]
            let t0 = monoNanos()
            let child = try SyncSupport.spawnSelf(args, env: ["YICHUANG_STATION_TOKEN": token])
            wallMs.append(msSince(t0))
            let f = child.output.split(whereSeparator: \.isWhitespace).map(String.init)
            guard child.status == 0, f.count == 5, f[0] == "pushed", Int(f[1]) == Int(ops.last!.seq) else {
                throw StoreError.internalError("sync-client failed (status \(child.status)): \(child.output)")
            }
            pushMs.append(Double(f[3]) ?? .nan); rss.append(Int(f[4]) ?? -1)
            let stored = try await raw.count("operation")
            precondition(stored == ops.count, "server stored \(stored) of \(ops.count)")
            let idle = try SyncSupport.spawnSelf(args, env: ["YICHUANG_STATION_TOKEN": token])
            let g = idle.output.split(whereSeparator: \.isWhitespace)
            guard idle.status == 0, g.count == 5 else { throw StoreError.internalError("idle sync-client failed: \(idle.output)") }
            idleRss.append(Int(g[4]) ?? -1)
            let t1 = monoNanos()
            for start in stride(from: 0, to: ops.count, by: 500) { try await raw.insert(ops[start..<min(start + 500, ops.count)], hallId: hallId) }
            rawMs.append(msSince(t1))
            log("sync backlog run \(r + 1): pushAll \(ms(pushMs.last!)), peak RSS \(SyncSupport.mb(rss.last!)) (idle \(SyncSupport.mb(idleRss.last!))), raw \(ms(rawMs.last!))")
        }
        BenchHall.fresh(runPath)
        let p = SyncSupport.median(pushMs), w = SyncSupport.median(wallMs), b = SyncSupport.median(rawMs)
        let peak = rss.max()!, idle = Int(SyncSupport.median(idleRss.map(Double.init)))
        let timeOK = p <= 30_000, memOK = peak < 100 * 1024
        return """
        ### (2) backlog of \(ops.count) operations, one `SyncClient.pushAll`

        `YichuangBench sync-client` (a process of its own; token in `YICHUANG_STATION_TOKEN`) opens a fresh copy of the store
        and runs one `pushAll` (handshake, batches of 500 read from the outbox, `markAcked` after each answer). Peak memory is
        the child's own VmHWM (`/proc/self/status` just before exit; it starts afresh at exec, so the server is not in it).
        Baselines: the same rows by raw multi-row INSERT (as in (1)), and the same client process run again with nothing left
        to push (start-up, handshake, empty outbox read).

        \(table(["what", "median", "runs", "baseline", "ratio", "target", "result"], [
            ["pushAll time", ms(p), pushMs.map { String(format: "%.1f s", $0 / 1000) }.joined(separator: ", "),
             "raw INSERT \(ms(b))", ratio(p, b), "≤ 30 s", met(timeOK)],
            ["process wall time (spawn → exit)", ms(w), wallMs.map { String(format: "%.1f s", $0 / 1000) }.joined(separator: ", "), "", "", "", ""],
            ["client peak RSS (max of runs)", SyncSupport.mb(peak), rss.map(SyncSupport.mb).joined(separator: ", "),
             "idle round \(SyncSupport.mb(idle))", ratio(Double(peak), Double(idle)), "< 100 MB", met(memOK)],
        ]))
        """
    }
}
