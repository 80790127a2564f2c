import Foundation
import HallCore
import HallStore
import Printing

/// Intake at a window or the dashboard: the catalog, opening a case, its form, checklist,
/// decisions and notices, and the case list. The intake screens' executors reach the store only
/// through this port (and `NoticePrinter` for paper).
public protocol IntakeDesk: Sendable {
    func currentTime() -> Date
    func matters() throws -> [Matter]
    func bundles() throws -> [MatterBundle]
    func matterUsage() throws -> [String: Int]
    /// Moves when an import changes the matters (the picker rebuilds its index only then).
    func catalogRevision() throws -> Int64
    func openCase(window: Int?, ticketId: String?, bundleCode: String?, matters: [CaseMatter], checks: [MaterialCheck],
                  by: Attribution) throws -> Case
    func `case`(id: String) throws -> Case
    func matter(code: String, version: Int?) throws -> Matter?
    func documents(caseId: String) throws -> [StoredDocument]
    func notices(caseId: String) throws -> [NoticeRecord]
    func printJobs(documentId: String) throws -> [PrintJob]
    func saveField(caseId: String, key: String, value raw: String, by: Attribution) throws
    func setMaterial(caseId: String, index: Int, state: MaterialState, by: Attribution) throws
    func resumeCase(caseId: String, by: Attribution) throws -> Case
    func decide(caseId: String, _ decision: IntakeDecision, legalBasis: String?, delivery: CaseDelivery?,
                dueDate: (String, Int) throws -> String, by: Attribution) throws -> (Case, NoticeRecord?)
    func completeCase(caseId: String, today: String, note: String, window: Int?, by: Attribution) throws -> Case
    func issueMaterialsReceipt(caseId: String, by: Attribution) throws -> StoredDocument
    func cases(matching query: String, limit: Int, offset: Int) throws -> [CaseListRow]
    func workCalendar() throws -> WorkCalendar
    /// The draft the clerk left open at this window, offered again after a restart.
    func latestOpenCase(clerkNumber: String, window: Int) throws -> OpenCaseRef?
    /// Who changed what and when, old and new values masked where personal (oldest first).
    func caseHistory(caseId: String) throws -> [CaseHistoryEntry]
    /// The 告知承诺书 of a case accepted under 容缺; nil when nothing was tolerated.
    func commitmentNotice(caseId: String) throws -> NoticeRecord?
    /// 补交: a material accepted under 容缺 has been handed in.
    func fulfilCommitment(caseId: String, index: Int, by: Attribution) throws -> Case
}

extension HallStore: IntakeDesk {}

/// Numbers a case's notices and puts documents on paper. The screen learns a job's fate from the
/// store (its print job record), so nothing here waits for the printer.
public protocol NoticePrinter: Sendable {
    func numberedDocument(noticeId: String, by: Attribution) throws -> StoredDocument
    /// Starts printing; answers the print job's id.
    func printDocument(id documentId: String, by: Attribution) throws -> String
    func retryJob(id jobId: String, by: Attribution) throws
}

extension PrintDesk: NoticePrinter {
    public func numberedDocument(noticeId: String, by: Attribution) throws -> StoredDocument { try document(noticeId: noticeId, by: by) }
    public func printDocument(id documentId: String, by: Attribution) throws -> String { try print(documentId: documentId, by: by) }
    public func retryJob(id jobId: String, by: Attribution) throws { try retry(jobId: jobId, by: by) }
}
