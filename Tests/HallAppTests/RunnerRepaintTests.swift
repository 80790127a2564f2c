import Foundation
import HallCore
import TerminalUI
import XCTest
@testable import HallApp

/// A backend that counts full repaints asked for, over the in-memory one.
final class RepaintCountingBackend: Backend {
    let inner: TextBackend
    private(set) var invalidations = 0
    init(width: Int, height: Int) { inner = TextBackend(width: width, height: height) }
    var size: (width: Int, height: Int) { inner.size }
    func start() throws { try inner.start() }
    func stop() { inner.stop() }
    func present(_ buffer: ScreenBuffer) { inner.present(buffer) }
    func readKey(timeoutMilliseconds: Int) -> Key? { inner.readKey(timeoutMilliseconds: timeoutMilliseconds) }
    func bell() { inner.bell() }
    func invalidate() { invalidations += 1 }
}

/// Issue 11 leftovers: a stale frame was seen after changing screens, and a choice dialog over a
/// text field left the terminal's cursor blinking in the field behind it.
final class RunnerRepaintTests: XCTestCase {
    func testPushingAndPoppingAScreenRepaintsTheWholeTerminal() throws {
        let f = try AppFixture()
        let backend = RepaintCountingBackend(width: 80, height: 24)
        let r = AppRunner(backend: backend, screen: try f.console(window: 1, clerk: "1001"), watcher: nil, hallName: "大厅",
                          clock: f.clock, calendar: f.calendar, inline: true)
        let before = backend.invalidations
        r.feed(.character("c"))                              // 办件查询 above the console
        XCTAssertTrue(r.currentScreen is CaseListScreen)
        XCTAssertEqual(backend.invalidations, before + 1, "push repaints")
        r.feed(.escape)
        XCTAssertEqual(backend.invalidations, before + 2, "pop repaints")
    }

    func testAChoiceDialogTakesTheCursorAwayFromTheFieldBehindIt() {
        var buffer = ScreenBuffer(width: 80, height: 24)
        var field = TextField(text: "王秀兰", maxLength: 20)
        _ = field.render(x: 1, y: 1, width: 20, focused: true, into: &buffer)
        XCTAssertNotNil(buffer.cursor, "a focused field places the cursor")
        ChoiceDialog(title: "受理决定", options: ["受理", "不予受理"]).render(in: buffer.bounds, into: &buffer)
        XCTAssertNil(buffer.cursor, "typing does not go to the field behind the dialog")
    }
}
