import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import SyncProtocol

/// Settings of one central server process.
public struct CentralSettings: Sendable {
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int
    public var database: CentralDatabaseConfig
    public var maxBatch: Int
    /// The schema version this centre speaks; it stores operations of this version and the two
    /// before it, and refuses older clients at the handshake. Settable so tests can play a newer centre.
    public var schemaVersion: Int
    /// A connection that sends nothing (half a request line, or idle between requests) this long
    /// is closed: a flood of half-open connections cannot hold the centre's sockets.
    public var idleTimeout: Duration
    /// A request body not complete after this long is refused (408): a slow body cannot hold a
    /// handler forever. Generous, for a 500-operation batch over a village's slow link.
    public var bodyTimeout: Duration
    /// Bookings must fall on a working day and inside these hours (China time).
    public var bookingHours: OpeningHours = .seedDefault
    public init(host: String = "127.0.0.1", port: Int = 8080, database: CentralDatabaseConfig, maxBatch: Int = 500,
                schemaVersion: Int = SyncPaths.currentSchemaVersion, idleTimeout: Duration = .seconds(10),
                bodyTimeout: Duration = .seconds(120)) {
        self.host = host; self.port = port; self.database = database; self.maxBatch = maxBatch
        self.schemaVersion = schemaVersion; self.idleTimeout = idleTimeout; self.bodyTimeout = bodyTimeout
    }
}

/// The central server: a Hummingbird application whose services include the PostgreSQL client,
/// with the schema migrated before the first request is accepted.
public struct Central: Sendable {
    public let client: PostgresClient
    public let metrics = CentralMetrics()
    public let settings: CentralSettings
    let logger: Logger
    /// Test hook passed to the push ingest (see `PushIngest.afterCommit`).
    public var afterPushCommit: (@Sendable () async throws -> Void)?
    /// Test hook passed to the push ingest (see `PushIngest.beforeCommit`).
    public var beforePushCommit: (@Sendable () async throws -> Void)?

    public init(settings: CentralSettings, logger: Logger = Logger(label: "yichuang.central")) {
        self.settings = settings
        self.logger = logger
        client = PostgresClient(configuration: settings.database.clientConfiguration, backgroundLogger: logger)
    }

    public var registry: HallRegistry { HallRegistry(client: client, logger: logger) }
    /// Drains the dashboard's pending projections after pushes, one drain at a time.
    let projectionKicker = ProjectionKicker()
    var overviewProjector: OverviewProjector { OverviewProjector(client: client, logger: logger) }
    /// Projects every pushed operation still pending into the dashboard's tables (tests, tools).
    @discardableResult
    public func projectPending() async throws -> Int { try await overviewProjector.drain() }

    public func migrate() async throws { try await CentralMigrations.migrate(client, logger: logger) }

    /// Every route the centre answers; the OpenAPI document is checked against this table.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MethodNotAllowedMiddleware())
        CentralRoutes(central: self).add(to: router)
        return router
    }

    public func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = self.router()
        let idle = TimeAmount.nanoseconds(Int64(settings.idleTimeout.components.seconds) * 1_000_000_000
                                          + settings.idleTimeout.components.attoseconds / 1_000_000_000)
        var app = Application(router: router, server: .http1(configuration: .init(idleTimeout: idle)),
                              configuration: .init(address: .hostname(settings.host, port: settings.port),
                                                   serverName: "yichuang-central"),
                              services: [client], onServerRunning: onServerRunning, logger: logger)
        let central = self
        app.beforeServerStarts {
            do { try await central.migrate() } catch {
                central.logger.critical("central migrations failed: \(String(reflecting: error))")
                throw error
            }
        }
        return app
    }

    /// Runs the centre until SIGTERM or SIGINT (swift-service-lifecycle): then it stops taking
    /// connections, lets the requests in flight finish (a push commits or not at all, never
    /// half-way), closes PostgreSQL and returns, so the process exits 0 and systemd sees a clean
    /// stop. A request still running after `grace` is cancelled.
    public func run(grace: Duration = .seconds(60)) async throws {
        // Stopped in reverse order: the projector first (its page finishes while PostgreSQL is
        // still open), then the HTTP server and, inside it, the PostgreSQL client.
        var config = ServiceGroupConfiguration(services: [application(), ProjectorService(kicker: projectionKicker, logger: logger)],
                                               gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        config.maximumGracefulShutdownDuration = grace
        try await ServiceGroup(configuration: config).run()
    }
}

/// The background projector's part in the centre's lifecycle: it runs until graceful shutdown,
/// then lets the page being projected commit and starts no other.
struct ProjectorService: Service {
    let kicker: ProjectionKicker
    let logger: Logger
    func run() async throws {
        try? await gracefulShutdown()
        logger.notice("正在停止：等待进行中的看板投影提交")
        await kicker.close()
    }
}
