// YichuangBench: release-mode benchmarks (not tests). Each benchmark prints a markdown section
// on stdout (progress on stderr); scripts/bench.sh runs them all and pastes the sections into
// BENCHMARKS.md. Sizes can be lowered with environment variables for a quick look.
import Foundation

let processStart = monoNanos()
let args = CommandLine.arguments
let command = args.count > 1 ? args[1] : "help"
let options = Options(args.dropFirst(2))
let env = ProcessInfo.processInfo.environment

func workDir() -> String {
    let dir = env["BENCH_DIR"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-bench-\(getpid())").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func intEnv(_ name: String, _ d: Int) -> Int { env[name].flatMap(Int.init) ?? d }

func runBenchmark(_ name: String, dir: String) throws -> String {
    switch name {
    case "contention":
        let counts = (env["BENCH_PROCESSES"] ?? "1,4,16,64").split(separator: ",").compactMap { Int($0) }
        return try Contention.run(dir: dir, processCounts: counts, ticketsPerProcess: intEnv("BENCH_TICKETS_PER_PROCESS", 200),
                                 seconds: intEnv("BENCH_SECONDS", 15))
    case "render":
        return try RenderBench.run(dir: dir, iterations: intEnv("BENCH_RENDER_ITERATIONS", 2000))
    case "startup":
        return try StartupBench.run(dir: dir, tickets: intEnv("BENCH_HISTORY_TICKETS", 1_000_000), repeats: intEnv("BENCH_STARTUP_RUNS", 7))
    default:
        fatalError("unknown benchmark \(name)")
    }
}

do {
    switch command {
    case "contention", "render", "startup":
        let dir = workDir()
        print(try runBenchmark(command, dir: dir))
        if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    case "catalog": let dir = workDir(); print(try CatalogBench.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    case "cases": let dir = workDir(); print(try CasesBench.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    case "printing": let dir = workDir(); print(try PrintingBench.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    case "ratings": let dir = workDir(); print(try RatingsBench.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    // Needs PostgreSQL from the libpq variables: `scripts/pg-temp.sh .build-bench/release/YichuangBench sync`.
    case "sync": let dir = workDir(); print(try SyncBench.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    // Also PostgreSQL: `scripts/pg-temp.sh .build-bench/release/YichuangBench sync-scale` (a cluster of its own).
    case "sync-scale": let dir = workDir(); print(try SyncScale.run(dir: dir)); if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    case "all":
        let dir = workDir()
        for name in ["render", "startup", "contention"] { print(try runBenchmark(name, dir: dir)) }
        if env["BENCH_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    // Worker modes: started by the benchmarks themselves, one fresh process each.
    case "worker-call": try Contention.workerCall(options)
    case "worker-raw": Contention.workerRaw(options)
    case "worker-startup": try StartupBench.worker(options, processStart: processStart)
    case "worker-ncurses": try NcursesBench.worker(options)
    case "worker-pad": try RatingsBench.worker(options)
    case "sync-client": try SyncClientWorker.run(options)
    default:
        print("usage: YichuangBench contention | render | startup | catalog | cases | printing | ratings | sync | sync-scale | all")
        print("  env: BENCH_PROCESSES=1,4,16,64 BENCH_TICKETS_PER_PROCESS=200 BENCH_SECONDS=15 BENCH_RENDER_ITERATIONS=2000")
        print("       BENCH_HISTORY_TICKETS=1000000 BENCH_STARTUP_RUNS=7 BENCH_CATALOG_MATTERS=5000")
        print("       BENCH_CASES=1000000 BENCH_CASES_ROUNDS=200 BENCH_PRINT_ROUNDS=100 BENCH_RATINGS=1000000 BENCH_RATING_ROUNDS=50 BENCH_DIR=/path (kept afterwards)")
        print("       sync (inside scripts/pg-temp.sh): BENCH_SYNC_OPS=20000 BENCH_SYNC_BACKLOG=100000 BENCH_SYNC_STATIONS=500 BENCH_SYNC_RUNS=3 BENCH_SYNC_BACKLOG_RUNS=3")
        print("       sync-scale (inside scripts/pg-temp.sh): BENCH_SCALE_HALLS=50000 BENCH_SCALE_OPS_PER_DAY=100 BENCH_SCALE_SECONDS=20 BENCH_SCALE_CONCURRENCY=64 BENCH_SCALE_DASHBOARD_RUNS=7")
    }
} catch {
    log("YichuangBench \(command): \(String(reflecting: error))")
    exit(1)
}
