import Foundation
import GRDB
import HallCore

/// A document as the store issued it: numbered, with the body that was (and will be) printed.
public struct StoredDocument: Equatable, Sendable {
    public var id: String
    public var kind: DocumentKind
    /// 文号: 示范区政务〔2026〕12号.
    public var number: String?
    public var caseId: String?
    public var noticeId: String?
    public var document: Document
    public var createdAt: Date
}

/// Where a print job stands. The raw values equal Printing's `PrintStatus`, so the screens map an
/// outcome across with `PrintJobStatus(rawValue: outcome.status.rawValue)`.
public enum PrintJobStatus: String, Codable, Sendable, CaseIterable {
    /// Recorded, not yet answered by a printer (the process stopped before it could say).
    case pending
    case printed
    /// In a CUPS queue, not yet printed.
    case queued
    /// Nothing printed; retry with `retryPrintJob`.
    case failed

    public var label: String {
        switch self {
        case .pending: return "待打印"
        case .printed: return "已打印"
        case .queued: return "已送入打印队列"
        case .failed: return "打印失败"
        }
    }

    /// Pending and failed jobs still need someone to act; a queued one CUPS will print by itself.
    public var needsRetry: Bool { self == .pending || self == .failed }
}

public struct PrintJob: Equatable, Sendable {
    public var id: String
    public var documentId: String
    /// The printer as configured (Printing's `PrinterSpec` text: spool:…, cups:…, device:…).
    public var printer: String
    /// 补打: the applicant already had this document on paper.
    public var isReprint: Bool
    public var status: PrintJobStatus
    public var reason: String?
    public var cupsJobId: String?
    public var attempts: Int
    public var createdAt: Date
    public var updatedAt: Date
}

/// How the hall signs its notices. Until an administrator sets them, the agency is the hall's
/// name and the abbreviation is derived from it (DocumentNumber.defaultAbbreviation).
public struct DocumentSettings: Equatable, Sendable, Codable {
    public var agencyName: String
    public var abbreviation: String
    /// 咨询电话 printed on notices; nil uses the matter's enquiry phone from the catalog.
    public var phone: String?
    public init(agencyName: String, abbreviation: String, phone: String? = nil) {
        self.agencyName = agencyName; self.abbreviation = abbreviation; self.phone = phone
    }
}

enum DocumentRows {
    static func document(_ r: Row) throws -> StoredDocument {
        let body = try decodeJSON(Document.self, r, "body", table: "printed_document")
        return StoredDocument(id: r["id"], kind: try decode(DocumentKind.self, r, "kind", table: "printed_document"), number: r["number"],
                              caseId: r["case_id"], noticeId: r["notice_id"], document: body,
                              createdAt: Date(timeIntervalSince1970: r["created_at"]))
    }

    static func job(_ r: Row) throws -> PrintJob {
        PrintJob(id: r["id"], documentId: r["document_id"], printer: r["printer"], isReprint: r["is_reprint"],
                 status: try decode(PrintJobStatus.self, r, "status", table: "print_job"), reason: r["reason"], cupsJobId: r["cups_job_id"],
                 attempts: r["attempts"], createdAt: Date(timeIntervalSince1970: r["created_at"]),
                 updatedAt: Date(timeIntervalSince1970: r["updated_at"]))
    }

    static func settings(_ db: Database, hall: HallInfo) throws -> DocumentSettings {
        if let r = try Row.fetchOne(db, sql: "SELECT * FROM document_settings WHERE hall_id = ?", arguments: [hall.hallId]) {
            return DocumentSettings(agencyName: r["agency_name"], abbreviation: r["abbreviation"], phone: r["phone"])
        }
        return DocumentSettings(agencyName: hall.name, abbreviation: DocumentNumber.defaultAbbreviation(hallName: hall.name))
    }

    static func loadDocument(_ db: Database, id: String) throws -> StoredDocument {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM printed_document WHERE id = ?", arguments: [id]) else {
            throw StoreError.invalidInput("没有这份文书")
        }
        return try document(r)
    }

    static func loadJob(_ db: Database, id: String) throws -> PrintJob {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM print_job WHERE id = ?", arguments: [id]) else {
            throw StoreError.invalidInput("没有这个打印任务")
        }
        return try job(r)
    }
}
