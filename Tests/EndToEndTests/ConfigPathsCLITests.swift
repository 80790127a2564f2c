import Foundation
import XCTest

/// Issue 17 point 2 through the binary: `yichuang config --paths` says which files are read in
/// which order, which exist, and where the data folder and store come from; it needs no store.
final class ConfigPathsCLITests: XCTestCase {
    func testConfigPathsSaysTheOrderAndWhereTheStoreComesFrom() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = try ProcessRunner(dir: dir)
        let system = dir.appendingPathComponent("etc-yichuang.toml")   // what ProcessRunner points YICHUANG_SYSTEM_CONFIG at
        try "[store]\npath = \"/var/lib/yichuang/hall.sqlite\"\n".write(to: system, atomically: false, encoding: .utf8)
        let out = try runner.run(["config", "--paths"])
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("配置文件（依次读取"), out)
        XCTAssertTrue(lines[1].contains("1. \(system.path)") && lines[1].contains("本机") && lines[1].contains("已读取"), out)
        XCTAssertTrue(lines[2].contains("2. \(dir.path)/xdg-config/yichuang/yichuang.toml") && lines[2].contains("不存在"), out)
        XCTAssertTrue(lines[3].contains("3. \(dir.path)/yichuang.toml") && lines[3].contains("数据目录"), out)
        XCTAssertTrue(out.contains("数据目录：\(dir.path)    来自 $YICHUANG_HOME"), out)
        XCTAssertTrue(out.contains("数据库：/var/lib/yichuang/hall.sqlite    来自 \(system.path) [store] path"), out)
        let forced = try runner.run(["config", "--paths", "--store", "/tmp/x.sqlite"])
        XCTAssertTrue(forced.contains("数据库：/tmp/x.sqlite    来自 --store"), forced)
    }
}
