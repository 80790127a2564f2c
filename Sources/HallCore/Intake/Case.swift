import Foundation

/// 办件 status, derived from its events (行政许可法 §32 decisions).
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case draft                 // 受理中: form and checklist being filled
    case awaitingCorrection    // 待补正: one-time notice issued, waiting for the applicant
    case accepted              // 已受理: promised case, running against its due date
    case completed             // 已办结: 即办件 done on the spot (or a promised case finished)
    case refused               // 不予受理

    public var label: String {
        switch self {
        case .draft: return "受理中"
        case .awaitingCorrection: return "待补正"
        case .accepted: return "已受理"
        case .completed: return "已办结"
        case .refused: return "不予受理"
        }
    }
    public var isOpen: Bool { self == .draft || self == .awaitingCorrection || self == .accepted }
}

/// The matter as it stood in the catalog when the case was opened: a later re-import of the
/// catalog does not change an open case.
public struct CaseMatter: Codable, Equatable, Sendable {
    public var code: String
    public var version: Int
    public var name: String
    /// nil: 即办件, done on the spot; N: 承诺件, due N working days after acceptance.
    public var promisedWorkingDays: Int?
    public init(code: String, version: Int, name: String, promisedWorkingDays: Int?) {
        self.code = code; self.version = version; self.name = name; self.promisedWorkingDays = promisedWorkingDays
    }
}

public enum CaseEventKind: String, Codable, Sendable {
    case opened, fieldSaved, materialChecked, correctionRequested, resumed, correctedOnSpot, accepted, refused, completed
    public var label: String {
        switch self {
        case .opened: return "开始受理"
        case .fieldSaved: return "填写表单"
        case .materialChecked: return "核验材料"
        case .correctionRequested: return "一次性告知补正"
        case .resumed: return "补正后继续受理"
        case .correctedOnSpot: return "当场更正"
        case .accepted: return "受理"
        case .refused: return "不予受理"
        case .completed: return "办结"
        }
    }
}

public struct CaseEvent: Codable, Equatable, Sendable {
    public var at: Date
    public var kind: CaseEventKind
    public var clerkNumber: String?
    public var detail: String
    public init(at: Date, kind: CaseEventKind, clerkNumber: String?, detail: String) {
        self.at = at; self.kind = kind; self.clerkNumber = clerkNumber; self.detail = detail
    }
}

/// The legal decision taken at the window (行政许可法 §32 第一款, items in DecisionBasis.Clause).
public enum IntakeDecision: Equatable, Sendable {
    case accept
    case requestCorrection
    case refuse(reason: String, rightAgency: String?)
    case correctOnSpot(String)
    /// §32(1)(一): the matter needs no permit; the applicant is told so at once and not accepted.
    case noPermitNeeded(String)
}

/// Which decisions the checklist allows right now, and why not (Chinese, for the screen).
public enum IntakeDecisionRules {
    /// `formProblems`: what is still wrong with the form (the correction notice lists it too).
    /// `types`: the case's matter types; §32's refusal and no-permit items bind 行政许可 only.
    public static func check(_ decision: IntakeDecision, status: CaseStatus, checks: [MaterialCheck],
                             formProblems: [FormProblem] = [], types: [MatterType] = []) -> String? {
        guard status == .draft || status == .awaitingCorrection else { return "办件状态为“\(status.label)”，不能再作受理决定" }
        switch decision {
        case .accept, .requestCorrection:
            let unchecked = MaterialRules.unchecked(checks)
            if !unchecked.isEmpty {
                return "还有\(unchecked.count)项材料未核验：" + unchecked.map(\.materialName).joined(separator: "、")
                    + "。请逐项核验（收齐、缺、容缺或免提交）后再作决定"
            }
        default: break
        }
        switch decision {
        case .accept:
            let missing = MaterialRules.shortfalls(checks)
            if !missing.isEmpty { return "还缺\(missing.count)项材料，不能受理：请一次性告知补正，或对可容缺材料签署承诺" }
            return nil
        case .requestCorrection:
            return MaterialRules.shortfalls(checks).isEmpty && formProblems.isEmpty ? "材料已齐全、申请表无误，无需补正" : nil
        case .refuse(let reason, let agency):
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { return "请填写不予受理的理由" }
            if types.contains(.licensing), (agency ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                return "行政许可事项在受理环节只能因不属于本机关职权范围而不予受理（第三十二条第一款第（二）项），请写明应向哪个机关申请；"
                    + "依法不需要取得许可的，请选择“不需要取得行政许可”"
            }
            return nil
        case .correctOnSpot(let what):
            return what.trimmingCharacters(in: .whitespaces).isEmpty ? "请写明当场更正的内容" : nil
        case .noPermitNeeded(let why):
            if let other = types.first(where: { $0 != .licensing }) {
                return "“不需要取得行政许可”（第三十二条第一款第（一）项）只适用于行政许可事项，本件含\(other.label)事项"
            }
            return why.trimmingCharacters(in: .whitespaces).isEmpty ? "请写明依法不需要取得行政许可的理由" : nil
        }
    }
}

/// 行政复议 within 60 days, 行政诉讼 within 6 months: printed on every refusal.
public let refusalRemedies = "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"
