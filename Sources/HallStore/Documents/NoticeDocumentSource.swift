import Foundation
import GRDB
import HallCore

/// Turns what the store knows about a case into HallCore's plain notice facts, and a stored
/// notice into its document. Lives in HallStore because NoticeRecord does; HallCore builds.
enum NoticeDocumentSource {
    /// The header facts of a case: applicant from the form, matters and their 设定依据 from the
    /// catalog version the case was opened with, the window, and the clerk who decided.
    static func context(_ db: Database, hall: HallInfo, settings: DocumentSettings, case c: Case,
                        issuedAt: Date, clerkNumber: String?) throws -> NoticeContext {
        let matters = try HallStore.caseMatters(db, c)
        // A value the form knows to be invalid is marked, never printed as if valid.
        let problems = formProblems(caseForm(for: matters), c.form, today: issuedAt, calendar: hall.calendar)
        let applicant = NoticeApplicant.from(form: c.form, name: c.applicantName, problems: problems)
        let window = try c.windowNumber.flatMap {
            try String.fetchOne(db, sql: "SELECT name FROM hall_window WHERE number = ?", arguments: [$0])
        }
        let clerk = try clerkNumber.flatMap { number in
            try String.fetchOne(db, sql: "SELECT name FROM clerk WHERE number = ?", arguments: [number]).map { "\($0)（工号\(number)）" }
        }
        return NoticeContext(agency: settings.agencyName, caseNumber: c.caseNumber, applicant: applicant,
                             matters: c.matters.map(\.name), matterLegalBases: matters.map(\.legalBasis),
                             appliedAt: c.createdAt, issuedAt: issuedAt, window: window, clerk: clerk,
                             phone: settings.phone ?? matters.first(where: { !$0.enquiryPhone.isEmpty })?.enquiryPhone,
                             calendar: hall.calendar)
    }

    /// The document for a decision's notice. The notice's lines are what was decided and are
    /// authoritative (the checklist may have changed since); the checklist only adds which
    /// matter asks for a material.
    static func document(for notice: NoticeRecord, case c: Case, context: NoticeContext) -> Document {
        let matterNames = Dictionary(c.matters.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        switch notice.kind {
        case .oneTimeCorrection:
            let several = Set(c.checks.map(\.matterCode)).count > 1
            let lines = notice.lines.map { line -> MaterialLine in
                var m = parseShortfall(line)
                if several, let check = c.checks.first(where: { $0.materialName == m.name }) { m.matter = matterNames[check.matterCode] }
                return m
            }
            return NoticeBuilder.oneTimeCorrection(context, missing: lines, formProblems: notice.formProblems ?? [],
                                                   basis: basis(notice.legalBasis, NoticeBuilder.correctionBasis))
        case .acceptance:
            // An accepted case's checklist is frozen, so it is the structured record of the notice.
            return NoticeBuilder.acceptance(context, received: MaterialLines.received(c.checks, matterNames: matterNames),
                                            dueDayKey: notice.dueDate, promisedWorkingDays: c.matters.compactMap(\.promisedWorkingDays).max(),
                                            delivery: c.delivery?.method ?? .windowPickup, deliveryAddress: c.delivery?.address,
                                            basis: basis(notice.legalBasis, NoticeBuilder.acceptanceBasis))
        case .refusal:
            var reasons: [String] = [], agency: String?
            for line in notice.lines where line != refusalRemedies {
                if line.hasPrefix("请向"), line.hasSuffix("申请") { agency = String(line.dropFirst(2).dropLast(2)) } else { reasons.append(line) }
            }
            return NoticeBuilder.refusal(context, reasons: reasons, rightAgency: agency,
                                         basis: agency == nil ? notice.legalBasis : basis(notice.legalBasis, NoticeBuilder.refusalBasis))
        case .materialsReceipt:
            return NoticeBuilder.materialsReceipt(context, received: MaterialLines.received(c.checks, matterNames: matterNames))
        case .commitment:
            return NoticeBuilder.commitment(context, items: notice.commitments ?? [], basis: notice.legalBasis)
        case .completion:
            return NoticeBuilder.completion(context, received: MaterialLines.received(c.checks, matterNames: matterNames),
                                            delivery: c.delivery?.method ?? .windowPickup, deliveryAddress: c.delivery?.address,
                                            basis: basis(notice.legalBasis, NoticeBuilder.acceptanceBasis))
        }
    }

    /// Notices stored before the basis was chosen per decision name only §32; such a notice says
    /// which item of it applies.
    static func basis(_ stored: String, _ specific: String) -> String {
        stored == "《中华人民共和国行政许可法》第三十二条" ? specific : stored
    }

    /// "经营场所使用证明（原件1份，复印件0份）" or "…（还需原件0份，复印件1份）" (MaterialCheck.shortfall).
    static func parseShortfall(_ line: String) -> MaterialLine {
        guard line.hasSuffix("份）"), let open = line.range(of: "（", options: .backwards) else {
            return MaterialLine(name: line, originals: 0, copies: 0)
        }
        let name = String(line[..<open.lowerBound])
        var inner = String(line[open.upperBound...].dropLast())
        let partial = inner.hasPrefix("还需")
        if partial { inner.removeFirst(2) }
        let numbers = inner.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 2, inner.hasPrefix("原件") else { return MaterialLine(name: line, originals: 0, copies: 0) }
        return MaterialLine(name: name, originals: numbers[0], copies: numbers[1], note: partial ? "已交部分，须补齐" : nil)
    }
}
