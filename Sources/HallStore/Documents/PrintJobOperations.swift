import Foundation
import GRDB
import HallCore

/// A job and exactly what to put on paper for it (the stored body, marked 补打 on a reprint).
public struct PrintRequest: Equatable, Sendable {
    public var job: PrintJob
    public var document: Document
}

extension HallStore {
    /// Records a print job before anything is sent, so a job whose printer fails, or whose process
    /// dies mid-print, is still there to retry. Once the applicant has had the document on paper
    /// (an earlier job printed or queued), the new job is a 补打: marked on the paper and audited.
    public func startPrintJob(documentId: String, printer: String, by: Attribution) throws -> PrintRequest {
        try perform(by) { tx, hall in
            let stored = try DocumentRows.loadDocument(tx.db, id: documentId)
            let handedOver = try Int.fetchOne(tx.db, sql: """
                SELECT COUNT(*) FROM print_job WHERE document_id = ? AND status IN ('printed', 'queued')
                """, arguments: [documentId]) ?? 0 > 0
            let id = newId(), now = tx.now.timeIntervalSince1970
            try tx.db.execute(sql: """
                INSERT INTO print_job (id, hall_id, document_id, printer, is_reprint, status, attempts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                """, arguments: [id, hall.hallId, documentId, printer, handedOver, now, now])
            let job = try DocumentRows.loadJob(tx.db, id: id)
            try Self.recordJob(tx, job, stored, action: handedOver ? "document.reprint" : "document.print",
                               detail: "\(handedOver ? "补打" : "打印")\(Self.describe(stored))，打印机 \(printer)")
            return PrintRequest(job: job, document: Self.paper(stored, job: job, hall: hall, clerk: tx.attribution.clerkNumber))
        }
    }

    /// What the printer said. Each answer is audited; a failed job keeps its reason for the screen.
    @discardableResult
    public func recordPrintOutcome(jobId: String, status: PrintJobStatus, reason: String? = nil, cupsJobId: String? = nil,
                                   by: Attribution) throws -> PrintJob {
        guard status != .pending else { throw StoreError.invalidInput("打印结果应为已打印、已送入打印队列或打印失败") }
        return try perform(by) { tx, _ in
            let before = try DocumentRows.loadJob(tx.db, id: jobId)
            let stored = try DocumentRows.loadDocument(tx.db, id: before.documentId)
            let why = reason.map(cleanNote)
            try tx.db.execute(sql: """
                UPDATE print_job SET status = ?, reason = ?, cups_job_id = COALESCE(?, cups_job_id), attempts = attempts + 1,
                    updated_at = ? WHERE id = ?
                """, arguments: [status.rawValue, why, cupsJobId, tx.now.timeIntervalSince1970, jobId])
            let job = try DocumentRows.loadJob(tx.db, id: jobId)
            try Self.recordJob(tx, job, stored, action: "print.\(status.rawValue)",
                               detail: "\(Self.describe(stored))\(job.isReprint ? "（补打）" : "")：\(status.label)" + (why.map { "，\($0)" } ?? ""))
            return job
        }
    }

    /// 重试: a failed or unanswered job goes again, on the same printer or another one. A job CUPS
    /// already holds is not sent twice.
    public func retryPrintJob(jobId: String, printer: String? = nil, by: Attribution) throws -> PrintRequest {
        try perform(by) { tx, hall in
            let before = try DocumentRows.loadJob(tx.db, id: jobId)
            guard before.status.needsRetry else {
                throw StoreError.printJobNotRetryable(status: before.status.label)
            }
            let target = printer ?? before.printer
            try tx.db.execute(sql: "UPDATE print_job SET status = 'pending', printer = ?, updated_at = ? WHERE id = ?",
                              arguments: [target, tx.now.timeIntervalSince1970, jobId])
            let stored = try DocumentRows.loadDocument(tx.db, id: before.documentId)
            let job = try DocumentRows.loadJob(tx.db, id: jobId)
            try Self.recordJob(tx, job, stored, action: "print.retry", detail: "重试打印\(Self.describe(stored))，打印机 \(target)")
            return PrintRequest(job: job, document: Self.paper(stored, job: job, hall: hall, clerk: tx.attribution.clerkNumber))
        }
    }

    // MARK: reads

    public func printJob(id: String) throws -> PrintJob {
        try read { db in try DocumentRows.loadJob(db, id: id) }
    }

    public func printJobs(documentId: String) throws -> [PrintJob] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM print_job WHERE document_id = ? ORDER BY created_at", arguments: [documentId])
                .map(DocumentRows.job)
        }
    }

    /// Jobs that still need attention (pending, failed) or may still change (queued), newest
    /// first: what a screen lists with a one-key retry.
    public func openPrintJobs(limit: Int = 50) throws -> [PrintJob] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM print_job WHERE status IN ('pending', 'failed', 'queued') ORDER BY updated_at DESC LIMIT ?
                """, arguments: [limit]).map(DocumentRows.job)
        }
    }

    // MARK: helpers

    /// The paper for a job: the stored body, plus the 补打 mark and when and by whom on a reprint.
    static func paper(_ stored: StoredDocument, job: PrintJob, hall: HallInfo, clerk: String?) -> Document {
        var doc = stored.document
        if job.isReprint {
            doc.copyMark = "补打"
            let who = clerk.map { "，经办人工号\($0)" } ?? ""
            doc.footer.append("本件为补打件，补打时间：\(ChineseDate.dayTime(job.createdAt, hall.calendar))\(who)。")
        }
        return doc
    }

    static func describe(_ d: StoredDocument) -> String {
        "\(d.kind.label)" + (d.number.map { " \($0)" } ?? "")
    }

    static func recordJob(_ tx: BusinessTransaction, _ job: PrintJob, _ stored: StoredDocument, action: String, detail: String) throws {
        struct Payload: Encodable {
            let id, documentId, printer, status: String; let isReprint: Bool; let reason: String?; let attempts: Int; let at: Date
        }
        try tx.outbox(.printJob, entityId: job.id, payload: Payload(id: job.id, documentId: job.documentId, printer: job.printer,
                                                                    status: job.status.rawValue, isReprint: job.isReprint,
                                                                    reason: job.reason, attempts: job.attempts, at: tx.now))
        try tx.audit(action: action, entity: "print_job", entityId: job.id, detail: detail)
    }
}
