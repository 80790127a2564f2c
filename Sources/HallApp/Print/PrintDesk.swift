import Foundation
import HallCore
import HallStore
import Printing

/// Puts a screen's documents on paper: numbers a decision's notice, records the job before
/// sending it, sends it to the printer configured for its kind, and records the printer's answer.
/// The store is the screen's source of truth: a screen shows a job's fate by reading its record,
/// so nothing is lost when a print fails and the retry key finds the job again.
public final class PrintDesk: @unchecked Sendable {
    let store: HallStore
    let routes: PrinterRoutes
    let printer = DocumentPrinter()
    /// How a job runs: off the UI thread in the app (CUPS may take seconds to answer), inline in
    /// tests. A finished job writes to the store, which wakes every screen through its watcher.
    let run: (@escaping @Sendable () -> Void) -> Void

    public init(store: HallStore, routes: PrinterRoutes, inline: Bool = false) {
        self.store = store; self.routes = routes
        run = inline ? { $0() } : { work in Thread.detachNewThread { work() } }
    }

    /// Spool folder under the node's home unless yichuang.toml names printers ([printers] keys).
    public static func routes(config: AppConfig) throws -> PrinterRoutes {
        try PrinterRoutes(spoolDirectory: config.home.appendingPathComponent("spool").path, settings: config.printers)
    }

    /// The numbered document for a decision's notice (issued once; later calls return it).
    public func document(noticeId: String, by: Attribution) throws -> StoredDocument {
        if let d = try store.document(noticeId: noticeId) { return d }
        return try store.issueDocument(noticeId: noticeId, by: by)
    }

    /// Records and sends a print of a stored document; a second copy is a 补打 (the store decides).
    /// `done` gets the one-line result, on the printing thread.
    @discardableResult
    public func print(documentId: String, by: Attribution, done: @escaping @Sendable (String) -> Void = { _ in }) throws -> String {
        let doc = try store.document(id: documentId)
        let spec = routes.spec(for: doc.kind)
        let request = try store.startPrintJob(documentId: documentId, printer: spec.description, by: by)
        dispatch(request, spec: spec, by: by, done: done)
        return request.job.id
    }

    /// 重试 a failed job on its printer as configured now.
    public func retry(jobId: String, by: Attribution, done: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let job = try store.printJob(id: jobId)
        let doc = try store.document(id: job.documentId)
        let spec = routes.spec(for: doc.kind)
        let request = try store.retryPrintJob(jobId: jobId, printer: spec.description, by: by)
        dispatch(request, spec: spec, by: by, done: done)
    }

    /// "受理通知书 示范区政务〔2026〕3号：已打印（spool:/…）" or the failure with CUPS's reason.
    public static func describe(_ job: PrintJob, of doc: StoredDocument) -> String {
        var text = "\(doc.kind.label)\(doc.number.map { " " + $0 } ?? "")\(job.isReprint ? "（补打）" : "")：\(job.status.label)"
        if let reason = job.reason { text += "：\(reason)" }
        if job.status == .failed { text += "；按 R 重试" } else if job.printer.hasPrefix("spool:") { text += "（存入打印文件夹）" }
        return text
    }


    /// The desk's ticket: not stored as a document; a failed print is reported, the ticket stands.
    public func printTicket(_ issued: IssuedTicket, by: Attribution, done: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let doc = try store.ticketDocument(issued)
        let spec = routes.spec(for: .queueTicket)
        let printer = printer
        run { done(printer.print(doc, to: spec).screenMessage) }
    }

    func dispatch(_ request: PrintRequest, spec: PrinterSpec, by: Attribution, done: @escaping @Sendable (String) -> Void) {
        let (printer, store) = (printer, store)
        run {
            let result = printer.print(request.document, to: spec)
            let status = PrintJobStatus(rawValue: result.outcome.status.rawValue) ?? .failed
            do {
                try store.recordPrintOutcome(jobId: request.job.id, status: status, reason: result.outcome.reason,
                                             cupsJobId: result.outcome.jobId, by: by)
                done(result.screenMessage)
            } catch {
                done("打印结果未能记录：\(error.localizedDescription)")
            }
        }
    }

    /// The document as the screen shows it before printing.
    public func preview(_ doc: Document, width: Int) -> [String] {
        PlainTextRenderer(width: width).render(doc)
    }
}
