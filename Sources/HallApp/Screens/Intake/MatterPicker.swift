import Foundation
import HallCore
import HallStore
import TerminalUI

/// 选择事项: the first step of intake. The clerk types a piece of the matter's name, its pinyin
/// initials, its full pinyin or its code, picks one or more matters (or a whole 一件事 bundle) with
/// Enter, and opens the case with F5. Everything chosen here goes on ONE form. The catalog and its
/// search keys come from the executor, built once per catalog import (IntakeContext.pickerCatalog);
/// the search over them runs here, on each keystroke, in memory.
public enum MatterPicker: ScreenModel {
    enum Entry: Equatable {
        case bundle(MatterBundle, [Matter])
        case matter(Matter)
    }

    /// The catalog as this hall uses it, with its search keys.
    public struct Catalog: Sendable {
        var matters: [Matter]
        var bundles: [MatterBundle]
        /// The catalog in this hall's order of use, shown while nothing is typed.
        var mostUsed: [Matter]
        var search: CatalogSearch?
        var pinyin: PinyinInitials?
        /// The full pinyin of each bundle's name, in `bundles` order.
        var bundleSpellings: [PinyinReadings.Spelling] = []
    }

    public struct State {
        let ticket: Ticket?
        var query = TextField(maxLength: 40)
        var entries: [Entry] = []
        var selected = 0
        var chosen: [Matter] = []
        var bundleCode: String?
        var message: StatusMessage?
        var catalog: Catalog?
        var loads = LoadGate()
        /// A case is being opened: keys wait, so nothing is chosen twice.
        var opening = false
        public init(ticket: Ticket?) { self.ticket = ticket }
    }

    public enum Command: Sendable {
        case load
        case open(ticketId: String?, bundleCode: String?, matters: [CaseMatter], checks: [MaterialCheck])
    }

    public enum Outcome {
        case loaded(Catalog)
        case loadFailed(String)
        case opened(id: String, caseNumber: String)
        case openFailed(String)
    }

    public enum Destination { case openedCase(id: String, opening: String) }
    public typealias Effects = [ModelEffect<Command, Destination>]

