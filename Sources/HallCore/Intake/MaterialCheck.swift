import Foundation

/// What the clerk saw of one catalogued material at intake.
public enum MaterialState: Codable, Equatable, Sendable {
    case pending                              // not looked at yet
    case received(originals: Int, copies: Int)
    case missing
    case toleratedWithCommitment              // 容缺受理 / 告知承诺: signed promise to bring it later
    case exemptElectronicLicence(String)      // 免提交: the named 电子证照 is on file

    public var label: String {
        switch self {
        case .pending: return "未核验"
        case .received(let o, let c): return "已收（原件\(o)份，复印件\(c)份）"
        case .missing: return "缺"
        case .toleratedWithCommitment: return "容缺（已签承诺）"
        case .exemptElectronicLicence(let name): return "免提交（\(name)）"
        }
    }

    /// For a checklist column at 80 columns.
    public var shortLabel: String {
        switch self {
        case .pending: return "未核验"
        case .received(let o, let c): return "已收 原\(o)复\(c)"
        case .missing: return "缺"
        case .toleratedWithCommitment: return "容缺·承诺"
        case .exemptElectronicLicence: return "免提交·电子证照"
        }
    }
}

/// 申请材料核验: one line of the checklist.
public struct MaterialCheck: Codable, Equatable, Sendable {
    public var matterCode: String
    public var materialName: String
    public var requiredOriginals: Int
    public var requiredCopies: Int
    public var isRequired: Bool
    public var isTolerable: Bool              // the catalog allows 容缺 for this material
    public var electronicLicence: String?     // the 电子证照 that can replace it, if any
    public var state: MaterialState
    public var note: String?
    /// 容缺: the working days the applicant has to hand the material in after acceptance, from the
    /// catalog (nil: `CommitmentRules.defaultWorkingDays`).
    public var commitmentWorkingDays: Int? = nil
    /// 容缺: the day ("2026-03-16") by which the material is promised, fixed at acceptance and
    /// printed on the 告知承诺书; nil before acceptance and on lines not tolerated.
    public var commitmentDue: String? = nil
    /// 容缺: the day the promised material was handed in; nil while it is still owed.
    public var commitmentFulfilledOn: String? = nil

    public init(matterCode: String, materialName: String, requiredOriginals: Int, requiredCopies: Int, isRequired: Bool,
                isTolerable: Bool, electronicLicence: String?, state: MaterialState = .pending, note: String? = nil) {
        self.matterCode = matterCode; self.materialName = materialName; self.requiredOriginals = requiredOriginals
        self.requiredCopies = requiredCopies; self.isRequired = isRequired; self.isTolerable = isTolerable
        self.electronicLicence = electronicLicence; self.state = state; self.note = note
    }

    /// Whether this line keeps the case from being accepted, and why (in words for the notice).
    public var shortfall: String? {
        guard isRequired else { return nil }
        switch state {
        case .pending, .missing:
            return "\(materialName)（原件\(requiredOriginals)份，复印件\(requiredCopies)份）"
        case .received(let o, let c):
            if o < requiredOriginals || c < requiredCopies {
                return "\(materialName)（还需原件\(max(0, requiredOriginals - o))份，复印件\(max(0, requiredCopies - c))份）"
            }
            return nil
        case .toleratedWithCommitment, .exemptElectronicLicence:
            return nil
        }
    }
}

public enum MaterialRuleError: Error, Equatable, LocalizedError {
    case notTolerable(String)
    case noElectronicLicence(String)
    case badCount(String)
    public var errorDescription: String? {
        switch self {
        case .notTolerable(let m): return "“\(m)”不在容缺受理清单内，不能容缺"
        case .noElectronicLicence(let m): return "“\(m)”没有可替代的电子证照，不能免提交"
        case .badCount(let m): return "“\(m)”的份数应为0到99"
        }
    }
}

public enum MaterialRules {
    /// Applies the clerk's choice, refusing what the catalog does not allow.
    public static func set(_ state: MaterialState, on check: MaterialCheck) throws -> MaterialCheck {
        switch state {
        case .toleratedWithCommitment where !check.isTolerable:
            throw MaterialRuleError.notTolerable(check.materialName)
        case .exemptElectronicLicence where check.electronicLicence == nil:
            throw MaterialRuleError.noElectronicLicence(check.materialName)
        case .received(let o, let c) where !(0...99).contains(o) || !(0...99).contains(c):
            throw MaterialRuleError.badCount(check.materialName)
        default:
            var out = check
            out.state = state
            return out
        }
    }

    /// Required lines the clerk has not looked at yet. They are not "missing": the clerk settles
    /// each (received, missing, 容缺, 免提交) before accepting or telling the applicant what to add.
    public static func unchecked(_ checks: [MaterialCheck]) -> [MaterialCheck] {
        checks.filter { $0.isRequired && $0.state == .pending }
    }

    /// 行政许可法 §32(4): everything still missing, to be told in ONE notice.
    public static func shortfalls(_ checks: [MaterialCheck]) -> [MaterialCheck] {
        checks.filter { $0.shortfall != nil }
    }
}
