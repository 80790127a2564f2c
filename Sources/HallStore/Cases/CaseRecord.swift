import Foundation
import GRDB
import HallCore

/// One 办件 as the window works on it.
public struct Case: Equatable, Sendable {
    public var id: String
    public var caseNumber: String
    public var status: CaseStatus
    public var ticketId: String?
    public var windowNumber: Int?
    public var bundleCode: String?
    public var matters: [CaseMatter]
    public var form: [String: String]
    public var checks: [MaterialCheck]
    public var createdAt: Date
    public var acceptedAt: Date?
    public var dueDate: String?
    public var decisionNote: String?
    public var events: [CaseEvent]
    /// How the result is delivered, recorded at acceptance; nil before (and on older cases).
    public var delivery: CaseDelivery? = nil
    /// 容缺: the earliest deadline of a material still owed under the signed 告知承诺书; nil when
    /// nothing is owed. Past it, the case is flagged (`overdueCommitments`).
    public var commitmentDue: String? = nil

    public var applicantName: String { form["applicant.name"] ?? form["business.name"] ?? "" }
    public var missing: [MaterialCheck] { MaterialRules.shortfalls(checks) }
}

/// What a decision leaves for the printing issue: the notice's kind and its contents.
public enum NoticeKind: String, Codable, Sendable {
    case oneTimeCorrection, acceptance, refusal, materialsReceipt
    /// 办结通知书: a 即办件 accepted and done on the spot.
    case completion
    /// 告知承诺书: issued with the acceptance of a case that has 容缺 materials.
    case commitment
    public var title: String {
        switch self {
        case .oneTimeCorrection: return "一次性告知书（补正材料通知书）"
        case .acceptance: return "受理通知书"
        case .refusal: return "不予受理通知书"
        case .materialsReceipt: return "材料接收凭证"
        case .completion: return "办结通知书"
        case .commitment: return "告知承诺书"
        }
    }
}

public struct NoticeRecord: Codable, Equatable, Sendable {
    public var id: String
    public var caseId: String
    public var kind: NoticeKind
    public var caseNumber: String
    public var applicantName: String
    public var matters: [String]
    public var lines: [String]          // missing materials, received materials, or reasons
    public var legalBasis: String
    public var dueDate: String?
    public var createdAt: Date
    /// On a one-time correction notice: the form's missing or invalid answers, told with the
    /// materials. nil on notices stored before the form was part of the notice.
    public var formProblems: [FormProblem]? = nil
    /// On a 告知承诺书: each tolerated material and the day it is owed by.
    public var commitments: [CommitmentItem]? = nil
}

let caseJSONDecoder: JSONDecoder = {
    let d = JSONDecoder()
    d.dateDecodingStrategy = .secondsSince1970
    return d
}()

extension Case {
    init(row r: Row, events: [CaseEvent]) throws {
        func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
            try decodeJSON(T.self, r, column, table: "case_file", decoder: caseJSONDecoder)
        }
        self.init(id: r["id"], caseNumber: r["case_number"], status: try decode(CaseStatus.self, r, "status", table: "case_file"),
                  ticketId: r["ticket_id"], windowNumber: r["window_number"], bundleCode: r["bundle_code"],
                  matters: try json([CaseMatter].self, "matters"), form: try json([String: String].self, "form"),
                  checks: try json([MaterialCheck].self, "checks"),
                  createdAt: Date(timeIntervalSince1970: r["created_at"]),
                  acceptedAt: (r["accepted_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                  dueDate: r["due_date"], decisionNote: r["decision_note"], events: events,
                  delivery: try (r["delivery"] as String?).map { try caseJSONDecoder.decode(CaseDelivery.self, from: Data($0.utf8)) },
                  commitmentDue: r["commitment_due"])
    }
}
