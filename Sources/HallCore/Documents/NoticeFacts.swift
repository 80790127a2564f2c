import Foundation

/// Who the notice is addressed to, as plain values (the store reads them from the case form).
public struct NoticeApplicant: Codable, Equatable, Sendable {
    /// The person's or the business's name, printed whole: the notice is addressed to them.
    public var name: String
    /// Resident ID number; printed masked (the case keeps it whole).
    public var residentId: String?
    /// Unified social credit code; printed whole (it is public register data).
    public var creditCode: String?
    /// 法定代表人（负责人）of a business, printed under that name (never as 联系人: it is not the
    /// person the phone number reaches).
    public var legalRepresentative: String?
    /// 代理人: who applied on the applicant's behalf.
    public var agent: String?
    /// Printed masked: the agency has the whole number in the case.
    public var phone: String?
    /// Header labels ("统一社会信用代码") whose form value is known to be invalid: the value is left
    /// out and the line says it needs correcting, so a wrong value is never printed as if valid.
    public var needsCorrection: [String]

    public init(name: String, residentId: String? = nil, creditCode: String? = nil, legalRepresentative: String? = nil,
                agent: String? = nil, phone: String? = nil, needsCorrection: [String] = []) {
        self.name = name; self.residentId = residentId; self.creditCode = creditCode
        self.legalRepresentative = legalRepresentative; self.agent = agent; self.phone = phone
        self.needsCorrection = needsCorrection
    }

    /// The applicant as the case form states them. A value whose field is among `problems` is
    /// not printed; its label goes to `needsCorrection` instead.
    public static func from(form: [String: String], name: String, problems: [FormProblem]) -> NoticeApplicant {
        let bad = Set(problems.map(\.key))
        var flagged: [String] = []
        func pick(_ label: String, _ keys: [String]) -> String? {
            guard let key = keys.first(where: { !(form[$0] ?? "").isEmpty }) else { return nil }
            if bad.contains(key) { flagged.append(label); return nil }
            return form[key]
        }
        let residentId = pick("身份证号码", ["applicant.idNumber"])
        let creditCode = pick("统一社会信用代码", ["business.creditCode"])
        let representative = pick("法定代表人", ["business.legalRepresentative"])
        let agent = pick("代理人", ["agent.name"])
        let phone = pick("联系电话", ["applicant.phone", "business.phone", "agent.phone"])
        return NoticeApplicant(name: name, residentId: residentId, creditCode: creditCode, legalRepresentative: representative,
                               agent: agent, phone: phone, needsCorrection: flagged)
    }
}

/// What every notice of one case shares: the header and the issuing window.
public struct NoticeContext: Sendable {
    /// The agency's full name (seal area, issuer line).
    public var agency: String
    public var caseNumber: String
    public var applicant: NoticeApplicant
    public var matters: [String]
    /// 设定依据 of the matters, as the catalog states them; printed with the procedural basis.
    public var matterLegalBases: [String]
    public var appliedAt: Date
    public var issuedAt: Date
    public var window: String?
    /// "张伟（工号1003）"
    public var clerk: String?
    /// 咨询电话 of the window or the matter.
    public var phone: String?
    public var calendar: HallCalendar

    public init(agency: String, caseNumber: String, applicant: NoticeApplicant, matters: [String], matterLegalBases: [String] = [],
                appliedAt: Date, issuedAt: Date, window: String? = nil, clerk: String? = nil, phone: String? = nil,
                calendar: HallCalendar = HallCalendar()) {
        self.agency = agency; self.caseNumber = caseNumber; self.applicant = applicant; self.matters = matters
        self.matterLegalBases = matterLegalBases; self.appliedAt = appliedAt; self.issuedAt = issuedAt
        self.window = window; self.clerk = clerk; self.phone = phone; self.calendar = calendar
    }
}

/// One material line on a notice: its name, the form (原件/复印件) and count, and a remark.
public struct MaterialLine: Codable, Equatable, Sendable {
    public var name: String
    public var originals: Int
    public var copies: Int
    /// The matter that asks for it, when the case covers several (一件事).
    public var matter: String?
    public var note: String?

    public init(name: String, originals: Int, copies: Int, matter: String? = nil, note: String? = nil) {
        self.name = name; self.originals = originals; self.copies = copies; self.matter = matter; self.note = note
    }

    /// "原件1份、复印件2份"; "—" when no paper is involved (免提交, 容缺).
    public var form: String {
        var parts: [String] = []
        if originals > 0 { parts.append("原件\(originals)份") }
        if copies > 0 { parts.append("复印件\(copies)份") }
        return parts.isEmpty ? "—" : parts.joined(separator: "、")
    }

    public var remark: String { [matter, note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "；") }
}

public enum MaterialLines {
    /// 行政许可法 §32(4): everything still missing and nothing else, with what is still owed when
    /// part of a material was handed in. `matterNames` maps matter codes to names; the matter is
    /// named only when the case covers several.
    public static func missing(_ checks: [MaterialCheck], matterNames: [String: String] = [:]) -> [MaterialLine] {
        let several = Set(checks.map(\.matterCode)).count > 1
        return MaterialRules.shortfalls(checks).map { c in
            var originals = c.requiredOriginals, copies = c.requiredCopies, note: String?
            if case .received(let o, let k) = c.state {
                originals = max(0, c.requiredOriginals - o); copies = max(0, c.requiredCopies - k)
                note = "已收原件\(o)份、复印件\(k)份"
            }
            return MaterialLine(name: c.materialName, originals: originals, copies: copies,
                                matter: several ? matterNames[c.matterCode] : nil, note: note ?? c.note)
        }
    }

    /// What the window took in (for 受理通知书 and 材料接收凭证): paper received with its counts,
    /// and the lines settled without paper, named as such.
    public static func received(_ checks: [MaterialCheck], matterNames: [String: String] = [:]) -> [MaterialLine] {
        let several = Set(checks.map(\.matterCode)).count > 1
        return checks.compactMap { c in
            let matter = several ? matterNames[c.matterCode] : nil
            switch c.state {
            case .received(let o, let k) where o + k > 0:
                return MaterialLine(name: c.materialName, originals: o, copies: k, matter: matter, note: c.note)
            case .toleratedWithCommitment:
                // The promise and how it stands: owed by its deadline, or handed in on a day.
                let standing = c.commitmentFulfilledOn.map { "，\($0)已补交" } ?? c.commitmentDue.map { "，\($0)前补交" } ?? ""
                return MaterialLine(name: c.materialName, originals: 0, copies: 0, matter: matter, note: "容缺受理，已签署承诺" + standing)
            case .exemptElectronicLicence(let licence):
                return MaterialLine(name: c.materialName, originals: 0, copies: 0, matter: matter, note: "免提交（\(licence)）")
            default:
                return nil
            }
        }
    }
}
