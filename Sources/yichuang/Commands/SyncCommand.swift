import ArgumentParser
import Foundation
import HallStore
import Logging
import ServiceLifecycle
import SyncClient

/// `yichuang sync`: pushes this node's outbox to the centre, forever, with backoff. One per node:
/// a lock file beside the store refuses a second. The token comes from YICHUANG_STATION_TOKEN or
/// standard input, never the command line (argv is visible to every user in `ps`).
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync",
        abstract: "与中心同步：上传本节点的待同步操作（令牌取自 YICHUANG_STATION_TOKEN 或标准输入）")
    @OptionGroup var options: StoreOptions
    @Option(help: "中心地址，如 https://central.example.gov.cn（默认 $YICHUANG_CENTRAL_URL）") var central: String?
    @Flag(help: "只同步一轮后退出") var once = false
    @Flag(help: "只显示本节点的大厅编号和设备编号") var identity = false
    @Flag(help: "允许以明文 http 连接非本机的中心（令牌和个人信息将不加密传送，只应在封闭专网内使用）") var insecureHttp = false

    func run() throws {
        try runReportingErrors {
            let (store, config) = try options.open()
            if identity {
                let id = try store.syncIdentity()
                print("大厅编号：\(id.hallId)\n设备编号：\(id.deviceId)")
                return
            }
            let env = ProcessInfo.processInfo.environment
            guard let url = central ?? env["YICHUANG_CENTRAL_URL"], !url.isEmpty else {
                throw StoreError.invalidInput("请用 --central 或 YICHUANG_CENTRAL_URL 给出中心地址")
            }
            let warning = try Self.checkTransport(url, allowPlain: insecureHttp)
            if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            let token = env["YICHUANG_STATION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (readLine(strippingNewline: true) ?? "")
            guard !token.isEmpty else { throw StoreError.invalidInput("缺少站点令牌：请设置 YICHUANG_STATION_TOKEN") }
            guard let lock = try NodeLock(path: config.storePath + ".sync.lock") else {
                throw StoreError.invalidInput("本节点已有一个 yichuang sync 在运行（锁文件 \(config.storePath).sync.lock）")
            }
            let logger = Logger(label: "yichuang.sync")
            logger.debug("sync starting", metadata: ["central": "\(url)", "store": "\(config.storePath)", "once": "\(once)"])
            let log = logger
            let client = SyncClient(store: store, transport: HTTPSyncTransport(baseURL: url), token: token, logger: logger)
            let puller = PullClient(store: store, transport: HTTPSyncTransport(baseURL: url), token: token, logger: logger)
            let once = self.once
            try runBlocking {
                withExtendedLifetime(lock) {}
                if once {
                    let (s, pulled) = try await SyncLoop.round(client, puller: puller)
                    print("同步完成：中心已确认至第 \(s.ackedThroughSeq) 号，本次新增 \(s.counts[.applied] ?? 0) 条，重复 \(s.counts[.duplicate] ?? 0) 条，隔离 \((s.counts[.quarantined] ?? 0) + (s.counts[.conflict] ?? 0)) 条；下载参考数据 \(pulled.values.reduce(0, +)) 条")
                    if let alert = s.auditAlert { FileHandle.standardError.write(Data("警告：\(alert)\n".utf8)) }
                } else {
                    FileHandle.standardError.write(Data("同步已启动：\(url)（Ctrl-C 或 SIGTERM 停止：先完成当前一批）\n".utf8))
                    // SIGTERM (systemctl stop) and SIGINT end the loop between batches; a batch
                    // still unanswered after the grace period is cancelled (the centre's
                    // transaction is all or nothing, and an unanswered batch is resent).
                    let loop = SyncLoop(client: client, puller: puller, logger: log)
                    var group = ServiceGroupConfiguration(services: [loop], gracefulShutdownSignals: [.sigterm, .sigint], logger: log)
                    group.maximumGracefulShutdownDuration = .seconds(60)
                    try await ServiceGroup(configuration: group).run()
                }
                withExtendedLifetime(lock) {}
            }
        }
    }
}

extension SyncCommand {
    /// The station token and applicants' data travel with every request: over plain http to
    /// another machine anyone on the path reads them. Loopback (an nginx on the node, or tests)
    /// is fine; any other http is refused unless the operator insists, and then warned loudly.
    static func checkTransport(_ url: String, allowPlain: Bool) throws -> String? {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), let host = u.host, !host.isEmpty else {
            throw StoreError.invalidInput("中心地址“\(url)”格式不对，应如 https://central.example.gov.cn")
        }
        switch scheme {
        case "https": return nil
        case "http":
            let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
            if loopback { return nil }
            guard allowPlain else {
                throw StoreError.invalidInput("拒绝以明文 http 连接中心 \(host)：站点令牌和个人信息会被途中截获。请改用 https（中心前置 nginx 提供 TLS）；确在封闭专网内时可加 --insecure-http")
            }
            return "警告：正以明文 http 连接中心 \(host)，站点令牌和个人信息未加密，只应在封闭专网内这样做"
        default:
            throw StoreError.invalidInput("中心地址只支持 https://（或本机的 http://），收到“\(scheme)”")
        }
    }
}
