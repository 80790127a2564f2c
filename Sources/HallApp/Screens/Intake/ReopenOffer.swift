import Foundation
import HallCore
import HallStore
import TerminalUI

/// 未完成的办件: a window signed in again after its process died (a crash, kill -9, a pulled
/// cable) offers the clerk's open case before the console, so the applicant at the counter is
/// not asked everything twice. Nothing open: the console comes up at once.
public enum ReopenOffer: ScreenModel {
    public struct State {
        let clerkNumber: String
        let window: Int
        var found: OpenCaseRef?
        var message: StatusMessage?
        public init(clerkNumber: String, window: Int) { self.clerkNumber = clerkNumber; self.window = window }
    }

    public enum Command: Sendable { case find(clerkNumber: String, window: Int) }
    public enum Outcome { case found(OpenCaseRef?), failed(String) }
    public enum Destination { case console, `case`(id: String, opening: String) }
    public typealias Effects = [ModelEffect<Command, Destination>]

    enum KeyAction: Sendable { case reopen, later }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.enter], "回车", "继续受理", help: "打开上次未完成的办件，已填的内容都在",
                   unavailable: { $0.found == nil ? "没有未完成的办件" : nil }, action: .reopen),
        KeyCommand([.escape, .function(10)], "Esc", "稍后", help: "先到窗口；办件留在办件查询（C）中，随时可继续", action: .later),
    ])

    public static func title(_ s: State) -> String { "未完成的办件" }
    public static func message(_ s: State) -> StatusMessage? { s.message }
    public static func keyBar(_ s: State) -> [KeyBarItem] { keys.keyBar(s) }
    public static func help(_ s: State) -> [String] { ["上次在本窗口受理的办件还没有作出受理决定（程序曾意外退出）。"] + keys.help }

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started: return [.run(.find(clerkNumber: state.clerkNumber, window: state.window))]
        case .storeChanged, .resumed, .tick, .resize: return []
        case .done(.found(nil)): return [.replace(.console)]
        case .done(.found(let ref?)):
            state.found = ref
            return []
        case .done(.failed):
            // Unreadable: the console comes up as it would have; the case list still finds it.
            return [.replace(.console)]
        case .key(let key):
            switch keys.dispatch(key, state) {
            case .run(.reopen):
                guard let ref = state.found else { return [] }
                return [.replace(.console), .open(.case(id: ref.id, opening: "继续受理 \(ref.caseNumber)：上次填写的内容已保留"))]
            case .run(.later): return [.replace(.console)]
            case .refused(let why): state.message = .error(why); return []
            case .notInTable: return []
            }
        }
    }

    public static func execute(_ desk: IntakeDesk) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .find(let clerk, let window):
                do { return .found(try desk.latestOpenCase(clerkNumber: clerk, window: window)) }
                catch { return .failed(ErrorText.of(error)) }
            }
        }
    }

    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        guard let ref = state.found else {
            buffer.put("正在查找未完成的办件…", x: area.x + 2, y: area.y + 1, maxWidth: area.width - 4, style: .muted)
            return
        }
        let lines = ["本窗口有一件未完成的办件：",
                     "\(ref.caseNumber)" + (ref.applicantName.isEmpty ? "" : "　申请人 \(ref.applicantName)"),
                     "",
                     "回车 继续受理（已填的内容都在）",
                     "Esc 稍后（在办件查询中随时可继续）"]
        let box = area.centered(width: min(area.width - 4, 56), height: lines.count + 4)
        buffer.fill(box)
        Box.render(box, title: "未完成的办件", into: &buffer)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: box.x + 3, y: box.y + 2 + i, maxWidth: box.width - 6, style: i == 1 ? .bold : .plain)
        }
    }
}
