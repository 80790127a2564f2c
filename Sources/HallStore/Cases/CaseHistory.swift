import Foundation
import GRDB
import HallCore

/// One line of a case's history (issue 14, must-deliver 6): what changed, from what to what, who
/// and when. Personal values were masked before they were stored (`CaseHistoryMask`).
public struct CaseHistoryEntry: Equatable, Sendable, Encodable {
    public var at: Date
    public var kind: CaseEventKind
    public var clerkNumber: String?
    /// The clerk's name when the 工号 is known to the hall.
    public var clerkName: String?
    /// The field's label for a form change ("申请人姓名"), else the event's own text.
    public var subject: String
    public var oldValue: String?
    public var newValue: String?

    public var kindLabel: String { kind.label }
}

/// How the history shows a value: a person's data masked, the rest as typed. A person's
/// identifiers by their kind; any other answer about a person (民族, 户号, 困难情形…) hidden whole.
public enum CaseHistoryMask {
    static let personalPrefixes = ["applicant.", "agent.", "buyer.", "mother.", "father.", "child.", "bank.", "household.",
                                   "hardship.", "insurance.", "residence.", "disability.", "utility.", "marriage."]

    public static func value(_ raw: String, field: FormField?, key: String) -> String {
        guard !raw.isEmpty else { return "" }
        switch field?.kind {
        case .personName: return maskName(raw)
        case .residentId: return maskIdentityNumber(normalizeIdentityInput(raw))
        case .phone: return maskPhone(raw)
        case .bankAccount: return String(repeating: "*", count: max(0, raw.count - 4)) + String(raw.suffix(4))
        case .address: return String(raw.prefix(6)) + (raw.count > 6 ? "****" : "")
        case .pastDate: return String(raw.prefix(4)) + (raw.count > 4 ? "-**-**" : "")
        case .choice, .multiChoice, .number, .date, .creditCode:
            return raw      // a choice among a few, a count, a date or a business's public code
        case .text, nil:
            return field == nil || personalPrefixes.contains(where: key.hasPrefix) ? "***" : raw
        }
    }
}

extension HallStore {
    /// The case's history, oldest first: every event with who, when, and for changes the old and
    /// the new value (masked where personal). Events stored before values were kept have neither.
    public func caseHistory(caseId: String) throws -> [CaseHistoryEntry] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM case_file WHERE id = ?", arguments: [caseId]) != nil else {
                throw StoreError.invalidInput("没有这个办件")
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.at, e.kind, e.clerk_number, e.detail, e.old_value, e.new_value, c.name AS clerk_name
                FROM case_event e LEFT JOIN clerk c ON c.number = e.clerk_number
                WHERE e.case_id = ? ORDER BY e.seq
                """, arguments: [caseId])
            return rows.map { r in
                let kind = CaseEventKind(rawValue: r["kind"]) ?? .opened
                let detail: String = r["detail"]
                // A form change's detail is its key: the history names the field as the form does.
                let subject = kind == .fieldSaved ? (FormField.standard[detail]?.label ?? detail) : detail
                return CaseHistoryEntry(at: Date(timeIntervalSince1970: r["at"]), kind: kind, clerkNumber: r["clerk_number"],
                                        clerkName: r["clerk_name"], subject: subject, oldValue: r["old_value"], newValue: r["new_value"])
            }
        }
    }
}
