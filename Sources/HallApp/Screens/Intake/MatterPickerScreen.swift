import Foundation
import HallCore
import HallStore
import TerminalUI

/// 选择事项: the first step of intake. The clerk types a piece of the matter's name, its pinyin
/// initials or its code, picks one or more matters (or a whole 一件事 bundle) with Enter, and
/// opens the case with F5. Everything chosen here goes on ONE form.
public final class MatterPickerScreen: LegacyScreen {
    enum Entry: Equatable {
        case bundle(MatterBundle, [Matter])
        case matter(Matter)
    }

    struct State {
        var query = TextField(maxLength: 40)
        var entries: [Entry] = []
        var selected = 0
        var chosen: [Matter] = []
        var bundleCode: String?
        var message: StatusMessage?
    }

    let context: IntakeContext
    let ticket: Ticket?
    private(set) var state = State()
    public var transition: ScreenTransition?
    private var bundles: [MatterBundle] = []
    private var catalog: [Matter] = []
    /// The catalog in this hall's order of use, shown while nothing is typed (read once per reload,
    /// not per keystroke).
    private var mostUsed: [Matter] = []

    public init(context: IntakeContext, ticket: Ticket?) {
        self.context = context; self.ticket = ticket
    }

    public var title: String { "受理 · 选择事项" + (ticket.map { "（\($0.number)）" } ?? "") }
    public var message: StatusMessage? { state.message }
    public var isTypingText: Bool { true }
    public var keyBar: [KeyBarItem] {
        [.init("F1", "帮助"), .init("回车", "选/取消"), .init("↑↓", "移动"), .init("F3", "清空已选"), .init("F5", "开始受理"), .init("Esc", "返回")]
    }
    public var help: [String] {
        ["输入事项名称中的字、拼音首字母（如 gtgsh 找「个体工商户设立登记」）或事项编码，结果随输入即时更新，",
         "按本大厅办理次数排序。不输入时列出「一件事」套餐和常办事项。",
         "↑↓ 移动，回车 选中或取消选中（选中「一件事」即选中其全部事项），可选多个事项一并受理（一表申请）。",
         "F3 清空已选；F5 开始受理：生成办件编号，进入合并后的申请表；Esc 返回窗口。"]
    }

    public func reload() {
        do {
            if catalog.isEmpty {
                catalog = try context.store.matters()
                bundles = try context.store.bundles()
                if catalog.isEmpty { state.message = .error("本大厅尚未导入事项目录：请先运行 yichuang import catalog 文件") }
            }
            let usage = try context.store.matterUsage()
            mostUsed = catalog.enumerated().sorted { a, b in
                let ua = usage[a.element.code] ?? 0, ub = usage[b.element.code] ?? 0
                return ua != ub ? ua > ub : a.offset < b.offset
            }.map(\.element)
            refresh()
        } catch { state.message = .from(error) }
    }

    /// Re-runs the search for the current query (every keystroke).
    func refresh() {
        let q = state.query.text
        var entries: [Entry] = []
        let search = try? context.catalogSearch()
        if q.trimmingCharacters(in: .whitespaces).isEmpty {
            entries = bundles.map { .bundle($0, $0.matters(in: catalog)) }
            entries += mostUsed.map(Entry.matter)
        } else {
            let needle = q.trimmingCharacters(in: .whitespaces)
            let pinyin = try? context.pinyin()
            entries = bundles.filter { b in
                b.name.contains(needle) || b.code.lowercased() == needle.lowercased() || pinyin?.matches(initials: needle, in: b.name) == true
            }
                .map { .bundle($0, $0.matters(in: catalog)) }
            entries += (search?.search(q, limit: 50) ?? []).map(Entry.matter)
        }
        state.entries = entries
        state.selected = min(state.selected, max(0, entries.count - 1))
    }

    public func handle(_ key: Key) {
        state.message = nil
        switch key {
        case .escape, .function(10):
            transition = .pop(nil)
        case .up: state.selected = max(0, state.selected - 1)
        case .down: state.selected = min(max(0, state.entries.count - 1), state.selected + 1)
        case .pageUp: state.selected = max(0, state.selected - 10)
        case .pageDown: state.selected = min(max(0, state.entries.count - 1), state.selected + 10)
        case .enter: toggle()
        case .function(3):
            state.chosen = []; state.bundleCode = nil
            state.message = .info("已清空所选事项")
        case .function(5): open()
        default:
            if state.query.handle(key) {
                if state.query.overflowed { state.message = .error(state.query.overflowMessage) }
                state.selected = 0
                refresh()
            }
        }
    }

    func toggle() {
        guard state.entries.indices.contains(state.selected) else { state.message = .error("没有找到事项：换个字或拼音首字母试试"); return }
        switch state.entries[state.selected] {
        case .bundle(let b, let matters):
            let codes = Set(state.chosen.map(\.code))
            if !matters.isEmpty, matters.allSatisfy({ codes.contains($0.code) }) {
                let drop = Set(matters.map(\.code))
                state.chosen.removeAll { drop.contains($0.code) }
                if state.bundleCode == b.code { state.bundleCode = nil }
                state.message = .info("已取消「\(b.name)」")
                return
            }
            state.chosen += matters.filter { !codes.contains($0.code) }
            state.bundleCode = state.chosen.count == matters.count ? b.code : state.bundleCode
            state.message = .info("已选「\(b.name)」：\(matters.count)个事项")
        case .matter(let m):
            if let i = state.chosen.firstIndex(where: { $0.code == m.code }) {
                state.chosen.remove(at: i)
                state.message = .info("已取消「\(m.name)」")
            } else {
                state.chosen.append(m)
                state.message = .info("已选「\(m.name)」（共\(state.chosen.count)项）")
            }
            if let code = state.bundleCode, let b = bundles.first(where: { $0.code == code }), Set(b.matterCodes) != Set(state.chosen.map(\.code)) {
                state.bundleCode = nil
            }
        }
    }

    func open() {
        guard !state.chosen.isEmpty else { state.message = .error("请先用回车选中至少一个事项"); return }
        do {
            let c = try context.store.openCase(window: context.windowNumber, ticketId: ticket?.id, bundleCode: state.bundleCode,
                                               matters: state.chosen.map(\.caseMatter), checks: mergedChecklist(for: state.chosen),
                                               by: context.by)
            transition = .replace(CaseScreen(context: context, caseId: c.id, opening: "已开始受理 \(c.caseNumber)：请填写申请表"))
        } catch { state.message = .from(error) }
    }

    // MARK: rendering

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let prompt = "查找事项："
        let used = buffer.put(prompt, x: area.x + 1, y: area.y, style: .bold)
        let fieldWidth = min(30, area.width - used - 4)
        state.query.render(x: area.x + 1 + used, y: area.y, width: fieldWidth, focused: true, into: &buffer)
        buffer.put("汉字、拼音首字母或编码", x: area.x + used + fieldWidth + 3, y: area.y, maxWidth: area.width - used - fieldWidth - 4, style: .muted)

        let chosenLines = chosenText(width: area.width - 2)
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
    func chosenText(width: Int) -> [String] {
        guard !state.chosen.isEmpty else { return ["已选 0 项：用回车选中事项，可多选；F5 开始受理"] }
        let text = "已选 \(state.chosen.count) 项：" + state.chosen.map(\.name).joined(separator: "、")
        let lines = wrap(text, width: width)
        return lines.count > 3 ? Array(lines.prefix(2)) + [clip(lines[2...].joined(), toWidth: width - 2) + "…"] : lines
    }
}
