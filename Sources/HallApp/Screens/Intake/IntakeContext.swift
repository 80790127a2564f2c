import Foundation
import HallCore
import HallResources
import HallStore

/// Who is working at which window, and the ports the intake screens' executors use. Shared by
/// the intake screens of one session so the catalog index is built once; only the executor
/// thread touches the caches. It builds the intake screens (going back is the runner's stack).
public final class IntakeContext: @unchecked Sendable {
    let desk: IntakeDesk
    let printer: NoticePrinter
    let clerk: Clerk
    let windowNumber: Int?
    let by: Attribution
    let calendar: HallCalendar
    private let lock = NSLock()
    private var pinyinTable: PinyinInitials?
    private var readingsTable: PinyinReadings?
    private var cachedCatalog: (revision: Int64, matters: [Matter], search: CatalogSearch)?
    /// How often the picker's catalog was read and indexed whole (once per catalog revision).
    private(set) var catalogBuilds = 0

    public init(desk: IntakeDesk, printer: NoticePrinter, clerk: Clerk, windowNumber: Int?, by: Attribution, calendar: HallCalendar) {
        self.desk = desk; self.printer = printer; self.clerk = clerk; self.windowNumber = windowNumber; self.by = by
        self.calendar = calendar
    }

    public convenience init(store: HallStore, clerk: Clerk, windowNumber: Int?, by: Attribution, calendar: HallCalendar, printDesk: PrintDesk) {
        self.init(desk: store, printer: printDesk, clerk: clerk, windowNumber: windowNumber, by: by, calendar: calendar)
    }

    /// The catalog as the matter picker shows it. The matters are read, decoded and indexed (initials
    /// and full pinyin) only when the store's catalog revision moved, i.e. after an import; on any
    /// other change only the usage counts and the few bundles are read again.
    func pickerCatalog() throws -> MatterPicker.Catalog {
        let revision = try desk.catalogRevision()
        let usage = try desk.matterUsage()
        var cached = lock.withLock { cachedCatalog }
        if let c = cached, c.revision == revision {
            cached!.search.setUsage(usage)
        } else {
            let matters = try desk.matters()
            cached = (revision, matters, CatalogSearch(matters: matters, usage: usage, pinyin: try pinyin(), readings: try readings()))
            lock.withLock { catalogBuilds += 1 }
        }
        lock.withLock { cachedCatalog = cached }
        let matters = cached!.matters
        let mostUsed = matters.enumerated().sorted { a, b in
            let ua = usage[a.element.code] ?? 0, ub = usage[b.element.code] ?? 0
            return ua != ub ? ua > ub : a.offset < b.offset
        }.map(\.element)
        let bundles = try desk.bundles()
        let r = try readings()
        return MatterPicker.Catalog(matters: matters, bundles: bundles, mostUsed: mostUsed, search: cached!.search, pinyin: try pinyin(),
                                    bundleSpellings: bundles.map { PinyinReadings.Spelling($0.name, r) })
    }

    /// The shipped full-pinyin table (one reading per character), read once.
    func readings() throws -> PinyinReadings {
        if let r = lock.withLock({ readingsTable }) { return r }
        let r = PinyinReadings(table: String(decoding: try HallResources.data("pinyin-full.txt"), as: UTF8.self))
        lock.withLock { readingsTable = r }
        return r
    }

    /// The shipped pinyin-initials table (about 20,000 characters), read once.
    func pinyin() throws -> PinyinInitials {
        if let p = lock.withLock({ pinyinTable }) { return p }
        let p = PinyinInitials(table: String(decoding: try HallResources.data("pinyin-initials.txt"), as: UTF8.self))
        lock.withLock { pinyinTable = p }
        return p
    }

    var today: String { calendar.dayKey(desk.currentTime()) }

    /// Promised due dates on the official calendar in the store (never guessed past its years).
    func dueDate(_ acceptedOn: String, _ workingDays: Int) throws -> String {
        try desk.workCalendar().dueDate(acceptedOn: acceptedOn, workingDays: workingDays)
    }

    /// The matters of a case as the case cites them (their versions at opening time).
    func matters(of c: Case) throws -> [Matter] {
        try c.matters.compactMap { try desk.matter(code: $0.code, version: $0.version) }
    }

    // MARK: the intake screens

    public func matterPicker(ticket: Ticket?) -> MatterPickerScreen {
        ModelScreen(MatterPicker.State(ticket: ticket), execute: MatterPicker.execute(self), open: { d in
            switch d { case .openedCase(let id, let opening): return self.caseScreen(caseId: id, opening: opening) }
        })
    }

    public func caseScreen(caseId: String, opening: String? = nil) -> CaseScreen {
        ModelScreen(IntakeCase.State(caseId: caseId, calendar: calendar, now: desk.currentTime(), opening: opening),
                    execute: IntakeCase.execute(self, caseId: caseId), open: { never in switch never {} })
    }

    public func caseList() -> CaseListScreen {
        ModelScreen(CaseList.State(calendar: calendar, now: desk.currentTime()), execute: CaseList.execute(self),
                    open: { d in
                        switch d { case .case(let id): return self.caseScreen(caseId: id) }
                    })
    }
}

/// The intake screens, each a model hosted by the runner.
public typealias MatterPickerScreen = ModelScreen<MatterPicker>
public typealias CaseScreen = ModelScreen<IntakeCase>
public typealias CaseListScreen = ModelScreen<CaseList>

extension ModelScreen where M == MatterPicker {
    public convenience init(context: IntakeContext, ticket: Ticket?) {
        let s = context.matterPicker(ticket: ticket)
        self.init(s.state, execute: s.execute, open: s.open)
    }
}

extension ModelScreen where M == CaseList {
    public convenience init(context: IntakeContext) {
        let s = context.caseList()
        self.init(s.state, execute: s.execute, open: s.open)
    }
}

extension ModelScreen where M == IntakeCase {
    public convenience init(context: IntakeContext, caseId: String, opening: String? = nil) {
        let s = context.caseScreen(caseId: caseId, opening: opening)
        self.init(s.state, execute: s.execute, open: s.open)
    }
    public var caseId: String { state.caseId }
    var visibleMaterials: [Int] { state.visibleMaterials }
    var focusedField: FormField? { state.focusedField }
    static var focusMarker: String { IntakeCase.focusMarker }
}
