import Foundation
import GRDB
import HallCore

/// One row of the case list: enough to find a case, with the identity number masked.
public struct CaseListRow: Equatable, Sendable {
    public var id: String
    public var caseNumber: String
    public var status: CaseStatus
    public var applicantName: String
    public var applicantIdMasked: String
    public var matters: String
    public var dueDate: String?
    public var updatedAt: Date
}

extension HallStore {
    // MARK: writes — each one a business write with its case event, outbox op and audit entry

    /// 开始受理: a new case for the matters the applicant came for (one bundle or a single matter).
    public func openCase(window: Int?, ticketId: String?, bundleCode: String?, matters: [CaseMatter],
                         checks: [MaterialCheck], by: Attribution) throws -> Case {
        guard !matters.isEmpty else { throw StoreError.invalidInput("请至少选择一个事项") }
        let id = try perform(by) { tx, hall -> String in
            let day = tx.serviceDay.replacingOccurrences(of: "-", with: "")
            let seq = try Int.fetchOne(tx.db, sql: """
                INSERT INTO day_counter (hall_id, service_id, day, last) VALUES (?, 'case', ?, 1)
                ON CONFLICT (hall_id, service_id, day) DO UPDATE SET last = last + 1 RETURNING last
                """, arguments: [hall.hallId, tx.serviceDay])!
            let number = "YC\(day)\(String(format: "%04d", seq))"
            let id = newId()
            let now = tx.now.timeIntervalSince1970
            try tx.db.execute(sql: """
                INSERT INTO case_file (id, hall_id, case_number, status, ticket_id, window_number, bundle_code, matters, form, checks, created_at, updated_at)
                VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, '{}', ?, ?, ?)
                """, arguments: [id, hall.hallId, number, ticketId, window, bundleCode, jsonText(matters), jsonText(checks), now, now])
            try Self.caseEvent(tx, caseId: id, .opened, "\(number)：" + matters.map(\.name).joined(separator: "、"))
            for m in matters { try tx.recordMatterUse(code: m.code) }   // search ranks by how often the hall uses a matter
            return id
        }
        return try self.case(id: id)
    }

    /// Saves one form field as the clerk leaves it, so a killed process loses at most the field
    /// being typed. The value is kept bounded and free of anything invisible (escape sequences,
    /// control characters), whichever front end sent it, so none reaches a printed notice.
    public func saveField(caseId: String, key: String, value raw: String, by: Attribution) throws {
        try saveFields(caseId: caseId, [(key, raw)], by: by)
    }

    /// Several fields in one write: all of them are saved, or (on any refusal) none.
    public func saveFields(caseId: String, _ values: [(key: String, value: String)], by: Attribution) throws {
        guard !values.isEmpty else { throw StoreError.invalidInput("没有要保存的内容：请给出 字段=内容") }
        let cleaned = try values.map { key, raw -> (String, String) in
            let value = FieldValidation.clean(raw)
            guard value.count <= 200 else { throw StoreError.invalidInput("内容过长（最多200字）") }
            return (key, value)
        }
        try perform(by) { tx, _ in
            var c = try Self.loadForUpdate(tx, caseId)
            guard c.status == .draft || c.status == .awaitingCorrection else { throw StoreError.caseClosedForChanges(status: c.status.label, part: "表单") }
            let fields = try caseForm(for: Self.caseMatters(tx.db, c))
            for (key, value) in cleaned {
                let before = c.form[key] ?? ""
                c.form[key] = value
                let idColumn = ["applicant.idNumber", "business.creditCode"].contains(key) ? normalizeIdentityInput(value) : nil
                try tx.db.execute(sql: """
                    UPDATE case_file SET form = ?, updated_at = ?, applicant_name = ?, name_pinyin = ?, business_pinyin = ?,
                        applicant_id = COALESCE(?, applicant_id) WHERE id = ?
                    """, arguments: [jsonText(c.form), tx.now.timeIntervalSince1970, c.applicantName, PinyinSpelling.spell(c.applicantName),
                                     PinyinSpelling.spell(c.form["business.name"] ?? ""), idColumn, caseId])
                // The log says which field changed; its history values are masked where personal.
                let field = fields.first { $0.key == key } ?? FormField.standard[key]
                try Self.caseEvent(tx, caseId: caseId, .fieldSaved, key, old: CaseHistoryMask.value(before, field: field, key: key),
                                   new: CaseHistoryMask.value(value, field: field, key: key))
            }
        }
    }

