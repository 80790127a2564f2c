import Foundation

/// One question on an intake form. `key` is a shared semantic key ("applicant.name"), so the same
/// question in several matters of a bundle is asked once (一表申请).
public struct FormField: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable {
        case text, residentId, creditCode, phone, date, choice([String]), address, number
        /// A person's name: letters and the middle dot of minority and foreign names, no digits.
        case personName
        /// A bank account number: digits only.
        case bankAccount
        /// A date that has already happened (a birth, the start of residence): not in the future.
        case pastDate
        /// Several of the options at once (印章种类, 发票种类); stored as the chosen options in the
        /// list's order, joined by "、" (MultiChoice).
        case multiChoice([String])

        /// The name used in catalog files ("choice" carries its options separately).
        public var name: String {
            switch self {
            case .text: "text"
            case .residentId: "residentId"
            case .creditCode: "creditCode"
            case .phone: "phone"
            case .date: "date"
            case .choice: "choice"
            case .address: "address"
            case .number: "number"
            case .personName: "personName"
            case .bankAccount: "bankAccount"
            case .pastDate: "pastDate"
            case .multiChoice: "multiChoice"
            }
        }

        public init?(name: String, choices: [String] = []) {
            switch name {
            case "text": self = .text
            case "residentId": self = .residentId
            case "creditCode": self = .creditCode
            case "phone": self = .phone
            case "date": self = .date
            case "choice": self = .choice(choices)
            case "address": self = .address
            case "number": self = .number
            case "personName": self = .personName
            case "bankAccount": self = .bankAccount
            case "pastDate": self = .pastDate
            case "multiChoice": self = .multiChoice(choices)
            default: return nil
            }
        }
    }

    public var key: String
    public var label: String
    public var kind: Kind
    public var required: Bool

    public init(key: String, label: String, kind: Kind = .text, required: Bool = true) {
        self.key = key; self.label = label; self.kind = kind; self.required = required
    }

    /// The shared keys catalogs use. A catalog file may name a field by key alone and get this
    /// label and kind, which keeps the same question worded the same way across matters.
    public static let standard: [String: FormField] = {
        let list: [FormField] = [
            .init(key: "applicant.name", label: "申请人姓名", kind: .personName),
            .init(key: "applicant.idNumber", label: "申请人身份证号码", kind: .residentId),
            .init(key: "applicant.phone", label: "联系电话", kind: .phone),
            .init(key: "applicant.address", label: "申请人住址", kind: .address),
            .init(key: "applicant.gender", label: "性别", kind: .choice(["男", "女"])),
            .init(key: "applicant.ethnicity", label: "民族"),
            .init(key: "applicant.birthDate", label: "出生日期", kind: .pastDate),
            .init(key: "applicant.hukouAddress", label: "户籍地址", kind: .address),
            .init(key: "agent.name", label: "代理人姓名", kind: .personName, required: false),
            .init(key: "agent.idNumber", label: "代理人身份证号码", kind: .residentId, required: false),
            .init(key: "business.name", label: "名称（字号）"),
            .init(key: "business.creditCode", label: "统一社会信用代码", kind: .creditCode),
            .init(key: "business.legalRepresentative", label: "法定代表人（负责人）姓名", kind: .personName),
            .init(key: "business.address", label: "住所（经营场所）", kind: .address),
            .init(key: "business.scope", label: "经营范围"),
            .init(key: "business.registeredCapital", label: "注册资本（万元）", kind: .number),
            .init(key: "business.form", label: "组成形式", kind: .choice(["个人经营", "家庭经营"])),
            .init(key: "business.employees", label: "从业人数", kind: .number),
            .init(key: "business.bankAccount", label: "基本存款账户账号", kind: .bankAccount, required: false),
            .init(key: "address", label: "地址", kind: .address),
            .init(key: "property.certificateNumber", label: "不动产权证书号"),
            .init(key: "property.address", label: "不动产坐落", kind: .address),
            .init(key: "property.area", label: "建筑面积（平方米）", kind: .number),
            .init(key: "property.price", label: "成交价格（元）", kind: .number),
            .init(key: "buyer.name", label: "买受人姓名", kind: .personName),
            .init(key: "buyer.idNumber", label: "买受人身份证号码", kind: .residentId),
            .init(key: "utility.accountNumber", label: "户号"),
            .init(key: "child.name", label: "新生儿姓名", kind: .personName),
            .init(key: "child.gender", label: "新生儿性别", kind: .choice(["男", "女"])),
            .init(key: "child.birthDate", label: "新生儿出生日期", kind: .pastDate),
            .init(key: "child.birthPlace", label: "出生地点", kind: .address),
            .init(key: "mother.name", label: "母亲姓名", kind: .personName),
            .init(key: "mother.idNumber", label: "母亲身份证号码", kind: .residentId),
            .init(key: "father.name", label: "父亲姓名", kind: .personName),
            .init(key: "father.idNumber", label: "父亲身份证号码", kind: .residentId),
            .init(key: "marriage.certificateNumber", label: "结婚证字号", required: false),
            .init(key: "disability.category", label: "残疾类别", kind: .choice(["视力", "听力", "言语", "肢体", "智力", "精神", "多重"])),
            .init(key: "disability.grade", label: "残疾等级", kind: .choice(["一级", "二级", "三级", "四级"])),
            .init(key: "disability.certificateNumber", label: "残疾人证号"),
            .init(key: "household.size", label: "家庭人口数", kind: .number),
            .init(key: "household.monthlyIncome", label: "家庭月收入（元）", kind: .number),
            .init(key: "hardship.reason", label: "困难情形说明"),
            .init(key: "bank.accountName", label: "开户名"),
            .init(key: "bank.accountNumber", label: "银行账号", kind: .bankAccount),
            .init(key: "bank.name", label: "开户银行"),
            .init(key: "employer.name", label: "所在单位名称", required: false),
            .init(key: "retirement.date", label: "退休日期", kind: .date),
            .init(key: "insurance.number", label: "社会保障号码", kind: .residentId),
            .init(key: "tax.invoiceType", label: "发票种类", kind: .multiChoice(["增值税普通发票", "增值税专用发票", "电子发票"])),
            .init(key: "seal.types", label: "印章种类", kind: .multiChoice(["公章", "财务专用章", "发票专用章", "合同专用章", "法定代表人名章"])),
            .init(key: "residence.address", label: "居住地址", kind: .address),
            .init(key: "residence.since", label: "居住起始日期", kind: .pastDate),
            .init(key: "change.items", label: "变更事项"),
            .init(key: "remarks", label: "备注", required: false),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.key, $0) })
    }()
}