    enum KeyAction: Sendable { case toggle, move, clear, open, back }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.enter], "回车", "选/取消", help: "选中或取消选中（选中「一件事」即选中其全部事项），可选多个事项一并受理（一表申请）",
                   action: .toggle),
        KeyCommand([.up, .down, .pageUp, .pageDown], "↑↓", "移动", help: "在结果中移动（PgUp/PgDn 翻页）", action: .move),
        KeyCommand([.function(3)], "F3", "清空已选", help: "清空所选事项", action: .clear),
        KeyCommand([.function(5)], "F5", "开始受理", help: "生成办件编号，进入合并后的申请表", action: .open),
        KeyCommand([.escape, .function(10)], "Esc", "返回", help: "返回窗口", action: .back),
    ])

    public static func title(_ s: State) -> String { "受理 · 选择事项" + (s.ticket.map { "（\($0.number)）" } ?? "") }
    public static func message(_ s: State) -> StatusMessage? { s.message }
    public static func isTypingText(_ s: State) -> Bool { true }
    public static func keyBar(_ s: State) -> [KeyBarItem] { keys.keyBar(s) }
    public static func help(_ s: State) -> [String] {
        ["输入事项名称中的字、拼音首字母（如 gtgsh 找「个体工商户设立登记」）、全拼（如 juzhu 找「居住证」事项）或事项编码，结果随输入即时更新，",
         "按本大厅办理次数排序。不输入时列出「一件事」套餐和常办事项。"] + keys.help
    }

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started, .storeChanged, .resumed: return load(&state)
        case .tick, .resize: return []
        case .done(.loaded(let catalog)):
            state.catalog = catalog
            if catalog.matters.isEmpty { state.message = .error("本大厅尚未导入事项目录：请先运行 yichuang import catalog 文件") }
            refresh(&state)
            return state.loads.landed() ? load(&state) : []
        case .done(.loadFailed(let why)):
            state.message = .error(why)
            return state.loads.landed() ? load(&state) : []
        case .done(.opened(let id, let number)):
            state.opening = false
            return [.replace(.openedCase(id: id, opening: "已开始受理 \(number)：请填写申请表"))]
        case .done(.openFailed(let why)):
            state.opening = false
            state.message = .error(why)
            return []
        case .key(let key):
            guard !state.opening else { return [] }
            state.message = nil
            switch keys.dispatch(key, state) {
            case .run(let action): return run(action, key: key, &state)
            case .refused(let why): state.message = .error(why); return []
            case .notInTable:
                if state.query.handle(key) {
                    if state.query.overflowed { state.message = .error(state.query.overflowMessage) }
                    state.selected = 0
                    refresh(&state)
                }
                return []
            }
        }
    }

    static func load(_ state: inout State) -> Effects { state.loads.ask() ? [.run(.load)] : [] }

    static func run(_ action: KeyAction, key: Key, _ state: inout State) -> Effects {
        switch action {
        case .back: return [.close(nil)]
        case .move: state.selected = listSelection(state.selected, after: key, count: state.entries.count)
        case .toggle: toggle(&state)
        case .clear:
            state.chosen = []; state.bundleCode = nil
            state.message = .info("已清空所选事项")
        case .open:
            guard !state.chosen.isEmpty else { state.message = .error("请先用回车选中至少一个事项"); return [] }
            state.opening = true
            return [.run(.open(ticketId: state.ticket?.id, bundleCode: state.bundleCode, matters: state.chosen.map(\.caseMatter),
                               checks: mergedChecklist(for: state.chosen)))]
        }
        return []
    }

    /// Re-runs the search for the current query (every keystroke).
    static func refresh(_ state: inout State) {
        guard let catalog = state.catalog else { return }
        let q = state.query.text
        let needle = q.trimmingCharacters(in: .whitespaces)
        var entries: [Entry]
        if needle.isEmpty {
            entries = catalog.bundles.map { .bundle($0, $0.matters(in: catalog.matters)) } + catalog.mostUsed.map(Entry.matter)
        } else {
            let letters = Array(CatalogSearch.normalize(needle).utf8)
            entries = catalog.bundles.enumerated().filter { i, b in
                b.name.contains(needle) || b.code.lowercased() == needle.lowercased() || catalog.pinyin?.matches(initials: needle, in: b.name) == true
                    || (catalog.bundleSpellings.indices.contains(i) && catalog.bundleSpellings[i].find(letters) != nil)
            }.map { .bundle($0.element, $0.element.matters(in: catalog.matters)) }
            entries += (catalog.search?.search(q, limit: 50) ?? []).map(Entry.matter)
        }
        state.entries = entries
        state.selected = min(state.selected, max(0, entries.count - 1))
    }

    static func toggle(_ state: inout State) {
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
            if let code = state.bundleCode, let b = state.catalog?.bundles.first(where: { $0.code == code }),
               Set(b.matterCodes) != Set(state.chosen.map(\.code)) {
                state.bundleCode = nil
            }
        }
    }

    /// Reads the catalog (the index once per session) and opens cases, over the `IntakeDesk` port.
    static func execute(_ context: IntakeContext) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .load:
                do { return .loaded(try context.pickerCatalog()) } catch { return .loadFailed(ErrorText.of(error)) }
            case .open(let ticketId, let bundleCode, let matters, let checks):
                do {
                    let c = try context.desk.openCase(window: context.windowNumber, ticketId: ticketId, bundleCode: bundleCode,
                                                      matters: matters, checks: checks, by: context.by)
                    return .opened(id: c.id, caseNumber: c.caseNumber)
                } catch { return .openFailed(ErrorText.of(error)) }
            }
        }
    }
}
