import Foundation
import HallStore
import Logging
import SyncClient

/// `YichuangBench sync-client --store PATH --url URL` (token in YICHUANG_STATION_TOKEN, as for
/// `yichuang sync`): one `SyncClient.pushAll` round in a process of its own, so its peak memory
/// is the client's alone. Prints "pushed <acked> <batches> <ms> <VmHWM KiB>".
enum SyncClientWorker {
    static func run(_ o: Options) throws {
        let store = try HallStore(path: o.string("store"))
        let token = env["YICHUANG_STATION_TOKEN"] ?? ""
        var logger = Logger(label: "bench.sync-client")
        logger.logLevel = .error
        let client = SyncClient(store: store, transport: HTTPSyncTransport(baseURL: o.string("url")), token: token, logger: logger)
        let t0 = monoNanos()
        let summary = try SyncSupport.blocking { try await client.pushAll() }
        let took = msSince(t0)
        print("pushed \(summary.ackedThroughSeq) \(summary.batches) \(took) \(SyncSupport.selfHighWaterKiB())")
        fflush(nil)
    }
}
