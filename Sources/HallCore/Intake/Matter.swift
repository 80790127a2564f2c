import Foundation

/// 事项类型 (GB/T 39046-2020): the two-digit code is what catalogs and basic codes carry.
public enum MatterType: String, Codable, Sendable, CaseIterable {
    case licensing = "01", penalty = "02", enforcement = "03", levy = "04", payment = "05"
    case inspection = "06", confirmation = "07", reward = "08", adjudication = "09"
    case otherPower = "10", publicService = "20"

    public var label: String {
        switch self {
        case .licensing: return "行政许可"
        case .penalty: return "行政处罚"
        case .enforcement: return "行政强制"
        case .levy: return "行政征收"
        case .payment: return "行政给付"
        case .inspection: return "行政检查"
        case .confirmation: return "行政确认"
        case .reward: return "行政奖励"
        case .adjudication: return "行政裁决"
        case .otherPower: return "其他行政权力"
        case .publicService: return "公共服务"
        }
    }
}

/// 办结时限. §82 行政许可法: periods are working days; a few public services count natural days.
public struct TimeLimit: Codable, Sendable, Equatable, Hashable {
    public enum Unit: String, Codable, Sendable { case workingDays = "工作日", naturalDays = "自然日" }
    public var value: Int
    public var unit: Unit
    public init(_ value: Int, _ unit: Unit = .workingDays) { self.value = value; self.unit = unit }
    public var label: String { "\(value)个\(unit.rawValue)" }
}

/// 申请材料 as the catalog asks for it (what the clerk saw is `MaterialCheck`).
public struct MaterialRequirement: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var originals: Int
    public var copies: Int
    public var required: Bool
    /// 容缺受理 allowed: the case may be accepted while this is missing, under a signed commitment.
    public var tolerable: Bool
    /// The 电子证照 that replaces the paper (免提交), when the hall can look it up.
    public var electronicLicence: String?
    public var notes: String?
    /// 容缺: working days after acceptance to hand the material in (catalog key
    /// `toleranceWorkingDays`); nil: the hall's default (`CommitmentRules.defaultWorkingDays`).
    public var toleranceWorkingDays: Int?

    public init(name: String, originals: Int = 1, copies: Int = 0, required: Bool = true, tolerable: Bool = false,
                electronicLicence: String? = nil, notes: String? = nil, toleranceWorkingDays: Int? = nil) {
        self.name = name; self.originals = originals; self.copies = copies; self.required = required
        self.tolerable = tolerable; self.electronicLicence = electronicLicence; self.notes = notes
        self.toleranceWorkingDays = toleranceWorkingDays
    }
}

/// 办理结果: what a matter hands the applicant when it is done (GB/T 39046 结果名称), as the names
/// of the materials it issues and the form answers those results settle. A later matter of the same
/// case (the next step of a 一件事) does not ask for them: a company that is being founded has no
/// 营业执照 and no 统一社会信用代码 yet when its seal and tax steps are applied for.
public struct MatterResults: Codable, Sendable, Equatable, Hashable {
    /// Material names as later matters list them ("营业执照").
    public var materials: [String]
    /// Form keys the results settle ("business.creditCode").
    public var fieldKeys: [String]
    public init(materials: [String] = [], fieldKeys: [String] = []) { self.materials = materials; self.fieldKeys = fieldKeys }
    public var isEmpty: Bool { materials.isEmpty && fieldKeys.isEmpty }

    enum CodingKeys: String, CodingKey { case materials, fieldKeys }
    /// A catalog may give either list alone.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(materials: try c.decodeIfPresent([String].self, forKey: .materials) ?? [],
                  fieldKeys: try c.decodeIfPresent([String].self, forKey: .fieldKeys) ?? [])
    }
}

/// 政务服务事项: the standard elements of GB/T 39046-2020 table 4, plus the fields its form asks.
public struct Matter: Codable, Sendable, Equatable, Hashable {
    /// 即办件 (done on the spot) or 承诺件 (promised within N working days).
    public enum CaseType: String, Codable, Sendable { case immediate, promised
        public var label: String { self == .immediate ? "即办件" : "承诺件" }
    }
    /// 服务对象.
    public enum ServiceObject: String, Codable, Sendable { case person, legalEntity, both
        public var label: String { switch self { case .person: "自然人"; case .legalEntity: "法人"; case .both: "自然人、法人" } }
    }
    public struct Fee: Codable, Sendable, Equatable, Hashable {
        public var charged: Bool
        public var basis: String?
        public init(charged: Bool, basis: String? = nil) { self.charged = charged; self.basis = basis }
    }

    public var name: String
    public var basicCode: String            // 基本编码 an..10
    public var implementationCode: String   // 实施编码 an..24: what a hall stores and cases cite
    public var type: MatterType
    public var legalBasis: String           // 设定依据
    public var level: String                // 行使层级
    public var implementingBody: String     // 实施主体
    public var implementingBodyCreditCode: String
    public var statutoryLimit: TimeLimit?   // 法定办结时限 (public services often have none)
    public var promisedLimit: TimeLimit     // 承诺办结时限 (0 for 即办件)
    public var caseType: CaseType
    public var acceptanceConditions: String
    public var procedure: String
    public var fee: Fee
    public var serviceObject: ServiceObject
    public var place: String
    public var hours: String
    public var enquiryPhone: String
    public var complaintPhone: String
    public var materials: [MaterialRequirement]
    /// Assigned by the store: a changed matter gets a new version, open cases keep theirs.
    public var version: Int
    public var formFields: [FormField]
    /// nil in catalogs (and stored matters) that say nothing of results.
    public var results: MatterResults?

    public init(name: String, basicCode: String, implementationCode: String, type: MatterType, legalBasis: String,
                level: String, implementingBody: String, implementingBodyCreditCode: String, statutoryLimit: TimeLimit?,
                promisedLimit: TimeLimit, caseType: CaseType, acceptanceConditions: String, procedure: String, fee: Fee,
                serviceObject: ServiceObject, place: String, hours: String, enquiryPhone: String, complaintPhone: String,
                materials: [MaterialRequirement], version: Int = 1, formFields: [FormField], results: MatterResults? = nil) {
        self.name = name; self.basicCode = basicCode; self.implementationCode = implementationCode; self.type = type
        self.legalBasis = legalBasis; self.level = level; self.implementingBody = implementingBody
        self.implementingBodyCreditCode = implementingBodyCreditCode; self.statutoryLimit = statutoryLimit
        self.promisedLimit = promisedLimit; self.caseType = caseType; self.acceptanceConditions = acceptanceConditions
        self.procedure = procedure; self.fee = fee; self.serviceObject = serviceObject; self.place = place
        self.hours = hours; self.enquiryPhone = enquiryPhone; self.complaintPhone = complaintPhone
        self.materials = materials; self.version = version; self.formFields = formFields
        self.results = results.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The code a hall keys a matter by: the implementation code (one agency's implementation).
    public var code: String { implementationCode }

    /// For a case's due date; nil for 即办件.
    public var promisedWorkingDays: Int? {
        caseType == .promised && promisedLimit.unit == .workingDays ? promisedLimit.value : nil
    }
}
