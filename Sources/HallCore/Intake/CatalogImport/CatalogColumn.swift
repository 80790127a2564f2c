import Foundation

/// The elements of a matter, with their CSV column and JSON key, so both readers name a field the
/// way the clerk's file does.
enum CatalogColumn: String, CaseIterable {
    case name = "事项名称", basicCode = "基本编码", implementationCode = "实施编码", type = "事项类型"
    case legalBasis = "设定依据", level = "行使层级", implementingBody = "实施主体", creditCode = "实施主体编码"
    case statutoryLimit = "法定办结时限", promisedLimit = "承诺办结时限", caseType = "办件类型"
    case acceptanceConditions = "受理条件", procedure = "办理流程", feeCharged = "是否收费", feeBasis = "收费依据"
    case serviceObject = "服务对象", place = "办理地点", hours = "办理时间", enquiryPhone = "咨询电话"
    case complaintPhone = "监督投诉电话", formFields = "表单字段"
    case resultMaterials = "办理结果", resultFields = "结果字段"
    case materialName = "材料名称", originals = "原件份数", copies = "复印件份数", materialRequired = "材料必要性"
    case tolerable = "容缺", toleranceDays = "补交期限", electronicLicence = "电子证照", materialNotes = "材料备注"

    var jsonKey: String {
        switch self {
        case .name: "name"
        case .basicCode: "basicCode"
        case .implementationCode: "implementationCode"
        case .type: "type"
        case .legalBasis: "legalBasis"
        case .level: "level"
        case .implementingBody: "implementingBody"
        case .creditCode: "implementingBodyCreditCode"
        case .statutoryLimit: "statutoryLimit"
        case .promisedLimit: "promisedLimit"
        case .caseType: "caseType"
        case .acceptanceConditions: "acceptanceConditions"
        case .procedure: "procedure"
        case .feeCharged: "fee.charged"
        case .feeBasis: "fee.basis"
        case .serviceObject: "serviceObject"
        case .place: "place"
        case .hours: "hours"
        case .enquiryPhone: "enquiryPhone"
        case .complaintPhone: "complaintPhone"
        case .formFields: "formFields"
        case .resultMaterials: "results.materials"
        case .resultFields: "results.fieldKeys"
        case .materialName: "name"
        case .originals: "originals"
        case .copies: "copies"
        case .materialRequired: "required"
        case .tolerable: "tolerable"
        case .toleranceDays: "toleranceWorkingDays"
        case .electronicLicence: "electronicLicence"
        case .materialNotes: "notes"
        }
    }

    var isMaterial: Bool {
        switch self {
        case .materialName, .originals, .copies, .materialRequired, .tolerable, .toleranceDays, .electronicLicence, .materialNotes: true
        default: false
        }
    }

    var isLong: Bool {
        switch self {
        case .legalBasis, .acceptanceConditions, .procedure, .feeBasis, .materialNotes, .hours, .place, .resultMaterials, .resultFields: true
        default: false
        }
    }

    static let requiredInCSV: [CatalogColumn] = [.name, .basicCode, .implementationCode, .type, .legalBasis,
                                                 .implementingBody, .creditCode, .promisedLimit, .materialName]
}
