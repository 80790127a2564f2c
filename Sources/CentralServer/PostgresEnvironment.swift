import Foundation
import Logging
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// libpq's TLS and password-file variables, so the centre connects as `psql` would with the same
/// environment (issue 17): PGSSLMODE, PGSSLROOTCERT, PGPASSFILE.
public enum PostgresSSLMode: String, Sendable, CaseIterable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"
}

public struct PostgresEnvironmentError: Error, LocalizedError, Equatable {
    public var errorDescription: String?
    init(_ text: String) { errorDescription = text }
}

extension CentralDatabaseConfig {
    /// The TLS postgres-nio uses for this mode, as libpq means it: `allow` and `prefer` try TLS
    /// and fall back to plain, `require` encrypts without checking the certificate, `verify-ca`
    /// checks it against the root certificate, `verify-full` the host name too. (`allow` tries
    /// plain first in libpq; postgres-nio can only try TLS first, which is the safer order.)
    func tlsConfiguration() throws -> PostgresClient.Configuration.TLS {
        let (kind, tls) = try tlsPlan()
        switch kind {
        case .disable: return .disable
        case .prefer: return .prefer(tls)
        case .require: return .require(tls)
        }
    }

    enum TLSKind { case disable, prefer, require }

    func tlsPlan() throws -> (TLSKind, TLSConfiguration) {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return (.disable, tls)
        case .allow, .prefer, .require:
            tls.certificateVerification = .none
            return (sslMode == .require ? .require : .prefer, tls)
        case .verifyCA, .verifyFull:
            let root = sslRootCert ?? ""
            guard FileManager.default.isReadableFile(atPath: root) else {
                throw PostgresEnvironmentError("PGSSLMODE=\(sslMode.rawValue) 需要根证书，但 \(root.isEmpty ? "PGSSLROOTCERT 未设置" : "\(root) 无法读取")："
                    + "请把 PGSSLROOTCERT 设为签发数据库服务器证书的根证书文件（默认 ~/.postgresql/root.crt）")
            }
            tls.trustRoots = .file(root)
            tls.certificateVerification = sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            return (.require, tls)
        }
    }

    /// Connects once with these settings and closes. The client's pool retries a refused
    /// connection for ever, so a server without TLS under `require`, a certificate that does not
    /// verify or a wrong password is said here, at start, in Chinese.
    public func probe(logger: Logger) async throws {
        let configuration: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let (kind, tls) = try tlsPlan()
            let mode: PostgresConnection.Configuration.TLS
            switch kind {
            case .disable: mode = .disable
            case .prefer: mode = .prefer(try NIOSSLContext(configuration: tls))
            case .require: mode = .require(try NIOSSLContext(configuration: tls))
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: mode)
        }
        do {
            let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                                  configuration: configuration, id: 0, logger: logger).get()
            try await connection.close()
        } catch {
            throw explain(error)
        }
    }

    /// PGSSLMODE (default `prefer`, as libpq) and PGSSLROOTCERT (default ~/.postgresql/root.crt).
    static func sslSettings(_ env: [String: String]) throws -> (PostgresSSLMode, String?) {
        let raw = env["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 } ?? "prefer"
        guard let mode = PostgresSSLMode(rawValue: raw) else {
            throw PostgresEnvironmentError("PGSSLMODE 的值“\(raw.prefix(30))”无效，应为 "
                + PostgresSSLMode.allCases.map(\.rawValue).joined(separator: "、"))
        }
        let root = env["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["HOME"].map { $0 + "/.postgresql/root.crt" }
        return (mode, root)
    }

    /// The password for this connection from PGPASSFILE (default ~/.pgpass), as libpq finds it:
    /// the first line `host:port:database:user:password` whose fields match (`*` matches any,
    /// `\` escapes `:` and `\`). A file others can read is skipped, as libpq does, with a warning.
    static func passwordFromFile(_ env: [String: String], host: String, port: Int, database: String, user: String)
        -> (password: String?, warning: String?) {
        guard let path = env["PGPASSFILE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? env["HOME"].map({ $0 + "/.pgpass" }) else { return (nil, nil) }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return (nil, nil) }
        if st.st_mode & 0o077 != 0 {
            return (nil, "密码文件 \(path) 的权限为 \(String(st.st_mode & 0o777, radix: 8))，其他用户可读，已忽略（与 libpq 相同）：请 chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return (nil, nil) }
        // libpq matches a socket in the default folder as "localhost", another folder literally.
        let hostKey = host == "/var/run/postgresql" || host == "/run/postgresql" ? "localhost" : host
        let wanted = [hostKey, String(port), database, user]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let l = line.hasSuffix("\r") ? line.dropLast() : line
            if l.hasPrefix("#") { continue }
            let fields = splitPassLine(String(l))
            guard fields.count >= 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return (fields[4...].joined(separator: ":"), nil)
            }
        }
        return (nil, nil)
    }

    static func splitPassLine(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}

extension CentralDatabaseConfig {
    /// A connection failure that the TLS settings explain, in Chinese; anything else unchanged.
    public func explain(_ error: Error) -> Error {
        guard let e = error as? PSQLError else { return error }
        if e.code == .sslUnsupported {
            return PostgresEnvironmentError("数据库服务器 \(description) 不支持 SSL，而 PGSSLMODE=\(sslMode.rawValue) 要求加密连接：请在 PostgreSQL 上开启 ssl，或改用 PGSSLMODE=prefer")
        }
        return error
    }
}
