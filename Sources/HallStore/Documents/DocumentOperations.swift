import Foundation
import GRDB
import HallCore

extension HallStore {
    // MARK: writes — each a business write with its outbox operation and audit entry

    /// 出具文书: the numbered document for a decision's notice. Issuing the same notice again
    /// returns the document already issued (same 文号): a second paper copy is a reprint, not a
    /// new number.
    @discardableResult
    public func issueDocument(noticeId: String, by: Attribution) throws -> StoredDocument {
        if let existing = try document(noticeId: noticeId) { return existing }
        do {
            return try issueNew(noticeId: noticeId, by: by)
        } catch AlreadyIssued.notice {
            // Another process issued it between our read and our write: theirs is the document.
            guard let existing = try document(noticeId: noticeId) else { throw StoreError.internalError("document vanished") }
            return existing
        }
    }

    private enum AlreadyIssued: Error { case notice }

    private func issueNew(noticeId: String, by: Attribution) throws -> StoredDocument {
        try perform(by) { tx, hall in
            if try Bool.fetchOne(tx.db, sql: "SELECT 1 FROM printed_document WHERE notice_id = ?", arguments: [noticeId]) == true {
                throw AlreadyIssued.notice
            }
            guard let body = try String.fetchOne(tx.db, sql: "SELECT body FROM notice WHERE id = ?", arguments: [noticeId]) else {
                throw StoreError.invalidInput("没有这份通知")
            }
            let notice = try caseJSONDecoder.decode(NoticeRecord.self, from: Data(body.utf8))
            let c = try Self.loadForUpdate(tx, notice.caseId)
            let clerk = try String.fetchOne(tx.db, sql: """
                SELECT clerk_number FROM case_event WHERE case_id = ? AND kind = ? AND at <= ? ORDER BY seq DESC LIMIT 1
                """, arguments: [c.id, Self.decisionEvent(notice.kind).rawValue, notice.createdAt.timeIntervalSince1970 + 1])
            let settings = try DocumentRows.settings(tx.db, hall: hall)
            let context = try NoticeDocumentSource.context(tx.db, hall: hall, settings: settings, case: c, issuedAt: notice.createdAt,
                                                           clerkNumber: clerk ?? tx.attribution.clerkNumber)
            let doc = NoticeDocumentSource.document(for: notice, case: c, context: context)
            return try Self.store(tx, hall: hall, settings: settings, doc, caseId: c.id, noticeId: noticeId)
        }
    }

