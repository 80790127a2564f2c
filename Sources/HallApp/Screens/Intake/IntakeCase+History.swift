import Foundation
import HallCore
import HallStore
import TerminalUI

/// The history tab (F5, 办理经过): who did what and when, and for each change the old and the new
/// value as the store keeps them (personal values were masked before they were stored). A table
/// that scrolls, with the selected line in full below it: at 80 columns the values are clipped.
extension IntakeCase.State {
    /// The selected line: the newest until the clerk moves.
    var selectedHistory: Int { historyIndex ?? max(0, history.count - 1) }

    mutating func handleHistoryTab(_ key: Key) -> Effects? {
        let last = max(0, history.count - 1)
        switch key {
        case .up: historyIndex = max(0, selectedHistory - 1)
        case .down: historyIndex = min(last, selectedHistory + 1)
        case .pageUp: historyIndex = max(0, selectedHistory - 10)
        case .pageDown: historyIndex = min(last, selectedHistory + 10)
        case .home: historyIndex = 0
        case .end: historyIndex = nil
        default: return nil
        }
        return []
    }

    /// "栏目：原值 → 新值" for a change, the event's text otherwise. A material's text already ends
    /// in its new state ("本人人事档案：缺"), so that is said once; a status change leads with it.
    static func change(_ e: CaseHistoryEntry) -> String {
        guard e.oldValue != nil || e.newValue != nil else { return e.subject }
        func shown(_ v: String?) -> String { (v ?? "").isEmpty ? "（空）" : v! }
        let values = "\(shown(e.oldValue)) → \(shown(e.newValue))"
        if e.kind == .fieldSaved { return "\(e.subject)：\(values)" }
        if let new = e.newValue, e.subject.hasSuffix("：" + new) { return "\(e.subject.dropLast(new.count + 1))：\(values)" }
        return "\(values)；\(e.subject)"
    }

    func who(_ e: CaseHistoryEntry) -> String {
        [e.clerkNumber, e.clerkName].compactMap { $0 }.joined(separator: " ")
    }

    func renderHistory(_ c: Case, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !history.isEmpty else {
            buffer.put("本办件还没有记录", x: rect.x + 1, y: rect.y + 1, maxWidth: rect.width - 2, style: .muted)
            return
        }
        // At 80 columns the content gets the room; the line below names the action in full.
        let action = rect.width >= 100 ? 14 : 10
        let rows = history.map { e in
            [calendar.dayKey(e.at).dropFirst(5) + " " + calendar.timeOfDay(e.at).prefix(5), who(e), e.kindLabel, Self.change(e)]
        }
        Table.render(columns: [TableColumn("时间", width: 11), TableColumn("经办人", width: 11), TableColumn("动作", width: action),
                               TableColumn("内容（原值 → 新值）", width: max(10, rect.width - 25 - action))],
                     rows: rows, selected: selectedHistory, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2),
                     into: &buffer)
        // The selected line in full, on two lines: a long address or reason is clipped above.
        let e = history[selectedHistory]
        let full = "\(selectedHistory + 1)/\(history.count) \(calendar.dayKey(e.at)) \(calendar.timeOfDay(e.at)) \(who(e)) \(e.kindLabel)：\(Self.change(e))"
        for (i, line) in wrap(full, width: rect.width).prefix(2).enumerated() {
            buffer.put(line, x: rect.x, y: rect.maxY - 2 + i, maxWidth: rect.width, style: .muted)
        }
    }
}
