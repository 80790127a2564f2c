import ArgumentParser
import CentralServer
import Foundation
import HallStore
import Hummingbird
import Logging

/// `yichuang central`: the central server. PostgreSQL comes from the libpq variables (PGHOST,
/// PGPORT, PGUSER, PGPASSWORD, PGDATABASE); TLS is left to nginx in front (see README).
struct CentralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central",
        abstract: "运行中心服务器（PostgreSQL 连接取自 PGHOST、PGPORT、PGUSER、PGPASSWORD、PGDATABASE）")
    @Option(help: "监听地址") var host = "127.0.0.1"
    @Option(help: "监听端口") var port = 8080
    @Option(help: "每批最多接收的操作数") var maxBatch = 500
    @Option(help: "可预约的办公时间（北京时间），如 08:30-17:30") var bookingHours = "09:00-17:00"

    func run() throws {
        Self.raiseOpenFileLimit()
        let database: CentralDatabaseConfig
        do { database = try .fromEnvironment() } catch {
            FileHandle.standardError.write(Data("错误：\(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        for w in database.warnings { FileHandle.standardError.write(Data("警告：\(w)\n".utf8)) }
        var settings = CentralSettings(host: host, port: port, database: database, maxBatch: maxBatch)
        guard let hours = CentralSettings.OpeningHours(bookingHours) else {
            FileHandle.standardError.write(Data("错误：办公时间“\(bookingHours)”格式不对，应如 08:30-17:30\n".utf8))
            throw ExitCode(2)
        }
        settings.bookingHours = hours
        let logger = Logger(label: "yichuang.central")
        let central = Central(settings: settings, logger: logger)
        let probeLog = logger
        FileHandle.standardError.write(Data("中心服务器启动：http://\(host):\(port)，数据库 \(settings.database.description)\n".utf8))
        try runReportingErrors {
            do {
                try runBlocking {
                    try await database.probe(logger: probeLog)
                    try await central.run()
                }
            } catch { throw database.explain(error) }
        }
        // Reached only after a graceful stop (SIGTERM/SIGINT): exit status 0.
        FileHandle.standardError.write(Data("中心服务器已停止：进行中的请求均已处理完毕\n".utf8))
    }
}

extension CentralCommand {
    /// Every connection is a descriptor: with the usual soft limit of 1,024, about a thousand
    /// idle or half-open connections left no descriptor for /health or PostgreSQL until the idle
    /// timeout closed them. The soft limit is raised to the hard one (systemd's LimitNOFILE).
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// `yichuang hall-register`: registers a hall with the centre and prints its station token ONCE
/// (only the SHA-256 is stored; a lost token is replaced by registering again).
struct HallRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hall-register",
        abstract: "在中心登记大厅并签发站点令牌（令牌只显示这一次），或吊销其全部令牌",
        discussion: "在中心服务器所在机器上运行；大厅编号见大厅节点上的 `yichuang sync --identity`。")
    @Option(help: "大厅编号（hall_id）") var hallId: String
    @Option(help: "大厅名称") var name: String?
    @Flag(help: "吊销该大厅的全部令牌") var revoke = false

    func run() throws {
        try runReportingErrors {
            guard revoke || name != nil else { throw StoreError.invalidInput("请用 --name 给出大厅名称，或用 --revoke 吊销令牌") }
            if !revoke, let problem = HallRegistry.hallIdProblem(hallId) { throw StoreError.invalidInput(problem) }
            let (hallId, name, revoke) = (self.hallId, self.name, self.revoke)
            try withCentral { central in
                if revoke {
                    let n = try await central.registry.revokeAll(hallId: hallId)
                    print("已吊销大厅 \(hallId) 的 \(n) 个令牌")
                } else {
                    let issued = try await central.registry.register(hallId: hallId, name: name ?? hallId)
                    print("已登记大厅 \(hallId)（\(name ?? hallId)）")
                    print("站点令牌（只显示这一次，请妥善保存到大厅节点的 YICHUANG_STATION_TOKEN）：")
                    print(issued.token)
                }
            }
        }
    }
}

/// `yichuang central-token`: issues a token for the centre's dashboard (admin), the online
/// booking system (booking) or monitoring (metrics), shown once, only its SHA-256 stored; lists
/// every token (station tokens included); revokes one token by its id.
struct CentralTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central-token",
        abstract: "签发中心管理令牌（admin：中心看板、发布目录与日历）、预约系统令牌（booking）或监控令牌（metrics：只读 /metrics）；列出全部令牌；按编号吊销一个令牌",
        discussion: "yichuang central-token --list 列出有效令牌（--all 连同已吊销的）；yichuang central-token --revoke 编号 吊销其中一个，站点令牌也可以。")
    @Option(help: "角色：admin、booking 或 metrics") var role: String = "admin"
    @Option(help: "用途说明，例如“市局监督岗”") var label: String = "token"
    @Option(help: "吊销该编号的令牌（站点令牌或中心令牌，编号见 --list）") var revoke: String?
    @Flag(help: "列出令牌（编号、类别、大厅、用途、签发时间），不签发") var list = false
    @Flag(help: "与 --list 同用：连同已吊销的令牌") var all = false
    @Option(help: "与 --revoke 同用：操作人（记入中心审计，缺省为登录用户名）") var by: String?
    @Option(help: "与 --revoke 同用：吊销原因（记入中心审计）") var reason: String = "吊销令牌"

    func run() throws {
        try runReportingErrors {
            guard let role = ApiRole(rawValue: role) else { throw StoreError.invalidInput("角色只能是 admin、booking 或 metrics") }
            let (label, revoke, list, all, reason) = (self.label, self.revoke, self.list, self.all, self.reason)
            let env = ProcessInfo.processInfo.environment
            let actor = by ?? env["SUDO_USER"] ?? env["USER"] ?? env["LOGNAME"] ?? "unknown"
            try withCentral { central in
                if list {
                    print(Self.table(try await central.registry.listTokens(includeRevoked: all)))
                } else if let revoke {
                    let done = try await central.registry.revokeToken(id: revoke, actor: actor, reason: reason)
                    guard done else { throw StoreError.invalidInput("没有编号为 \(revoke) 的有效令牌（yichuang central-token --list 可查编号）") }
                    print("已吊销令牌 \(revoke)")
                } else {
                    let issued = try await central.registry.issueApiToken(role: role, label: label)
                    print("已签发 \(role.rawValue) 令牌，编号 \(issued.tokenId)")
                    print("令牌（只显示这一次，请妥善保存）：")
                    print(issued.token)
                }
            }
        }
    }

    static func table(_ tokens: [HallRegistry.TokenListing]) -> String {
        guard !tokens.isEmpty else { return "没有令牌" }
        let time = DateFormatter()
        time.locale = Locale(identifier: "zh_CN"); time.timeZone = TimeZone(identifier: "Asia/Shanghai")
        time.dateFormat = "yyyy-MM-dd HH:mm"
        let kinds = ["station": "站点", "admin": "管理", "booking": "预约", "metrics": "监控"]
        var lines = ["编号\t类别\t大厅\t用途\t签发时间\t状态"]
        for t in tokens {
            let hall = t.hallId.map { id in t.hallName.map { "\($0)（\(id)）" } ?? id } ?? "—"
            let state = t.revokedAt.map { "已吊销 " + time.string(from: $0) } ?? "有效"
            lines.append([t.tokenId, kinds[t.kind] ?? t.kind, hall, t.label, time.string(from: t.createdAt), state].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs `body` against the centre's database (from the libpq variables), migrated first.
func withCentral(_ body: @escaping @Sendable (Central) async throws -> Void) throws {
    let config = try CentralDatabaseConfig.fromEnvironment()
    for w in config.warnings { FileHandle.standardError.write(Data("警告：\(w)\n".utf8)) }
    let log = Logger(label: "yichuang.central")
    do { try runBlocking {
        let central = Central(settings: CentralSettings(database: config), logger: log)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // postgres-nio warns when a lease comes before run() has begun: wait for the run task
            // to start rather than hiding warnings with a level fixed here.
            let (started, go) = AsyncStream<Void>.makeStream()
            group.addTask { go.finish(); await central.client.run() }
            for await _ in started {}
            await Task.yield()
            defer { group.cancelAll() }
            try await config.probe(logger: log)
            try await central.migrate()
            try await body(central)
        }
    } } catch { throw config.explain(error) }
}
