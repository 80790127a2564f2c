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
    /// PGSSLMODE; a socket connection never uses TLS (libpq ignores the mode there too).
    public var sslMode: PostgresSSLMode
    public var sslRootCert: String?
    /// Said once when the configuration is read (a password file others can read, ignored).
    public var warnings: [String] = []

    public init(host: String = "127.0.0.1", port: Int = 5432, user: String = "yichuang", password: String? = nil,
                database: String = "yichuang", sslMode: PostgresSSLMode = .disable, sslRootCert: String? = nil) {
        self.host = host; self.port = port; self.user = user; self.password = password; self.database = database
        self.sslMode = sslMode; self.sslRootCert = sslRootCert
    }

    /// Throws, in Chinese, for a PGSSLMODE libpq would refuse.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        let (mode, root) = try sslSettings(env)
        var c = CentralDatabaseConfig(host: env["PGHOST"] ?? "127.0.0.1", port: Int(env["PGPORT"] ?? "") ?? 5432,
                                      user: env["PGUSER"] ?? "yichuang", password: env["PGPASSWORD"],
                                      database: env["PGDATABASE"] ?? "yichuang", sslMode: mode, sslRootCert: root)
        if c.password == nil {
            let found = passwordFromFile(env, host: c.host, port: c.port, database: c.database, user: c.user)
            c.password = found.password
            if let w = found.warning { c.warnings.append(w) }
        }
        if !c.host.hasPrefix("/") { _ = try c.tlsConfiguration() }   // a verify mode without its root certificate: say so now
        return c
    }

    public var clientConfiguration: PostgresClient.Configuration {
        if host.hasPrefix("/") {
            return .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        // fromEnvironment checked the root certificate; should it vanish since, the connection
        // fails (a verify mode never falls back to an unchecked one).
        return .init(host: host, port: port, username: user, password: password, database: database,
                     tls: (try? tlsConfiguration()) ?? .require(Self.failClosed))
    }

    static var failClosed: TLSConfiguration {
        var t = TLSConfiguration.makeClientConfiguration()
        t.trustRoots = .certificates([])
        return t
    }

    public var description: String { host.hasPrefix("/") ? "\(user)@\(database) (socket \(host), port \(port))" : "\(user)@\(host):\(port)/\(database)" }
}

