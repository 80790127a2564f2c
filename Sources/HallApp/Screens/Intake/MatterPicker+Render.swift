import Foundation
import HallCore
import TerminalUI

/// Drawing the matter picker: the search line, the results, and what is chosen so far.
extension MatterPicker {
    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        let used = buffer.put("查找事项：", x: area.x + 1, y: area.y, style: .bold)
        let fieldWidth = min(30, area.width - used - 4)
        _ = state.query.render(x: area.x + 1 + used, y: area.y, width: fieldWidth, focused: true, into: &buffer)
        buffer.put("汉字、拼音、首字母或编码", x: area.x + used + fieldWidth + 3, y: area.y, maxWidth: area.width - used - fieldWidth - 4, style: .muted)

        let chosenLines = chosenText(state, width: area.width - 2)
        let listHeight = max(3, area.height - 2 - chosenLines.count)
        let chosenCodes = Set(state.chosen.map(\.code))
        let rows: [[String]] = state.entries.map { e in
            switch e {
            case .bundle(let b, let ms):
                let all = !ms.isEmpty && ms.allSatisfy { chosenCodes.contains($0.code) }
                return [all ? "*" : "", "一件事", b.name + "（\(ms.count)项）", "", ""]
            case .matter(let m):
                return [chosenCodes.contains(m.code) ? "*" : "", m.type.label, m.name, m.caseType == .immediate ? "即办" : m.promisedLimit.label,
                        m.implementingBody]
            }
        }
        let nameWidth = max(16, min(40, area.width - 2 - 2 - 13 - 13 - 4 - 12))
        Table.render(columns: [TableColumn("", width: 2), TableColumn("类型", width: 12), TableColumn("名称", width: nameWidth),
                               TableColumn("承诺时限", width: 12), TableColumn("实施主体", width: max(8, area.width - nameWidth - 32))],
                     rows: rows, selected: state.entries.isEmpty ? nil : state.selected,
                     in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: listHeight), into: &buffer)
        if state.entries.isEmpty, !state.query.text.isEmpty {
            buffer.put("没有找到「\(state.query.text)」：换个字、拼音首字母或事项编码试试", x: area.x + 3, y: area.y + 4, maxWidth: area.width - 4, style: .warning)
        }
        for (i, line) in chosenLines.enumerated() {
            buffer.put(line, x: area.x + 1, y: area.maxY - chosenLines.count + i, maxWidth: area.width - 2, style: i == 0 ? .bold : .plain)
        }
    }

    /// "已选 3 项：A、B、C", wrapped to at most three lines.
    static func chosenText(_ state: State, width: Int) -> [String] {
        guard !state.chosen.isEmpty else { return ["已选 0 项：用回车选中事项，可多选；F5 开始受理"] }
        let text = "已选 \(state.chosen.count) 项：" + state.chosen.map(\.name).joined(separator: "、")
        let lines = wrap(text, width: width)
        return lines.count > 3 ? Array(lines.prefix(2)) + [clip(lines[2...].joined(), toWidth: width - 2) + "…"] : lines
    }
}
