import Foundation
import XCTest
@testable import HallApp

/// Issue 17 point 2: the node's /etc/yichuang/yichuang.toml, then the user's
/// $XDG_CONFIG_HOME/yichuang/yichuang.toml, then the data folder's, each overriding the one before
/// key by key; the data folder from $YICHUANG_HOME, systemd's $STATE_DIRECTORY, $XDG_DATA_HOME.
final class ConfigPathsTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ text: String, _ relative: String) throws -> String {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    func testNodeThenUserThenDataFolderEachOverridingKeyByKey() throws {
        let system = try write("[store]\npath = \"/var/lib/yichuang/hall.sqlite\"\n[board]\nvoice_repeat = 3\nvoice_max_age = 40\n", "etc/yichuang.toml")
        _ = try write("[board]\nvoice_repeat = 4\n", "xdg/yichuang/yichuang.toml")
        _ = try write("[terminal]\nname = \"3号窗口终端\"\n", "home/yichuang.toml")
        let env = ["HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path,
                   "YICHUANG_HOME": dir.appendingPathComponent("home").path]
        let c = try AppConfig.load(environment: env, systemConfig: system)
        XCTAssertEqual(c.storePath, "/var/lib/yichuang/hall.sqlite", "from the node's file")
        XCTAssertEqual(c.storeOrigin, "\(system) [store] path")
        XCTAssertEqual(c.voiceRepeat, 4, "the user's file overrides the node's")
        XCTAssertEqual(c.voiceMaxAge, 40, "keys the user's file does not set stay the node's")
        XCTAssertEqual(c.terminal, "3号窗口终端")
        XCTAssertEqual(c.sources.map(\.state), [.read, .read, .read])
        XCTAssertEqual(c.sources.map(\.path), [system, dir.path + "/xdg/yichuang/yichuang.toml", dir.path + "/home/yichuang.toml"])
        // The environment comes last.
        let e = try AppConfig.load(environment: env.merging(["YICHUANG_STORE": "/srv/h.sqlite"]) { $1 }, systemConfig: system)
        XCTAssertEqual(e.storePath, "/srv/h.sqlite"); XCTAssertEqual(e.storeOrigin, "$YICHUANG_STORE")
    }

    func testTheSystemFileComesFromTheEnvironmentOnlyWhenAsked() throws {
        let system = try write("[store]\npath = \"/data/hall.sqlite\"\n", "other/yichuang.toml")
        let c = try AppConfig.load(environment: ["HOME": dir.path, "YICHUANG_HOME": dir.path, "YICHUANG_SYSTEM_CONFIG": system])
        XCTAssertEqual(c.storePath, "/data/hall.sqlite")
        XCTAssertEqual(c.sources.first?.path, system)
        let d = try AppConfig.load(environment: ["HOME": dir.path, "YICHUANG_HOME": dir.path])
        XCTAssertEqual(d.sources.first?.path, "/etc/yichuang/yichuang.toml")
    }

    func testUserFileDefaultsToDotConfigAndMissingFilesAreSaidSo() throws {
        let c = try AppConfig.load(environment: ["HOME": dir.path], systemConfig: dir.path + "/none.toml")
        XCTAssertEqual(c.sources.map(\.path), [dir.path + "/none.toml", dir.path + "/.config/yichuang/yichuang.toml",
                                               dir.path + "/.local/share/yichuang/yichuang.toml"])
        XCTAssertEqual(c.sources.map(\.state), [.missing, .missing, .missing])
    }

    func testAnErrorNamesTheFileThatSetTheBadValue() throws {
        let system = try write("[board]\nvoice_repeat = 2\n", "etc/yichuang.toml")
        let user = try write("# 用户设置\n\n[board]\nvoice_repeat = 9\n", "xdg/yichuang/yichuang.toml")
        let env = ["HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path, "YICHUANG_HOME": dir.path]
        XCTAssertThrowsError(try AppConfig.load(environment: env, systemConfig: system)) { e in
            XCTAssertEqual(e.localizedDescription, "配置文件 \(user) 第 4 行：[board] voice_repeat 应为 1～5 的整数（每次叫号播报几遍），现为 9")
        }
    }

    func testDataFolderOrder() throws {
        let home = dir.path
        func data(_ env: [String: String]) -> String { AppConfig.dataHome(environment: env.merging(["HOME": home]) { $1 }).0.path }
        XCTAssertEqual(data([:]), home + "/.local/share/yichuang")
        XCTAssertEqual(data(["XDG_DATA_HOME": "/srv/data"]), "/srv/data/yichuang")
        XCTAssertEqual(data(["XDG_DATA_HOME": "relative/data"]), home + "/.local/share/yichuang", "a relative XDG path is ignored")
        XCTAssertEqual(data(["XDG_DATA_HOME": "/srv/data", "STATE_DIRECTORY": "/var/lib/yichuang"]), "/var/lib/yichuang")
        XCTAssertEqual(data(["STATE_DIRECTORY": "/var/lib/yichuang:/var/lib/other"]), "/var/lib/yichuang")
        XCTAssertEqual(data(["YICHUANG_HOME": "/opt/hall", "STATE_DIRECTORY": "/var/lib/yichuang"]), "/opt/hall")
        let c = try AppConfig.load(environment: ["HOME": home, "STATE_DIRECTORY": dir.path + "/state"], systemConfig: home + "/none.toml")
        XCTAssertEqual(c.storePath, dir.path + "/state/hall.sqlite")
    }
}
