import Foundation
import Logging
import PostgresNIO

/// Where the central PostgreSQL is. Read from the libpq variables (PGHOST, PGPORT, PGUSER,
/// PGPASSWORD, PGDATABASE) so an administrator's `psql` settings work unchanged; a PGHOST that
/// starts with "/" is a unix-socket directory, as with libpq.
public struct CentralDatabaseConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    public init(host: String = "127.0.0.1", port: Int = 5432, user: String = "yichuang", password: String? = nil,
                database: String = "yichuang") {
        self.host = host; self.port = port; self.user = user; self.password = password; self.database = database
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        CentralDatabaseConfig(host: env["PGHOST"] ?? "127.0.0.1", port: Int(env["PGPORT"] ?? "") ?? 5432,
                              user: env["PGUSER"] ?? "yichuang", password: env["PGPASSWORD"],
                              database: env["PGDATABASE"] ?? "yichuang")
    }

    public var clientConfiguration: PostgresClient.Configuration {
        if host.hasPrefix("/") {
            return .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        return .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }

    public var description: String { host.hasPrefix("/") ? "\(user)@\(database) (socket \(host), port \(port))" : "\(user)@\(host):\(port)/\(database)" }
}

