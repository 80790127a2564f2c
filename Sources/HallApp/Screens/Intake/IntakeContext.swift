import Foundation
import HallCore
import HallResources
import HallStore

/// What every intake screen needs: the store, and who is working at which window. Shared by
/// reference so the catalog index is built once per session. Going back is the runner's stack.
public final class IntakeContext {
    let store: HallStore
    let clerk: Clerk
    let windowNumber: Int?
    let by: Attribution
    let calendar: HallCalendar
    /// Numbers, prints and reprints the case's notices.
    let printDesk: PrintDesk
    private var search: CatalogSearch?
    private var pinyinTable: PinyinInitials?

    public init(store: HallStore, clerk: Clerk, windowNumber: Int?, by: Attribution, calendar: HallCalendar, printDesk: PrintDesk) {
        self.store = store; self.clerk = clerk; self.windowNumber = windowNumber; self.by = by
        self.calendar = calendar; self.printDesk = printDesk
    }

    /// The catalog index, ranked by this hall's usage; built on first use (about 1 ms per 100 matters).
    func catalogSearch() throws -> CatalogSearch {
        if let search { return search }
        let s = try store.catalogSearch(pinyin: try pinyin())
        search = s
        return s
    }

    /// The shipped pinyin-initials table (about 20,000 characters), read once.
    func pinyin() throws -> PinyinInitials {
        if let pinyinTable { return pinyinTable }
        let p = PinyinInitials(table: String(decoding: try HallResources.data("pinyin-initials.txt"), as: UTF8.self))
        pinyinTable = p
        return p
    }

    var today: String { calendar.dayKey(store.clock.now()) }

    /// Promised due dates on the official calendar in the store (never guessed past its years).
    func dueDate(_ acceptedOn: String, _ workingDays: Int) throws -> String {
        try store.workCalendar().dueDate(acceptedOn: acceptedOn, workingDays: workingDays)
    }

    /// The matters of a case as the case cites them (their versions at opening time).
    func matters(of c: Case) throws -> [Matter] {
        try c.matters.compactMap { try store.matter(code: $0.code, version: $0.version) }
    }
}
