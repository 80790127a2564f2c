import Foundation
import XCTest
@testable import HallApp

/// yichuang.toml read as TOML 1.0 says, checked on the ten files of issue 17 against Python's
/// `tomllib`: six valid files the old subset parser misread or refused, four invalid ones (three
/// of which it accepted). The verdicts below are tomllib's; `testVerdictsAreTomllibs` asks
/// tomllib again, so a wrong recording cannot hide.
final class TOMLConfigTests: XCTestCase {
    /// name, file text, tomllib's table flattened to "section.key" (nil: tomllib refuses it,
    /// then the line it names).
    static let cases: [(name: String, text: String, values: [String: String]?, errorLine: Int?)] = [
        ("escaped_quote", #"""
            [board]
            voice_command = "espeak-ng -v cmn \"{text}\" --stdout"

            """#, ["board.voice_command": #"espeak-ng -v cmn "{text}" --stdout"#], nil),
        ("literal_string", #"""
            [store]
            path = 'C:\data\hall.sqlite'

            """#, ["store.path": #"C:\data\hall.sqlite"#], nil),
        ("backslash_escape", #"""
            [terminal]
            name = "大厅\\三号窗口"

            """#, ["terminal.name": #"大厅\三号窗口"#], nil),
        ("unicode_escape", #"""
            [terminal]
            name = "\u4E09号窗口\U00004E00"

            """#, ["terminal.name": "三号窗口一"], nil),
        ("table_comment", #"""
            [store] # 本机数据库
            path = "/var/lib/yichuang/hall.sqlite"

            """#, ["store.path": "/var/lib/yichuang/hall.sqlite"], nil),
        ("quoted_keys", #"""
            [printers]
            "notice" = "cups:Office_A4"
            'ticket' = "device:/dev/usb/lp0?paper=58mm"

            """#, ["printers.notice": "cups:Office_A4", "printers.ticket": "device:/dev/usb/lp0?paper=58mm"], nil),
        ("duplicate_key", #"""
            [store]
            path = "/a"
            path = "/b"

            """#, nil, 3),
        ("trailing_junk", #"""
            [terminal]
            name = "3号窗口" 终端

            """#, nil, 2),
        ("bare_value", #"""
            [store]
            path = /data/hall.sqlite

            """#, nil, 2),
        ("unterminated_string", #"""
            [board]
            voice_command = "espeak-ng

            """#, nil, 2),
    ]

    func testEachFileReadsAsTomllibReadsIt() throws {
        for c in Self.cases {
            if let values = c.values {
                XCTAssertEqual(try ConfigFile.parse(c.text, name: c.name), values, c.name)
            } else {
                XCTAssertThrowsError(try ConfigFile.parse(c.text, name: c.name), c.name) { error in
                    let e = error as? ConfigFile.ParseError
                    XCTAssertEqual(e?.line, c.errorLine, c.name)
                    XCTAssertNotNil(e?.column, c.name)
                }
            }
        }
    }

    func testErrorsAreChineseAndNameLineAndColumn() throws {
        let messages = Self.cases.filter { $0.values == nil }.map { c -> String in
            do { _ = try ConfigFile.parse(c.text, name: "yichuang.toml"); return "" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(messages, [
            "配置文件 yichuang.toml 第 3 行第 8 列：键或小节重复定义",
            "配置文件 yichuang.toml 第 2 行第 15 列：值后面有多余的内容（注释须以 # 开头）",
            "配置文件 yichuang.toml 第 2 行第 8 列：值无法识别（文字须加引号，如 path = \"/data/hall.sqlite\"）",
            "配置文件 yichuang.toml 第 2 行第 27 列：字符串缺少结束引号（或含有控制字符）",
        ])
    }

    /// A list where a setting is text is refused with the key's line, not silently dropped.
    func testAListValueIsRefusedWithItsKey() {
        XCTAssertThrowsError(try ConfigFile.parse("[printers]\n\nnotice = [\"a\", \"b\"]\n", name: "f")) {
            XCTAssertEqual($0.localizedDescription, "配置文件 f 第 3 行：printers.notice 的值应为字符串、数字或 true/false")
        }
    }

    /// AppConfig takes the decoded values: an escaped quote no longer cuts the voice command short.
    func testAppConfigUsesTheDecodedValues() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("toml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try Self.cases[0].text.appending("[printers]\n'notice' = \"cups:A4\"\n")
            .write(to: home.appendingPathComponent("yichuang.toml"), atomically: true, encoding: .utf8)
        let config = try AppConfig.load(environment: ["YICHUANG_HOME": home.path])
        XCTAssertEqual(config.voiceCommand, #"espeak-ng -v cmn "{text}" --stdout"#)
        XCTAssertEqual(config.printers, ["notice": "cups:A4"])
    }

    /// The recorded verdicts are tomllib's: Python reads each file and prints its flattened
    /// table as JSON, or the line of its error.
    func testVerdictsAreTomllibs() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 is not installed") }
        let script = #"""
            import sys, json, re
            try:
                import tomllib
            except ImportError:
                print("NO-TOMLLIB"); sys.exit(0)
            def flat(t, p=""):
                out = {}
                for k, v in t.items():
                    key = p + "." + k if p else k
                    if isinstance(v, dict): out.update(flat(v, key))
                    else: out[key] = v
                return out
            try:
                print(json.dumps(flat(tomllib.loads(sys.stdin.read())), ensure_ascii=False))
            except tomllib.TOMLDecodeError as e:
                print("ERROR", re.search(r"line (\d+)", str(e)).group(1))
            """#
        for c in Self.cases {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = ["-c", script]
            let input = Pipe(), output = Pipe()
            p.standardInput = input; p.standardOutput = output
            try p.run()
            input.fileHandleForWriting.write(Data(c.text.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let said = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if said == "NO-TOMLLIB" { throw XCTSkip("python3 older than 3.11 has no tomllib") }
            if let values = c.values {
                let decoded = try JSONSerialization.jsonObject(with: Data(said.utf8)) as? [String: String]
                XCTAssertEqual(decoded, values, c.name)
            } else {
                XCTAssertEqual(said, "ERROR \(c.errorLine!)", c.name)
            }
        }
    }
}
