import Foundation
import XCTest
@_spi(StoreInternals) @testable import HallStore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16 defect 1: the store holds PIN hashes and ID numbers, so it must never be readable by
/// other local users, whatever umask the process was started with.
final class StoreFileModeTests: XCTestCase {
    private var root: URL!
    private var savedUmask: mode_t = 0

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        savedUmask = umask(0o022)   // the usual login umask: files 0644, folders 0755
    }

    override func tearDownWithError() throws {
        umask(savedUmask)
        try? FileManager.default.removeItem(at: root)
    }

    func testNewStoreFolderIs0700AndItsFiles0600UnderUmask022() throws {
        let dir = root.appendingPathComponent("home/data")
        let path = dir.appendingPathComponent("hall.sqlite").path
        let store = try HallStore(path: path)
        try store.pool.write { db in try db.execute(sql: "CREATE TABLE probe (x); INSERT INTO probe VALUES (1)") }

        XCTAssertEqual(try mode(root.appendingPathComponent("home").path), 0o700)
        XCTAssertEqual(try mode(dir.path), 0o700)
        for file in [path, path + "-wal", path + "-shm"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), file)
            XCTAssertEqual(try mode(file), 0o600, file)
        }
        XCTAssertEqual(store.permissionWarnings, [])
    }

    func testExistingLooseStoreIsTightenedOnOpen() throws {
        let path = root.appendingPathComponent("hall.sqlite").path
        do { _ = try HallStore(path: path) }   // created and closed again
        chmod(path, 0o644)
        FileManager.default.createFile(atPath: path + "-wal", contents: nil)   // a leftover, loose
        chmod(path + "-wal", 0o666)

        let store = try HallStore(path: path, readOnly: true)
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(try mode(path + "-wal"), 0o600)
        XCTAssertEqual(store.permissionWarnings, [])
    }

    func testAnExistingSharedFolderIsLeftAlone() throws {
        chmod(root.path, 0o755)
        _ = try HallStore(path: root.appendingPathComponent("hall.sqlite").path)
        XCTAssertEqual(try mode(root.path), 0o755, "a folder the store did not create is not the store's to change")
        XCTAssertEqual(try mode(root.appendingPathComponent("hall.sqlite").path), 0o600)
    }

    private func mode(_ path: String) throws -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw NSError(domain: "stat", code: Int(errno)) }
        return st.st_mode & 0o7777
    }
}
