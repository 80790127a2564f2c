import Foundation
import XCTest
@testable import CentralServer

/// Issue 17 point 2: the centre honours libpq's PGSSLMODE, PGSSLROOTCERT and PGPASSFILE (TLS to
/// PostgreSQL was hard-coded off and a password file was never read).
final class PostgresEnvironmentTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yc-pgenv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func passfile(_ text: String, mode: Int = 0o600) throws -> String {
        let p = dir.appendingPathComponent("pgpass").path
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return p
    }

    func testPasswordComesFromPGPASSFILEAsLibpqMatchesIt() throws {
        let file = try passfile("""
            # comment
            db.example:5432:other:yichuang:wrong
            db.example:5432:yichuang:yichuang:pa\\:ss\\\\word:tail
            *:*:*:*:fallback

            """)
        let env = ["PGHOST": "db.example", "PGPASSFILE": file, "PGUSER": "yichuang", "PGDATABASE": "yichuang"]
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment(env).password, "pa:ss\\word:tail")
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment(env.merging(["PGDATABASE": "x"]) { $1 }).password, "fallback")
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment(env.merging(["PGPASSWORD": "given"]) { $1 }).password, "given",
                       "PGPASSWORD wins, as in libpq")
        // ~/.pgpass when PGPASSFILE is unset.
        let home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: file, toPath: home.appendingPathComponent(".pgpass").path)
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment(["PGHOST": "db.example", "HOME": home.path, "PGUSER": "yichuang",
                                                                  "PGDATABASE": "yichuang"]).password, "pa:ss\\word:tail")
    }

    func testAPasswordFileOthersCanReadIsIgnoredWithAWarning() throws {
        let file = try passfile("*:*:*:*:secret\n", mode: 0o644)
        let c = try CentralDatabaseConfig.fromEnvironment(["PGPASSFILE": file])
        XCTAssertNil(c.password)
        XCTAssertEqual(c.warnings.count, 1)
        XCTAssertTrue(c.warnings[0].contains("其他用户可读") && c.warnings[0].contains("chmod 600"), c.warnings[0])
    }

    func testSSLModeIsReadAndCheckedAsLibpqDoes() throws {
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment([:]).sslMode, .prefer, "libpq's default")
        XCTAssertEqual(try CentralDatabaseConfig.fromEnvironment(["PGSSLMODE": "require"]).sslMode, .require)
        XCTAssertThrowsError(try CentralDatabaseConfig.fromEnvironment(["PGSSLMODE": "yes"])) { e in
            XCTAssertTrue(e.localizedDescription.contains("PGSSLMODE 的值“yes”无效"), e.localizedDescription)
        }
        XCTAssertThrowsError(try CentralDatabaseConfig.fromEnvironment(["PGSSLMODE": "verify-full", "HOME": dir.path])) { e in
            XCTAssertTrue(e.localizedDescription.contains("需要根证书") && e.localizedDescription.contains("root.crt"), e.localizedDescription)
        }
        let root = dir.appendingPathComponent("root.crt").path
        XCTAssertThrowsError(try CentralDatabaseConfig.fromEnvironment(["PGSSLMODE": "verify-ca", "PGSSLROOTCERT": root])) { e in
            XCTAssertTrue(e.localizedDescription.contains(root), e.localizedDescription)
        }
        // postgres-nio's TLS has no public accessors: its description names the case.
        func tls(_ mode: PostgresSSLMode) throws -> String { "\(try CentralDatabaseConfig(sslMode: mode).tlsConfiguration())" }
        let (req, pre, dis) = (try tls(.require), try tls(.prefer), try tls(.disable))
        XCTAssertTrue(req.contains("require("), req)
        XCTAssertTrue(pre.contains("prefer("), pre)
        XCTAssertTrue(dis.contains("disable"), dis)
    }

    /// The tests' cluster has no TLS: `require` must refuse to talk to it in plain text (the old
    /// code connected anyway), `prefer` falls back to plain.
    func testRequireRefusesAServerWithoutTLSAndPreferFallsBack() async throws {
        let h = try XCTUnwrap(try? Crash())
        defer { h.cleanUp() }
        try await CentralFixture.run { f in
            let pg = try TestPostgres.shared.get()
            let env = ["PGHOST": "127.0.0.1", "PGPORT": "\(pg.port)", "PGUSER": "yichuang", "PGDATABASE": f.database,
                       "YICHUANG_HOME": h.dir.path]
            let refused = try h.spawn(["central-token", "--role", "metrics", "--label", "tls-test"],
                                      env: env.merging(["PGSSLMODE": "require"]) { $1 }, name: "require")
            XCTAssertEqual(refused.waitFor(limit: 60), 1, refused.log)
            XCTAssertTrue(refused.log.contains("不支持 SSL") && refused.log.contains("PGSSLMODE=require"), refused.log)
            let plain = try h.spawn(["central-token", "--role", "metrics", "--label", "tls-test"],
                                    env: env.merging(["PGSSLMODE": "prefer"]) { $1 }, name: "prefer")
            XCTAssertEqual(plain.waitFor(limit: 60), 0, plain.log)
        }
    }
}