extension FormField: Codable {
    enum CodingKeys: String, CodingKey { case key, label, kind, choices, required }

    /// A catalog may give a standard field by key alone ("applicant.name") or in full
    /// ({"key", "label", "kind", "choices", "required"}); a full entry overrides the standard one.
    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let key = try? single.decode(String.self) {
            guard let field = FormField.standard[key] else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "未知的标准表单字段“\(key)”")
            }
            self = field
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let key = try c.decode(String.self, forKey: .key)
        let base = FormField.standard[key]
        let label = try c.decodeIfPresent(String.self, forKey: .label) ?? base?.label
        guard let label else {
            throw DecodingError.keyNotFound(CodingKeys.label, .init(codingPath: c.codingPath, debugDescription: "非标准字段“\(key)”须给出 label"))
        }
        var kind = base?.kind ?? .text
        if let name = try c.decodeIfPresent(String.self, forKey: .kind) {
            let choices = try c.decodeIfPresent([String].self, forKey: .choices) ?? []
            guard let k = Kind(name: name, choices: choices) else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的字段类型“\(name)”")
            }
            kind = k
        }
        self.init(key: key, label: label, kind: kind,
                  required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? base?.required ?? true)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(label, forKey: .label)
        try c.encode(kind.name, forKey: .kind)
        if case .choice(let options) = kind { try c.encode(options, forKey: .choices) }
        if case .multiChoice(let options) = kind { try c.encode(options, forKey: .choices) }
        try c.encode(required, forKey: .required)
    }
}

/// 一表申请: the fields of several matters with each key asked once, in first-seen order. The
/// first matter's label and kind win; a field is required if any matter requires it. A field an
/// earlier matter's results settle (the new company's credit code) is not asked.
public func mergedForm(for matters: [Matter]) -> [FormField] {
    var out: [FormField] = []
    var index: [String: Int] = [:]
    var settled = Set<String>()
    for matter in matters {
        defer { settled.formUnion(matter.results?.fieldKeys ?? []) }
        for field in matter.formFields where !settled.contains(field.key) {
            if let i = index[field.key] {
                out[i].required = out[i].required || field.required
            } else {
                index[field.key] = out.count
                out.append(field)
            }
        }
    }
    return out
}
