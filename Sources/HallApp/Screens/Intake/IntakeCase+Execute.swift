import Foundation
import HallCore
import HallStore

/// Carries out the case screen's commands over the `IntakeDesk` and `NoticePrinter` ports, off the
/// UI thread. Every action answers with the case as it stands after it (or why it failed).
extension IntakeCase {
    static func execute(_ context: IntakeContext, caseId: String) -> @Sendable (Command) -> Outcome {
        { command in
            let desk = context.desk, printer = context.printer, by = context.by
            let after = { try? read(context, caseId: caseId, form: false) }
            do {
                switch command {
                case .load(let form):
                    return .loaded(try read(context, caseId: caseId, form: form))
                case .saveTyped(let key, let value):
                    do { try desk.saveField(caseId: caseId, key: key, value: value, by: by); return .typedSaved(failed: nil) }
                    catch { return .typedSaved(failed: ErrorText.of(error)) }
                case .saveField(let key, let value):
                    try desk.saveField(caseId: caseId, key: key, value: value, by: by)
                    return .acted(.saved(key: key), nil)
                case .setMaterial(let index, let state):
                    try desk.setMaterial(caseId: caseId, index: index, state: state, by: by)
                    return .acted(.materialSet(index: index, state), after())
                case .resume:
                    let c = try desk.resumeCase(caseId: caseId, by: by)
                    return .acted(.resumed(missing: c.missing.count), after())
                case .decide(let decision, let delivery):
                    let (c, notice) = try desk.decide(caseId: caseId, decision, legalBasis: nil, delivery: delivery, dueDate: context.dueDate, by: by)
                    // The notices are numbered when first shown, which is now: the decision's, then
                    // the 告知承诺书 the applicant signs when something was accepted under 容缺.
                    var document: StoredDocument?, then: [StoredDocument] = [], numberingFailed: String?
                    do {
                        document = try notice.map { try printer.numberedDocument(noticeId: $0.id, by: by) }
                        if decision == .accept, let letter = try desk.commitmentNotice(caseId: caseId) {
                            then.append(try printer.numberedDocument(noticeId: letter.id, by: by))
                        }
                    } catch { numberingFailed = ErrorText.of(error) }
                    return .acted(.decided(decision, c, formProblems: notice?.formProblems?.count ?? 0, document: document, then: then,
                                           numberingFailed: numberingFailed), after())
                case .fulfil(let index):
                    let before = try desk.case(id: caseId)
                    let due = before.checks.indices.contains(index) ? before.checks[index].commitmentDue : nil
                    let c = try desk.fulfilCommitment(caseId: caseId, index: index, by: by)
                    let day = c.checks.indices.contains(index) ? c.checks[index].commitmentFulfilledOn : nil
                    return .acted(.fulfilled(index: index, onTime: (day ?? "") <= (due ?? "")), after())
                case .complete(let note):
                    let c = try desk.completeCase(caseId: caseId, today: context.today, note: note, window: nil, by: by)
                    return .acted(.completed(caseNumber: c.caseNumber), after())
                case .receipt:
                    let doc = try desk.issueMaterialsReceipt(caseId: caseId, by: by)
                    return .acted(.document(doc), after())
                case .preview(let noticeId):
                    let doc = try printer.numberedDocument(noticeId: noticeId, by: by)
                    return .acted(.document(doc), after())
                case .print(let target):
                    let doc = try document(target, printer: printer, desk: desk, caseId: caseId, by: by)
                    let job = try printer.printDocument(id: doc.id, by: by)
                    return .acted(.printing(jobId: job, label: doc.kind.label), after())
                case .retry(let jobId):
                    try printer.retryJob(id: jobId, by: by)
                    return .acted(.retrying(jobId: jobId), after())
                }
            } catch {
                if case .load = command { return .loadFailed(ErrorText.of(error)) }
                return .failed(ErrorText.of(error), after())
            }
        }
    }

    /// The document to print: the one given, or a notice's (numbered the first time).
    static func document(_ target: PrintTarget, printer: NoticePrinter, desk: IntakeDesk, caseId: String, by: Attribution) throws -> StoredDocument {
        switch target {
        case .notice(let id): return try printer.numberedDocument(noticeId: id, by: by)
        case .document(let id):
            guard let doc = try desk.documents(caseId: caseId).first(where: { $0.id == id }) else { throw StoreError.invalidInput("没有这份文书") }
            return doc
        }
    }

    /// The case, its notices and documents with each one's latest print job.
    static func read(_ context: IntakeContext, caseId: String, form: Bool) throws -> Snapshot {
        let desk = context.desk
        let c = try desk.case(id: caseId)
        var fields: (fields: [FormField], types: [MatterType])?
        if form {
            let matters = try context.matters(of: c)
            fields = (caseForm(for: matters), matters.map(\.type))
        }
        let documents = try desk.documents(caseId: caseId)
        func lastJob(_ d: StoredDocument?) throws -> PrintJob? { try d.flatMap { try desk.printJobs(documentId: $0.id).last } }
        var rows = try desk.notices(caseId: caseId).map { n in
            let doc = documents.first { $0.noticeId == n.id }
            return NoticeRow(notice: n, document: doc, lastJob: try lastJob(doc))
        }
        rows += try documents.filter { $0.noticeId == nil }.map { NoticeRow(notice: nil, document: $0, lastJob: try lastJob($0)) }
        return Snapshot(c: c, form: fields, notices: rows, history: try desk.caseHistory(caseId: caseId), readAt: desk.currentTime())
    }
}