    /// 材料接收凭证 for what the checklist shows as handed in now (no decision needed). It is not a
    /// 文书 of the official series: it is numbered by its case (YC202603020001-凭1, -凭2 …), and
    /// after acceptance it says so instead of "不代表已受理".
    @discardableResult
    public func issueMaterialsReceipt(caseId: String, by: Attribution) throws -> StoredDocument {
        try perform(by) { tx, hall in
            let c = try Self.loadForUpdate(tx, caseId)
            let names = Dictionary(c.matters.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            let received = MaterialLines.received(c.checks, matterNames: names)
            guard !received.isEmpty else { throw StoreError.nothingReceived }
            let settings = try DocumentRows.settings(tx.db, hall: hall)
            let context = try NoticeDocumentSource.context(tx.db, hall: hall, settings: settings, case: c, issuedAt: tx.now,
                                                           clerkNumber: tx.attribution.clerkNumber)
            let accepted = [.accepted, .completed].contains(c.status) ? c.acceptedAt : nil
            let acceptanceNumber = try accepted.flatMap { _ in
                try String.fetchOne(tx.db, sql: """
                    SELECT number FROM printed_document WHERE case_id = ? AND kind IN ('acceptance', 'completion') ORDER BY created_at LIMIT 1
                    """, arguments: [c.id])
            }
            let doc = NoticeBuilder.materialsReceipt(context, received: received, acceptedAt: accepted, acceptanceNumber: acceptanceNumber)
            let earlier = try Int.fetchOne(tx.db, sql: "SELECT COUNT(*) FROM printed_document WHERE case_id = ? AND kind = 'materialsReceipt'",
                                           arguments: [c.id]) ?? 0
            return try Self.store(tx, hall: hall, settings: settings, doc, caseId: c.id, noticeId: nil,
                                  ownNumber: "\(c.caseNumber)-凭\(earlier + 1)")
        }
    }

    /// 文号设置: the agency's name, its 机关代字 and the phone printed on notices. Numbers already
    /// issued keep their text; the sequence of the year goes on.
    public func setDocumentSettings(_ settings: DocumentSettings, by: Attribution) throws {
        let agency = cleanNote(settings.agencyName), abbreviation = cleanNote(settings.abbreviation)
        guard !agency.isEmpty, agency.count <= 60 else { throw StoreError.invalidInput("机关名称应为1到60个字") }
        guard !abbreviation.isEmpty, abbreviation.count <= 12, !abbreviation.contains("〔"), !abbreviation.contains("〕") else {
            throw StoreError.invalidInput("机关代字应为1到12个字，且不含六角括号")
        }
        let phone = settings.phone.map(cleanNote).flatMap { $0.isEmpty ? nil : $0 }
        try perform(by) { tx, hall in
            try tx.db.execute(sql: """
                INSERT INTO document_settings (hall_id, agency_name, abbreviation, phone) VALUES (?, ?, ?, ?)
                ON CONFLICT (hall_id) DO UPDATE SET agency_name = excluded.agency_name, abbreviation = excluded.abbreviation, phone = excluded.phone
                """, arguments: [hall.hallId, agency, abbreviation, phone])
            let value = DocumentSettings(agencyName: agency, abbreviation: abbreviation, phone: phone)
            try tx.outbox(.referenceChanged, entityId: hall.hallId, payload: value)
            try tx.audit(action: "document.settings", entity: "hall", entityId: hall.hallId,
                         detail: "文书设置：\(agency)，机关代字“\(abbreviation)”")
        }
    }

    // MARK: reads

    public func documentSettings() throws -> DocumentSettings {
        try read { db in try DocumentRows.settings(db, hall: HallInfo.load(db, path: self.path)) }
    }

    public func document(id: String) throws -> StoredDocument {
        try read { db in try DocumentRows.loadDocument(db, id: id) }
    }

    /// The documents of a case, oldest first (the case screen's 文书 list).
    public func documents(caseId: String) throws -> [StoredDocument] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM printed_document WHERE case_id = ? ORDER BY created_at, rowid",
                             arguments: [caseId]).map(DocumentRows.document)
        }
    }

    /// The document issued for a notice, if any.
    public func document(noticeId: String) throws -> StoredDocument? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM printed_document WHERE notice_id = ?", arguments: [noticeId]).map(DocumentRows.document)
        }
    }

    // MARK: inside the transaction

    /// Numbers the document from the hall's series for this year (gap-free: the counter and the
    /// document are written in the same transaction), fills in the QR payload, and records it.
    /// `ownNumber`: a document outside the series (a receipt) keeps that number, and no year or
    /// sequence, so the series stays 1…N of formal notices.
    static func store(_ tx: BusinessTransaction, hall: HallInfo, settings: DocumentSettings, _ draft: Document,
                      caseId: String?, noticeId: String?, ownNumber: String? = nil) throws -> StoredDocument {
        let id = newId()
        var year: Int? = Int(tx.serviceDay.prefix(4))!
        var sequence: Int?
        if ownNumber == nil {
            sequence = try Int.fetchOne(tx.db, sql: """
                INSERT INTO document_counter (hall_id, year, last) VALUES (?, ?, 1)
                ON CONFLICT (hall_id, year) DO UPDATE SET last = last + 1 RETURNING last
                """, arguments: [hall.hallId, year])!
        } else {
            year = nil
        }
        var doc = draft
        let number = ownNumber ?? DocumentNumber.format(abbreviation: settings.abbreviation, year: year!, sequence: sequence!)
        doc.number = number
        let caseNumber = doc.fields.first { $0.label == "办件编号" }?.value ?? ""
        doc.qrPayload = DocumentQR.notice(number: number, caseNumber: caseNumber, documentId: id)
        let body = jsonText(doc)
        try tx.db.execute(sql: """
            INSERT INTO printed_document (id, hall_id, kind, number, year, sequence, case_id, notice_id, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, hall.hallId, doc.kind.rawValue, number, year, sequence, caseId, noticeId, body, tx.now.timeIntervalSince1970])
        struct Payload: Encodable { let id, kind, number: String; let caseId, noticeId: String?; let body: String; let at: Date }
        try tx.outbox(.documentIssued, entityId: id, payload: Payload(id: id, kind: doc.kind.rawValue, number: number, caseId: caseId,
                                                                      noticeId: noticeId, body: body, at: tx.now))
        // The audit names the document and the case, never the applicant.
        try tx.audit(action: "document.issued", entity: "document", entityId: id,
                     detail: "出具\(doc.kind.label) \(number)（办件\(caseNumber)）")
        return StoredDocument(id: id, kind: doc.kind, number: number, caseId: caseId, noticeId: noticeId, document: doc, createdAt: tx.now)
    }

    static func decisionEvent(_ kind: NoticeKind) -> CaseEventKind {
        switch kind {
        case .oneTimeCorrection: return .correctionRequested
        case .acceptance: return .accepted
        case .refusal: return .refused
        case .materialsReceipt: return .materialChecked
        case .completion: return .completed
        case .commitment: return .accepted
        }
    }
}
