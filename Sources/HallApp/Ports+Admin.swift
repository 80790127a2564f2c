import Foundation
import HallCore
import HallStore

/// Hall administration (后台管理): what the administration screens read and change. Each change
/// is the store's own operation, which checks the role again and refuses in Chinese.
public protocol HallAdministration: Sendable {
    func currentTime() -> Date
    func hall() throws -> HallInfo
    func serviceSetups() throws -> [ServiceSetup]
    func windowSetups() throws -> [WindowSetup]
    func staffSetups() throws -> [StaffSetup]
    func windowSnapshot(_ number: Int) throws -> WindowSnapshot

    func addService(code rawCode: String, prefix rawPrefix: String, name rawName: String, targetWaitMinutes: Int,
                    maxQueue: Int, warnQueue: Int, by: Attribution) throws -> Service
    func editService(_ key: String, _ edit: ServiceEdit, by: Attribution) throws
    func suspendServiceToday(_ key: String, _ suspended: Bool, by: Attribution) throws

    func addWindow(number: Int, name: String, services: [String], by: Attribution) throws
    func renameWindow(_ number: Int, to name: String, by: Attribution) throws
    func setWindowServices(_ number: Int, services: [String], by: Attribution) throws
    func setWindowOpen(_ number: Int, _ open: Bool, by: Attribution) throws
    func openTemporaryWindow(number: Int, name: String?, services: [String], until: Date?, by: Attribution) throws
    func windows() throws -> [Window]
    func services() throws -> [Service]
    func setWindowChoice(_ choice: WindowChoice?, window number: Int, by: Attribution) throws
    func updatePolicy(_ policy: QueuePolicy, by: Attribution) throws

    func addStaff(number raw: String, name rawName: String, role: ClerkRole, pin: String, by: Attribution) throws -> Clerk
    func setStaffActive(_ number: String, _ active: Bool, by: Attribution) throws
    func setStaffRole(_ number: String, _ role: ClerkRole, by: Attribution) throws
    func setStaffWindows(_ number: String, _ windows: [Int], by: Attribution) throws
    func resetPIN(_ number: String, by: Attribution) throws -> String
    func unlockStaff(_ number: String, by: Attribution) throws

    func forceSignOut(window number: Int, serving: TicketDisposition, held: TicketDisposition, by: Attribution) throws -> ForcedSignOut
    func recoverHeld(_ rawNumber: String, to disposition: TicketDisposition, by: Attribution) throws -> Ticket
    func moveClerk(from: Int, to: Int, by: Attribution) throws
}

extension HallStore: HallAdministration {}

/// One kind of document and where it prints on this machine.
public struct PrinterRoute: Sendable, Equatable {
    public var kind: DocumentKind
    /// "CUPS 打印机 HP_A4（A4）", "输出目录 …（A4）".
    public var printer: String
    /// The [printers] key of yichuang.toml that sent it there; nil: the default spool folder.
    public var key: String?
    public init(kind: DocumentKind, printer: String, key: String?) { self.kind = kind; self.printer = printer; self.key = key }
}

/// The printers page: the routes of this machine's yichuang.toml and a test page to each.
public protocol PrinterRouting: Sendable {
    func printerRoutes() -> [PrinterRoute]
    func printTestPage(_ kind: DocumentKind, hallName: String, at time: String) -> (failed: Bool, message: String)
}

/// 日结 from the dashboard: the same store operation as `yichuang close-day` (it checks the role
/// again), and the stored summary of a closed day.
public protocol DayClosing: Sendable {
    func hall() throws -> HallInfo
    func closeDay(by: Attribution) throws -> DaySummary
    func daySummary(_ day: String) throws -> DaySummary?
}

extension HallStore: DayClosing {}

/// Puts the day's summary on the A4 printer configured for it, or in a PDF file.
public protocol DaySummaryPrinter: Sendable {
    /// Where a print would go ("CUPS 打印机 HP_A4（A4）"), so the question can say it.
    var daySummaryPrinter: String { get }
    /// One line for the status bar; `failed` when nothing was printed.
    func printDaySummary(_ document: Document) -> (failed: Bool, message: String)
    /// Writes the A4 PDF; answers the renderer's warnings (a missing glyph, …).
    func writeDaySummaryPDF(_ document: Document, to file: URL) throws -> [String]
}