    /// Ticks one material line of the checklist.
    public func setMaterial(caseId: String, index: Int, state: MaterialState, by: Attribution) throws {
        try perform(by) { tx, _ in
            var c = try Self.loadForUpdate(tx, caseId)
            guard c.status == .draft || c.status == .awaitingCorrection else { throw StoreError.caseClosedForChanges(status: c.status.label, part: "材料") }
            guard c.checks.indices.contains(index) else { throw StoreError.invalidInput("没有第\(index + 1)项材料") }
            let before = c.checks[index].state.label
            do { c.checks[index] = try MaterialRules.set(state, on: c.checks[index]) } catch { throw StoreError.invalidInput(error.localizedDescription) }
            try tx.db.execute(sql: "UPDATE case_file SET checks = ?, updated_at = ? WHERE id = ?",
                              arguments: [jsonText(c.checks), tx.now.timeIntervalSince1970, caseId])
            try Self.caseEvent(tx, caseId: caseId, .materialChecked, "\(c.checks[index].materialName)：\(state.label)",
                               old: before, new: c.checks[index].state.label)
        }
    }

    /// The applicant came back with the missing materials: the case continues with its form and
    /// checks intact, and only the missing lines left to tick.
    public func resumeCase(caseId: String, by: Attribution) throws -> Case {
        try perform(by) { tx, _ in
            let c = try Self.loadForUpdate(tx, caseId)
            guard c.status == .awaitingCorrection else { throw StoreError.caseNotAwaitingCorrection }
            try tx.db.execute(sql: "UPDATE case_file SET status = 'draft', updated_at = ? WHERE id = ?", arguments: [tx.now.timeIntervalSince1970, caseId])
            try Self.caseEvent(tx, caseId: caseId, .resumed, "待补正材料：" + c.missing.map(\.materialName).joined(separator: "、"),
                               old: c.status.label, new: CaseStatus.draft.label)
        }
        return try self.case(id: caseId)
    }

