import Foundation
import XCTest
@testable import TerminalUI

/// Golden-file tests: a composed screen rendered at the supported sizes and compared with
/// Golden/<name>.txt. Run with UPDATE_GOLDEN=1 to (re)write the files after an intended change,
/// then review the diff. Files are found relative to this source file (#filePath), not through
/// Bundle.module: this test target declares no resources.
final class GoldenTests: XCTestCase {
    func testComposedScreen80x24() throws {
        try assertGolden(composedScreen(width: 80, height: 24), named: "composed-80x24")
    }

    func testComposedScreen120x40() throws {
        try assertGolden(composedScreen(width: 120, height: 40), named: "composed-120x40")
    }

    func testMinimumSize60x20() throws {
        var buffer = ScreenBuffer(width: 60, height: 20)
        MinimumSize.render(into: &buffer)
        try assertGolden(buffer, named: "minimum-size-60x20")
    }

    /// A window-clerk style screen: title bar, call board in big letters, a queue table with
    /// Chinese content in a box, a help dialog and the key bar.
    private func composedScreen(width: Int, height: Int) -> ScreenBuffer {
        let backend = TextBackend(width: width, height: height)
        var b = ScreenBuffer(width: backend.size.width, height: backend.size.height)
        let (titleRow, rest) = b.bounds.splitTop(1)
        let (body, keyRow) = rest.splitBottom(1)
        b.fill(titleRow, style: .title)
        b.put(" 政务服务中心 · 3号窗口", x: 0, y: 0, style: .title)
        b.put(pad("2024-05-20 09:30", toWidth: 16, align: .right), x: width - 17, y: 0, style: .title)

        let call = "A001 → 3号窗口"
        let callWidth = BigText.width(of: call)
        BigText.render(call, x: max(0, (width - callWidth) / 2), y: body.y + 1, into: &b)

        let tableBox = Rect(x: body.x, y: body.y + 7, width: body.width, height: body.height - 7)
        Box.render(tableBox, title: "等候队列", into: &b)
        let columns = [
            TableColumn("号码", width: 6), TableColumn("事项", width: 24), TableColumn("姓名", width: 10),
            TableColumn("等待", width: 8, align: .right), TableColumn("状态", width: 10, align: .center),
        ]
        let rows = [
            ["A001", "社会保障卡申领", "张三", "3分钟", "办理中"],
            ["A002", "不动产登记（二手房转移）", "李四", "12分钟", "等候"],
            ["B015", "营业执照变更登记Ａ类事项很长很长", "欧阳娜娜", "25分钟", "等候"],
            ["C003", "户籍证明", "王\u{1b}[31m五", "40分钟", "过号"],
        ]
        Table.render(columns: columns, rows: rows, selected: 1, in: tableBox.inset(by: 1), into: &b,
                     rowStyles: [3: .muted])

        if height >= 30 {
            MessageBox.render(title: "帮助", lines: ["F2 叫号：呼叫下一位办事群众。", "F3 重呼，F4 过号，Esc 返回。"],
                              in: body, into: &b)   // a dialog overlays the screen
        }
        KeyBar.render([KeyBarItem("F1", "帮助"), KeyBarItem("F2", "叫号"), KeyBarItem("F3", "重呼"),
                       KeyBarItem("F4", "过号"), KeyBarItem("F5", "转办"), KeyBarItem("Esc", "返回"),
                       KeyBarItem("F10", "退出")], y: keyRow.y, into: &b)
        backend.present(b)
        return backend.lastFrame!
    }

    private func assertGolden(_ buffer: ScreenBuffer, named name: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name + ".txt")
        let actual = buffer.text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(url.path); run with UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            XCTFail("""
                \(name) differs from golden at line \(firstDiff + 1):
                expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<none>")
                actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<none>")
                (UPDATE_GOLDEN=1 rewrites the golden files)
                """, file: file, line: line)
        }
    }
}