    /// 行政许可法 §32: accept, ask for everything missing at once, refuse, or correct on the spot.
    /// `dueDate` turns (acceptance day, working days) into the promised date on the official
    /// calendar; it throws when the calendar for a needed year is missing, and then nothing changes.
    /// `legalBasis`: nil cites what applies to the case's matter types (DecisionBasis).
    /// `delivery`: how the result reaches the applicant, recorded with an acceptance (nil: 窗口领取).
    @discardableResult
    public func decide(caseId: String, _ decision: IntakeDecision, legalBasis: String? = nil, delivery: CaseDelivery? = nil,
                       dueDate: (String, Int) throws -> String, by: Attribution) throws -> (Case, NoticeRecord?) {
        let notice: NoticeRecord? = try perform(by) { tx, hall in
            let c = try Self.loadForUpdate(tx, caseId)
            let matters = try Self.caseMatters(tx.db, c)
            let problems = formProblems(caseForm(for: matters), c.form, today: tx.now, calendar: hall.calendar)
            if let why = IntakeDecisionRules.check(decision, status: c.status, checks: c.checks, formProblems: problems,
                                                   types: matters.map(\.type)) {
                throw StoreError.ruleRefused(why)
            }
            let legalBasis = legalBasis ?? DecisionBasis.procedural(decision, matters: matters.map(DecisionBasis.MatterRef.init))
            let now = tx.now.timeIntervalSince1970
            func record(_ kind: NoticeKind, _ lines: [String], due: String? = nil, formProblems: [FormProblem]? = nil,
                        commitments: [CommitmentItem]? = nil, basis: String? = nil) throws -> NoticeRecord {
                let n = NoticeRecord(id: newId(), caseId: caseId, kind: kind, caseNumber: c.caseNumber, applicantName: c.applicantName,
                                     matters: c.matters.map(\.name), lines: lines, legalBasis: basis ?? legalBasis, dueDate: due, createdAt: tx.now,
                                     formProblems: formProblems, commitments: commitments)
                try tx.db.execute(sql: "INSERT INTO notice (id, hall_id, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                  arguments: [n.id, hall.hallId, caseId, kind.rawValue, jsonText(n), now])
                return n
            }
            switch decision {
            case .accept:
                let promised = c.matters.compactMap(\.promisedWorkingDays).max()
                var due: String?
                if let days = promised {
                    do { due = try dueDate(tx.serviceDay, days) } catch { throw StoreError.ruleRefused(error.localizedDescription) }
                }
                // 容缺: each tolerated line's deadline is fixed now, on the same calendar as the due date.
                let checks: [MaterialCheck]
                do { checks = try CommitmentRules.fixDeadlines(c.checks, acceptedOn: tx.serviceDay, dueDate: dueDate) } catch {
                    throw StoreError.ruleRefused(error.localizedDescription)
                }
                let owed = checks.compactMap(CommitmentItem.init)
                let status: CaseStatus = promised == nil ? .completed : .accepted
                let delivery = try delivery ?? CaseDelivery(.windowPickup)
                try tx.db.execute(sql: """
                    UPDATE case_file SET status = ?, accepted_at = ?, due_date = ?, checks = ?, commitment_due = ?, delivery = ?, updated_at = ? WHERE id = ?
                    """, arguments: [status.rawValue, now, due, jsonText(checks), CommitmentRules.nextDue(checks), jsonText(delivery), now, caseId])
                // The delivery (an address is personal) stays on the case, out of the log.
                let first = owed.map(\.due).min() ?? ""
                let tolerated = owed.isEmpty ? "" : "；容缺\(owed.count)项，" + (owed.count == 1 ? "" : "最早") + "\(first)前补交"
                try Self.caseEvent(tx, caseId: caseId, .accepted, (due.map { "承诺\(promised!)个工作日，\($0)前办结" } ?? "即办件，当场办结") + tolerated,
                                   old: c.status.label, new: status.label)
                if !owed.isEmpty {
                    // The 告知承诺书 the applicant signs: a notice of its own, issued with the acceptance.
                    _ = try record(.commitment, owed.map { "\($0.materialName)：\($0.due)前补交" }, commitments: owed,
                                   basis: NoticeBuilder.commitmentBasis)
                }
                if status == .completed {
                    try Self.caseEvent(tx, caseId: caseId, .completed, "即办件当场办结")
                    // A 即办件 is a whole service event: invite its rating now, named by its matters.
                    if let w = c.windowNumber {
                        let ticket = try c.ticketId.flatMap { try Row.fetchOne(tx.db, sql: "SELECT * FROM ticket WHERE id = ?", arguments: [$0]) }.map(Ticket.init(row:))
                        try tx.inviteRating(window: w, ticket: ticket, caseId: caseId, caseNumber: c.caseNumber, matter: c.matters.map(\.name).joined(separator: "、"))
                    }
                }
                let received = checks.filter { $0.shortfall == nil }.map { "\($0.materialName)：\($0.state.label)" }
                // A 即办件 is done: its paper is the record of the result, not a promise of one.
                return try record(status == .completed ? .completion : .acceptance, received, due: due)
            case .requestCorrection:
                let missing = c.missing.compactMap(\.shortfall)
                try tx.db.execute(sql: "UPDATE case_file SET status = 'awaitingCorrection', updated_at = ? WHERE id = ?", arguments: [now, caseId])
                // The log names the fields, never their content (personal data stays in the case).
                let form = problems.isEmpty ? "" : "；申请表待补正\(problems.count)处：" + problems.map(\.label).joined(separator: "、")
                try Self.caseEvent(tx, caseId: caseId, .correctionRequested, "一次性告知缺\(missing.count)项：" + missing.joined(separator: "；") + form,
                                   old: c.status.label, new: CaseStatus.awaitingCorrection.label)
                return try record(.oneTimeCorrection, missing, formProblems: problems)
            case .refuse(let reason, let agency):
                let text = cleanNote(reason)
                let lines = [text] + (agency.map { ["请向\(cleanNote($0))申请"] } ?? []) + [refusalRemedies]
                try tx.db.execute(sql: "UPDATE case_file SET status = 'refused', decision_note = ?, updated_at = ? WHERE id = ?", arguments: [text, now, caseId])
                try Self.caseEvent(tx, caseId: caseId, .refused, text, old: c.status.label, new: CaseStatus.refused.label)
                return try record(.refusal, lines)
            case .correctOnSpot(let what):
                try Self.caseEvent(tx, caseId: caseId, .correctedOnSpot, cleanNote(what))
                return nil
            case .noPermitNeeded(let why):
                let text = "申请事项依法不需要取得行政许可：" + cleanNote(why)
                try tx.db.execute(sql: "UPDATE case_file SET status = 'refused', decision_note = ?, updated_at = ? WHERE id = ?", arguments: [text, now, caseId])
                try Self.caseEvent(tx, caseId: caseId, .refused, text, old: c.status.label, new: CaseStatus.refused.label)
                return try record(.refusal, [text, refusalRemedies])
            }
        }
        return (try self.case(id: caseId), notice)
    }

    /// The case's matters as the catalog versions it was opened with.
    static func caseMatters(_ db: Database, _ c: Case) throws -> [Matter] {
        try c.matters.compactMap { m in
            try Row.fetchOne(db, sql: "SELECT version, body FROM matter WHERE code = ? AND version = ?", arguments: [m.code, m.version])
                .map(HallStore.decodeMatter)
        }
    }

    static func loadForUpdate(_ tx: BusinessTransaction, _ caseId: String) throws -> Case {
        guard let r = try Row.fetchOne(tx.db, sql: "SELECT * FROM case_file WHERE id = ?", arguments: [caseId]) else {
            throw StoreError.invalidInput("没有这个办件")
        }
        return try Case(row: r, events: [])
    }

    /// `old`/`new`: the history's before and after, already masked where personal.
    static func caseEvent(_ tx: BusinessTransaction, caseId: String, _ kind: CaseEventKind, _ detail: String,
                          old: String? = nil, new: String? = nil) throws {
        let id = newId()
        try tx.db.execute(sql: """
            INSERT INTO case_event (id, hall_id, case_id, kind, at, clerk_number, detail, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, tx.hallId, caseId, kind.rawValue, tx.now.timeIntervalSince1970, tx.attribution.clerkNumber, detail, old, new])
        struct Payload: Encodable { let id: String; let caseId: String; let kind: String; let at: Date; let detail: String }
        try tx.outbox(.caseEvent, entityId: caseId, payload: Payload(id: id, caseId: caseId, kind: kind.rawValue, at: tx.now, detail: detail))
        try tx.audit(action: "case.\(kind.rawValue)", entity: "case", entityId: caseId, detail: "\(kind.label)：\(detail)")
    }

    // MARK: reads

    public func `case`(id: String) throws -> Case {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM case_file WHERE id = ?", arguments: [id]) else {
                throw StoreError.invalidInput("没有这个办件")
            }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM case_event WHERE case_id = ? ORDER BY seq", arguments: [id]).map {
                CaseEvent(at: Date(timeIntervalSince1970: $0["at"]), kind: try decode(CaseEventKind.self, $0, "kind", table: "case_event"),
                          clerkNumber: $0["clerk_number"], detail: $0["detail"])
            }
            return try Case(row: r, events: events)
        }
    }

    /// The case list. With no query: every case, the most recently worked on first. With a query,
    /// newest case first (by case number, which counts up by service day), the cases whose
    /// - case number starts with it: "YC20261121" lists that day's cases, a whole number its case;
    /// - applicant ID number or credit code is it, however typed (lower-case x, full-width digits,
    ///   spaces or hyphens between groups); never a part of one, so nobody can list the people of
    ///   a district or a birth year;
    /// - applicant name starts with it: "张" lists every 张…, a full name that person;
    /// - a company's name or its legal representative starts with it, the full pinyin of the
    ///   applicant's name or the company's name starts with it ("zhangsan", "shifanqu"), or 1–4 digits are the case number's last
    ///   (the day's sequence: "42" lists every YC…0042), see CaseSearchKeys.
    /// ID numbers come back masked. Every search reads indexes in case-number order and stops after
    /// `offset + limit` rows where it can, so a page costs about the same at a thousand cases or a
    /// million (BENCHMARKS.md, `cases`; indexes in Migrations+CaseIndexes.swift).
    public func cases(matching query: String = "", limit: Int = 20, offset: Int = 0) throws -> [CaseListRow] {
        let name = query.trimmingCharacters(in: .whitespaces)
        let key = normalizeIdentityInput(name)
        let limit = max(0, limit), offset = max(0, offset)
        let columns = "id, case_number, status, applicant_name, applicant_id, matters, due_date, updated_at"
        // Appended to a prefix, the end of the range of texts that start with it: U+10FFFF is the
        // largest scalar and SQLite compares text bytewise, so `col >= p AND col < p || end` is a
        // prefix match on an index (LIKE is not: it ignores case and would need NOCASE indexes).
        let end = "\u{10FFFF}"
        let rows: [Row] = try read { db in
            guard !key.isEmpty else {
                return try Row.fetchAll(db, sql: "SELECT \(columns) FROM case_file ORDER BY updated_at DESC LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
            }
            // Each kind of match takes its own index (an OR across the columns would scan the
            // table), yields at most the rows this page could need, and the pieces are merged below.
            let need = offset + limit
            var found: [Row] = []
            if key.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
                found += try Row.fetchAll(db, sql: """
                    SELECT \(columns) FROM case_file INDEXED BY case_number_search
                    WHERE case_number >= ? AND case_number < ? ORDER BY case_number DESC LIMIT ?
                    """, arguments: [key, key + end, need])
                found += try Row.fetchAll(db, sql: """
                    SELECT \(columns) FROM case_file INDEXED BY case_applicant_id_number
                    WHERE applicant_id = ? ORDER BY case_number DESC LIMIT ?
                    """, arguments: [key, need])
            }
            // Names: a prefix matches one person or, for a common surname, tens of thousands.
            // Few matches (counted from the name index, up to a cap): sort them. Many: they are
            // dense, so walk the newest case numbers (index only, names are in that index) and stop
            // after `need` of them, but only through the newest `walk` cases, so matches that are
            // all old (a company that filed thousands of cases years ago) cannot make it read the
            // whole index; then sort the matches after all.
            let cap = max(2_000, need * 20), walk = max(50_000, need * 250)
            let matches = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT 1 FROM case_file INDEXED BY case_applicant_name_number
                                      WHERE applicant_name >= ? AND applicant_name < ? LIMIT ?)
                """, arguments: [name, name + end, cap]) ?? 0
            var named: [Row]?
            if matches >= cap {
                let oldest = try String.fetchOne(db, sql: """
                    SELECT case_number FROM case_file INDEXED BY case_number_search ORDER BY case_number DESC LIMIT 1 OFFSET ?
                    """, arguments: [walk])
                let newest = try Row.fetchAll(db, sql: """
                    SELECT \(columns) FROM case_file INDEXED BY case_number_search
                    WHERE applicant_name >= ? AND applicant_name < ? AND case_number >= ? ORDER BY case_number DESC LIMIT ?
                    """, arguments: [name, name + end, oldest ?? "", need])
                if newest.count == need || oldest == nil { named = newest }
            }
            found += try named ?? Row.fetchAll(db, sql: """
                SELECT \(columns) FROM case_file WHERE rowid IN (
                    SELECT rowid FROM case_file INDEXED BY case_applicant_name_number
                    WHERE applicant_name >= ? AND applicant_name < ? ORDER BY case_number DESC LIMIT ?)
                """, arguments: [name, name + end, need])
            found += try CaseSearchKeys.rows(db, query: name, need: need, columns: columns)
            var seen = Set<String>()
            let merged = found.filter { seen.insert($0["id"]).inserted }.sorted {
                let a: String = $0["case_number"], b: String = $1["case_number"]
                return a != b ? a > b : ($0["id"] as String) > ($1["id"] as String)
            }
            return Array(merged.dropFirst(offset).prefix(limit))
        }
        return try rows.map { r in
            let matters = try decodeJSON([CaseMatter].self, r, "matters", table: "case_file", decoder: caseJSONDecoder)
            return CaseListRow(id: r["id"], caseNumber: r["case_number"], status: try decode(CaseStatus.self, r, "status", table: "case_file"),
                               applicantName: r["applicant_name"], applicantIdMasked: maskIdentityNumber(r["applicant_id"]),
                               matters: matters.map(\.name).joined(separator: "、"), dueDate: r["due_date"],
                               updatedAt: Date(timeIntervalSince1970: r["updated_at"]))
        }
    }

    /// Open cases due today and overdue (for the window console and the dashboard).
    public func caseDeadlines(today: String) throws -> (dueToday: Int, overdue: Int) {
        try read { db in
            let dueToday = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_file WHERE status = 'accepted' AND due_date = ?", arguments: [today]) ?? 0
            let overdue = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_file WHERE status = 'accepted' AND due_date < ?", arguments: [today]) ?? 0
            return (dueToday, overdue)
        }
    }

    public func notices(caseId: String) throws -> [NoticeRecord] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM notice WHERE case_id = ? ORDER BY created_at", arguments: [caseId]).map {
                try caseJSONDecoder.decode(NoticeRecord.self, from: Data($0.utf8))
            }
        }
    }
}
