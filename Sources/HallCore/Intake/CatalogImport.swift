import Foundation

// Importing a province's matter catalog (事项目录). Two formats:
//
// JSON: the shape of Resources/data/catalog.json:
//   {"source": "...", "matters": [Matter...], "bundles": [MatterBundle...]}
//   A form field may be given by its standard key alone ("applicant.name"); see FormField.standard.
//
// CSV (what a clerk saves from Excel as “CSV UTF-8（逗号分隔）”): one header row, then ONE ROW PER
// MATTER AND MATERIAL. A matter with five materials takes five rows. Rows belong to the matter
// whose 实施编码 they carry; a row with an empty 实施编码 and an empty 事项名称 continues the
// matter above (so an export with merged cells works), and a continuation row may repeat the
// matter's columns (so a plain database export works) but must not contradict them.
// Column order is free; unknown columns are ignored. Columns (* = required on a matter's first row):
//   事项名称*  基本编码* (≤10位数字或大写字母)  实施编码* (≤24位)  事项类型* (01–10、20 或其名称，如“行政许可”)
//   设定依据*  行使层级  实施主体*  实施主体编码* (统一社会信用代码)
//   法定办结时限 (空=无；“20”即20个工作日，也可写“15个自然日”)  承诺办结时限* (0=即办件)
//   办件类型 (即办件/承诺件，空则按承诺时限)  受理条件  办理流程  是否收费 (是/否)  收费依据 (收费时必填)
//   服务对象 (自然人/法人/自然人、法人)  办理地点  办理时间  咨询电话  监督投诉电话
//   表单字段 (标准字段键，用顿号或逗号分隔，如“applicant.name、applicant.phone”)
//   材料名称  原件份数  复印件份数  材料必要性 (必要/非必要)  容缺 (是/否)  电子证照 (可替代的证照名)  材料备注
// A CSV file carries matters only; bundles come with a JSON catalog and are kept otherwise.
//
// Every row is checked and EVERY problem is reported with its line and field in one pass, so a
// clerk fixes the file once; nothing is imported until the file is clean.

/// One problem in a catalog file. `line` is 1-based (0: the file as a whole); `field` is the CSV
/// column or the JSON key path.
public struct CatalogIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var message: String
    public init(line: Int, field: String, message: String) { self.line = line; self.field = field; self.message = message }
    public var description: String {
        (line > 0 ? "第\(line)行" : "文件") + (field.isEmpty ? "" : "【\(field)】") + "：" + message
    }
}

/// The catalog was refused; `issues` lists everything wrong, in file order.
public struct CatalogIssues: Error, LocalizedError, Sendable {
    public var issues: [CatalogIssue]
    public init(_ issues: [CatalogIssue]) { self.issues = issues }
    public var errorDescription: String? {
        "事项目录有\(issues.count)处问题，未导入任何内容：\n" + issues.map(\.description).joined(separator: "\n")
    }
}

/// A whole catalog as shipped or imported.
public struct CatalogFile: Codable, Sendable, Equatable {
    public var source: String
    public var matters: [Matter]
    public var bundles: [MatterBundle]
    public init(source: String, matters: [Matter], bundles: [MatterBundle]) {
        self.source = source; self.matters = matters; self.bundles = bundles
    }
}

public enum CatalogFormat: Sendable {
    case json, csv
    /// By extension; anything but .json is read as CSV (Excel writes .csv, clerks rename to .txt).
    public init(fileName: String) { self = fileName.lowercased().hasSuffix(".json") ? .json : .csv }
}

public enum CatalogImport {
    public static let maxFileBytes = 64 << 20
    /// Names, codes, phones: one line each.
    public static let maxShortField = 200
    /// Legal basis, conditions, procedure, notes: long, but a 5 MB cell is a paste accident.
    public static let maxLongField = 20_000

    /// Parses and validates a whole file. Throws `CatalogIssues` listing every problem.
    public static func parse(_ data: Data, format: CatalogFormat, source: String) throws -> CatalogFile {
        guard data.count <= maxFileBytes else {
            throw CatalogIssues([CatalogIssue(line: 0, field: "", message: "文件过大（\(sizeText(data.count))），上限 \(sizeText(maxFileBytes))")])
        }
        let text: String
        switch decodeText(data) {
        case .success(let t): text = t
        case .failure(let issue): throw CatalogIssues([issue])
        }
        var v = CatalogValidator()
        let file: CatalogFile
        switch format {
        case .json: file = CatalogJSONReader.read(text, source: source, into: &v)
        case .csv: file = CatalogCSVReader.read(text, source: source, into: &v)
        }
        guard v.issues.isEmpty else { throw CatalogIssues(v.issues.sorted { ($0.line, $0.field) < ($1.line, $1.field) }) }
        return file
    }

    // MARK: encoding

    /// The NSStringEncoding of kCFStringEncodingGB_18030_2000. CFStringConvertEncodingToNSStringEncoding
    /// is not exported to Swift on Linux, but Foundation decodes this raw value on both platforms.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// UTF-8 (with or without Excel's BOM), or an issue that says what the file really is.
    static func decodeText(_ data: Data) -> Result<String, CatalogIssue> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let bad = firstInvalidUTF8(bytes) else {
            return .success(String(decoding: bytes, as: UTF8.self))
        }
        let line = bytes[..<bad].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(CatalogIssue(line: 1, field: "", message: "文件是 UTF-16 编码，请另存为 UTF-8"))
        }
        if String(data: Data(bytes), encoding: gb18030) != nil {
            return .failure(CatalogIssue(line: line, field: "",
                                         message: "文件是 GB18030 编码，请另存为 UTF-8（Excel：另存为“CSV UTF-8（逗号分隔）”）"))
        }
        return .failure(CatalogIssue(line: line, field: "", message: "含无效的 UTF-8 字节（第\(bad + 1)字节），请另存为 UTF-8"))
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let s): offset += s.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? String(format: "%.0f KB", Double(bytes) / 1024) : "\(bytes) 字节"
    }
}

/// The elements of a matter, with their CSV column and JSON key, so both readers name a field the
/// way the clerk's file does.
enum CatalogColumn: String, CaseIterable {
    case name = "事项名称", basicCode = "基本编码", implementationCode = "实施编码", type = "事项类型"
    case legalBasis = "设定依据", level = "行使层级", implementingBody = "实施主体", creditCode = "实施主体编码"
    case statutoryLimit = "法定办结时限", promisedLimit = "承诺办结时限", caseType = "办件类型"
    case acceptanceConditions = "受理条件", procedure = "办理流程", feeCharged = "是否收费", feeBasis = "收费依据"
    case serviceObject = "服务对象", place = "办理地点", hours = "办理时间", enquiryPhone = "咨询电话"
    case complaintPhone = "监督投诉电话", formFields = "表单字段"
    case materialName = "材料名称", originals = "原件份数", copies = "复印件份数", materialRequired = "材料必要性"
    case tolerable = "容缺", electronicLicence = "电子证照", materialNotes = "材料备注"

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
        case .materialName: "name"
        case .originals: "originals"
        case .copies: "copies"
        case .materialRequired: "required"
        case .tolerable: "tolerable"
        case .electronicLicence: "electronicLicence"
        case .materialNotes: "notes"
        }
    }

    var isMaterial: Bool {
        switch self {
        case .materialName, .originals, .copies, .materialRequired, .tolerable, .electronicLicence, .materialNotes: true
        default: false
        }
    }

    var isLong: Bool {
        switch self {
        case .legalBasis, .acceptanceConditions, .procedure, .feeBasis, .materialNotes, .hours, .place: true
        default: false
        }
    }

    static let requiredInCSV: [CatalogColumn] = [.name, .basicCode, .implementationCode, .type, .legalBasis,
                                                 .implementingBody, .creditCode, .promisedLimit, .materialName]
}

// MARK: - checks shared by both formats

/// One matter as read from either format, before checking: every element as text (so both
/// formats pass the same checks), plus its materials.
struct RawMatter {
    var line: Int
    var values: [CatalogColumn: String] = [:]
    var materials: [(line: Int, values: [CatalogColumn: String])] = []
    /// JSON gives form fields as objects (already decoded); CSV gives keys in 表单字段.
    var formFields: [FormField]?
    var json: Bool

    func fieldName(_ c: CatalogColumn, material: Int? = nil) -> String {
        guard json else { return c.rawValue }
        if let material { return "materials[\(material)].\(c.jsonKey)" }
        return c.jsonKey
    }
}

struct CatalogValidator {
    var issues: [CatalogIssue] = []
    /// Implementation code → where it was first used, to report duplicates with both lines.
    var seenCodes: [String: (line: Int, name: String)] = [:]

    mutating func add(_ line: Int, _ field: String, _ message: String) {
        issues.append(CatalogIssue(line: line, field: field, message: message))
    }

    /// Trimmed text ("" when missing). Refuses oversize fields (with their size), control and
    /// escape characters (a terminal paste brings ESC [ … m), and line breaks in one-line fields.
    mutating func text(_ raw: String?, line: Int, field: String, required: Bool, long: Bool) -> String {
        let limit = long ? CatalogImport.maxLongField : CatalogImport.maxShortField
        guard let raw, !raw.isEmpty else {
            if required { add(line, field, "必填，不能为空") }
            return ""
        }
        let bytes = raw.utf8.count
        if bytes > limit * 4 {   // surely over the limit: do not count characters of a 5 MB paste
            add(line, field, "内容过长（\(CatalogImport.sizeText(bytes))），上限\(limit)字：请检查是否误粘贴了整份文件")
            return ""
        }
        var lineOffset = 0
        for s in raw.unicodeScalars {
            if s == "\n" {
                if !long { add(line + lineOffset, field, "不能换行"); return "" }
                lineOffset += 1
                continue
            }
            if let what = Self.forbidden(s, long: long) {
                add(line + lineOffset, field, what)
                return ""
            }
        }
        // Characters never outnumber bytes: count them (slow) only when the bytes say it may matter.
        if bytes > limit, case let count = raw.count, count > limit {
            add(line, field, "内容过长（\(count)字），上限\(limit)字")
            return ""
        }
        let t = raw.trimmedFast
        if t.isEmpty && required { add(line, field, "必填，不能为空") }
        return t
    }

    static func forbidden(_ s: Unicode.Scalar, long: Bool) -> String? {
        switch s.value {
        case 0x1B: return "含终端转义字符（ESC，U+001B），多半是从终端复制粘贴带入的，请删除后重新导出"
        case 0x09 where long, 0x0D: return nil
        case 0x09: return "含制表符，请删除"
        case 0x00...0x1F, 0x7F...0x9F:
            return String(format: "含不可见的控制字符（U+%04X），请删除", s.value)
        case 0x202A...0x202E, 0x2066...0x2069:
            return String(format: "含文字方向控制字符（U+%04X），会使显示与实际内容不符，请删除", s.value)
        default: return nil
        }
    }

    /// Codes: digits and capital letters only. Excel turns a long numeric code into 9.90105E+23 and
    /// drops leading zeros unless the column is text, so say that when it happened.
    mutating func code(_ raw: String?, line: Int, field: String, maxLength: Int, label: String) -> String {
        let t = CatalogImport.halfwidth(text(raw, line: line, field: field, required: true, long: false))
        guard !t.isEmpty else { return "" }
        if t.contains("E+") || t.contains("e+") {
            add(line, field, "\(label)“\(t)”被 Excel 转成了科学计数法：请把该列设为“文本”格式后重新导出")
            return ""
        }
        if t.count > maxLength {
            add(line, field, "\(label)最长\(maxLength)位，现为\(t.count)位")
            return ""
        }
        if let (i, c) = t.enumerated().first(where: { !(("0"..."9").contains($0.element) || ("A"..."Z").contains($0.element)) }) {
            add(line, field, "\(label)只能由数字和大写字母组成，第\(i + 1)位“\(c)”无效")
            return ""
        }
        return t
    }

    /// 统一社会信用代码 (GB 32100-2015), checked by the one validator the whole app uses.
    mutating func creditCode(_ raw: String?, line: Int, field: String) -> String {
        let t = text(raw, line: line, field: field, required: true, long: false)
        guard !t.isEmpty else { return "" }
        switch CreditCodeValidator.validate(t) {
        case .success(let code): return code.value
        case .failure(let e): add(line, field, e.localizedDescription); return ""
        }
    }

    mutating func int(_ raw: String?, line: Int, field: String, range: ClosedRange<Int>, default d: Int?) -> Int? {
        let t = CatalogImport.halfwidth(text(raw, line: line, field: field, required: d == nil, long: false))
        if t.isEmpty { return d }
        guard let n = Int(t) else { add(line, field, "应为整数，现为“\(t)”"); return nil }
        guard range.contains(n) else { add(line, field, "应在\(range.lowerBound)到\(range.upperBound)之间，现为\(n)"); return nil }
        return n
    }

    mutating func bool(_ raw: String?, line: Int, field: String, default d: Bool) -> Bool {
        let t = text(raw, line: line, field: field, required: false, long: false).lowercased()
        switch t {
        case "": return d
        case "是", "必要", "必须", "必需", "收费", "y", "yes", "true", "1": return true
        case "否", "非必要", "非必须", "可选", "不收费", "免费", "n", "no", "false", "0": return false
        default: add(line, field, "应为“是”或“否”，现为“\(t)”"); return d
        }
    }

    /// "20" (working days), "20个工作日", "15个自然日", "15日". Empty: nil (no statutory limit).
    mutating func limit(_ raw: String?, line: Int, field: String, required: Bool) -> TimeLimit? {
        var t = CatalogImport.halfwidth(text(raw, line: line, field: field, required: required, long: false)).replacingOccurrences(of: " ", with: "")
        guard !t.isEmpty else { return nil }
        if t == "无" && !required { return nil }
        var unit = TimeLimit.Unit.workingDays
        for (suffix, u) in [("工作日", TimeLimit.Unit.workingDays), ("workingDays", .workingDays), ("自然日", .naturalDays),
                            ("naturalDays", .naturalDays), ("日", .naturalDays), ("天", .naturalDays)] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count); unit = u
            break
        }
        if t.hasSuffix("个") { t.removeLast() }
        guard let n = Int(t) else { add(line, field, "应为天数，如“20”或“15个自然日”，现为“\(raw ?? "")”"); return nil }
        guard (0...3650).contains(n) else { add(line, field, "天数应在0到3650之间，现为\(n)"); return nil }
        return TimeLimit(n, unit)
    }

    mutating func matterType(_ raw: String?, line: Int, field: String) -> MatterType? {
        let t = CatalogImport.halfwidth(text(raw, line: line, field: field, required: true, long: false))
        guard !t.isEmpty else { return nil }
        // Excel shows "01" as 1 unless the column is text.
        let padded = t.count == 1 ? "0" + t : t
        if let m = MatterType(rawValue: padded) ?? MatterType.allCases.first(where: { $0.label == t }) { return m }
        add(line, field, "未知的事项类型“\(t)”：应为01–10或20（如01 行政许可、20 公共服务）")
        return nil
    }

    mutating func phone(_ raw: String?, line: Int, field: String) -> String {
        let t = CatalogImport.halfwidth(text(raw, line: line, field: field, required: false, long: false))
        if let bad = t.first(where: { !("0"..."9").contains($0) && !"-—()（） ，,；;、/转".contains($0) }) {
            add(line, field, "电话号码含无效字符“\(bad)”")
            return ""
        }
        return t
    }

    mutating func serviceObject(_ raw: String?, line: Int, field: String) -> Matter.ServiceObject {
        let t = text(raw, line: line, field: field, required: false, long: false)
        if let o = Matter.ServiceObject(rawValue: t) { return o }
        let person = ["自然人", "个人", "居民"].contains { t.contains($0) }
        let entity = ["法人", "企业", "单位", "组织"].contains { t.contains($0) }
        switch (person, entity) {
        case (true, true): return .both
        case (true, false): return .person
        case (false, true): return .legalEntity
        default:
            if t.isEmpty || t == "全部" || t == "不限" { return .both }
            add(line, field, "服务对象应为“自然人”“法人”或“自然人、法人”，现为“\(t)”")
            return .both
        }
    }

    mutating func formFields(_ raw: String?, line: Int, field: String) -> [FormField] {
        let t = text(raw, line: line, field: field, required: false, long: true)
        let keys = t.split(whereSeparator: { "、,，;；\n \t".contains($0) }).map(String.init)
        var out: [FormField] = []
        for key in keys {
            if let f = FormField.standard[key] { out.append(f) } else { add(line, field, "未知的表单字段“\(key)”（须为标准字段键，如 applicant.name）") }
        }
        return out
    }

    /// Builds a matter, or nil when anything about it is wrong (every problem recorded).
    mutating func matter(_ r: RawMatter) -> Matter? {
        let before = issues.count
        let l = r.line
        func f(_ c: CatalogColumn) -> String { r.fieldName(c) }
        let name = text(r.values[.name], line: l, field: f(.name), required: true, long: false)
        let basic = code(r.values[.basicCode], line: l, field: f(.basicCode), maxLength: 10, label: "基本编码")
        let impl = code(r.values[.implementationCode], line: l, field: f(.implementationCode), maxLength: 24, label: "实施编码")
        if !impl.isEmpty {
            if let first = seenCodes[impl] {
                add(l, f(.implementationCode), "实施编码\(impl)重复：第\(first.line)行的“\(first.name)”已使用")
            } else {
                seenCodes[impl] = (l, name)
            }
        }
        let type = matterType(r.values[.type], line: l, field: f(.type))
        let basis = text(r.values[.legalBasis], line: l, field: f(.legalBasis), required: true, long: true)
        let level = text(r.values[.level], line: l, field: f(.level), required: false, long: false)
        let body = text(r.values[.implementingBody], line: l, field: f(.implementingBody), required: true, long: false)
        let credit = creditCode(r.values[.creditCode], line: l, field: f(.creditCode))
        let statutory = limit(r.values[.statutoryLimit], line: l, field: f(.statutoryLimit), required: false)
        let promised = limit(r.values[.promisedLimit], line: l, field: f(.promisedLimit), required: true)
        var caseType: Matter.CaseType? = promised.map { $0.value == 0 ? .immediate : .promised }
        let ct = text(r.values[.caseType], line: l, field: f(.caseType), required: false, long: false)
        switch ct {
        case "": break
        case "即办件", "即办", "immediate", "1": caseType = .immediate
        case "承诺件", "承诺", "promised", "2": caseType = .promised
        default: add(l, f(.caseType), "办件类型应为“即办件”或“承诺件”，现为“\(ct)”")
        }
        if let p = promised, let c = caseType {
            if c == .immediate && p.value > 0 { add(l, f(.promisedLimit), "即办件的承诺时限应为0，现为\(p.label)") }
            if c == .promised && p.value == 0 { add(l, f(.promisedLimit), "承诺件须填写承诺时限（大于0）") }
            if let s = statutory, s.unit == p.unit, p.value > s.value {
                add(l, f(.promisedLimit), "承诺时限\(p.label)长于法定时限\(s.label)")
            }
        }
        let conditions = text(r.values[.acceptanceConditions], line: l, field: f(.acceptanceConditions), required: false, long: true)
        let procedure = text(r.values[.procedure], line: l, field: f(.procedure), required: false, long: true)
        let charged = bool(r.values[.feeCharged], line: l, field: f(.feeCharged), default: false)
        let feeBasis = text(r.values[.feeBasis], line: l, field: f(.feeBasis), required: charged, long: true)
        let object = serviceObject(r.values[.serviceObject], line: l, field: f(.serviceObject))
        let place = text(r.values[.place], line: l, field: f(.place), required: false, long: true)
        let hours = text(r.values[.hours], line: l, field: f(.hours), required: false, long: true)
        let enquiry = phone(r.values[.enquiryPhone], line: l, field: f(.enquiryPhone))
        let complaint = phone(r.values[.complaintPhone], line: l, field: f(.complaintPhone))
        let fields = r.formFields ?? formFields(r.values[.formFields], line: l, field: f(.formFields))

        var materials: [MaterialRequirement] = []
        var materialLines: [String: Int] = [:]
        for (i, m) in r.materials.enumerated() {
            func mf(_ c: CatalogColumn) -> String { r.fieldName(c, material: i) }
            let ml = m.line
            let mname = text(m.values[.materialName], line: ml, field: mf(.materialName), required: true, long: false)
            if !mname.isEmpty, let first = materialLines[mname] {
                add(ml, mf(.materialName), "材料“\(mname)”重复：第\(first)行已列出")
            }
            materialLines[mname] = materialLines[mname] ?? ml
            let originals = int(m.values[.originals], line: ml, field: mf(.originals), range: 0...99, default: 1)
            let copies = int(m.values[.copies], line: ml, field: mf(.copies), range: 0...99, default: 0)
            let required = bool(m.values[.materialRequired], line: ml, field: mf(.materialRequired), default: true)
            let tolerable = bool(m.values[.tolerable], line: ml, field: mf(.tolerable), default: false)
            let licence = text(m.values[.electronicLicence], line: ml, field: mf(.electronicLicence), required: false, long: false)
            let notes = text(m.values[.materialNotes], line: ml, field: mf(.materialNotes), required: false, long: true)
            materials.append(MaterialRequirement(name: mname, originals: originals ?? 1, copies: copies ?? 0, required: required,
                                                 tolerable: tolerable, electronicLicence: licence.isEmpty ? nil : licence,
                                                 notes: notes.isEmpty ? nil : notes))
        }
        guard issues.count == before, let type, let promised, let caseType else { return nil }
        return Matter(name: name, basicCode: basic, implementationCode: impl, type: type, legalBasis: basis, level: level,
                      implementingBody: body, implementingBodyCreditCode: credit, statutoryLimit: statutory,
                      promisedLimit: promised, caseType: caseType, acceptanceConditions: conditions, procedure: procedure,
                      fee: Matter.Fee(charged: charged, basis: feeBasis.isEmpty ? nil : feeBasis), serviceObject: object,
                      place: place, hours: hours, enquiryPhone: enquiry, complaintPhone: complaint, materials: materials,
                      version: 1, formFields: fields)
    }
}

extension CatalogImport {
    /// Full-width digits and letters from a Chinese input method, as ASCII.
    static func halfwidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value) { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }
}

// MARK: - CSV

enum CatalogCSVReader {
    struct Record { var line: Int; var cells: [String] }

    static func read(_ text: String, source: String, into v: inout CatalogValidator) -> CatalogFile {
        let (records, openQuoteLine) = records(text)
        if let openQuoteLine { v.add(openQuoteLine, "", "引号未闭合：从此行开始的单元格缺少结束的双引号") }
        guard let header = records.first else {
            v.add(0, "", "文件是空的")
            return CatalogFile(source: source, matters: [], bundles: [])
        }
        var column: [CatalogColumn: Int] = [:]
        for (i, cell) in header.cells.enumerated() {
            let name = cell.trimmedFast.replacingOccurrences(of: "*", with: "")
            guard let c = CatalogColumn(rawValue: name) else { continue }
            if column[c] != nil { v.add(header.line, c.rawValue, "列名重复") }
            column[c] = i
        }
        let missing = CatalogColumn.requiredInCSV.filter { column[$0] == nil }
        for c in missing { v.add(header.line, c.rawValue, "缺少必需的列（首行应为列名）") }
        guard missing.isEmpty else { return CatalogFile(source: source, matters: [], bundles: []) }

        func value(_ r: Record, _ c: CatalogColumn) -> String? {
            guard let i = column[c], i < r.cells.count else { return nil }
            return r.cells[i]
        }
        func trimmed(_ r: Record, _ c: CatalogColumn) -> String {
            CatalogImport.halfwidth(value(r, c) ?? "").trimmedFast
        }
        let matterColumns = CatalogColumn.allCases.filter { !$0.isMaterial && column[$0] != nil }
        let materialColumns = CatalogColumn.allCases.filter { $0.isMaterial && column[$0] != nil }

        var raws: [RawMatter] = []
        for r in records.dropFirst() {
            let code = trimmed(r, .implementationCode), name = trimmed(r, .name)
            // Same code and no other name: the same matter. Same code with another name: a
            // duplicate code, reported as such rather than as a dozen contradicting columns.
            let continues = !raws.isEmpty && (code.isEmpty ? name.isEmpty
                : code == cellText(raws[raws.count - 1].values, .implementationCode)
                    && (name.isEmpty || name == cellText(raws[raws.count - 1].values, .name)))
            if !continues {
                if raws.isEmpty && code.isEmpty && name.isEmpty {
                    v.add(r.line, CatalogColumn.name.rawValue, "第一行数据须填写事项信息（续行才可只填材料）")
                }
                var raw = RawMatter(line: r.line, json: false)
                for c in matterColumns { raw.values[c] = value(r, c) }
                raws.append(raw)
            } else {
                // A continuation may repeat the matter's columns but not contradict them.
                let first = raws[raws.count - 1]
                for c in matterColumns {
                    let t = trimmed(r, c)
                    if !t.isEmpty && t != cellText(first.values, c) {
                        v.add(r.line, c.rawValue, "与第\(first.line)行（同一事项）不一致：同一事项的各行应相同或留空")
                    }
                }
            }
            var material: [CatalogColumn: String] = [:]
            for c in materialColumns { material[c] = value(r, c) }
            if !trimmed(r, .materialName).isEmpty || materialColumns.contains(where: { !trimmed(r, $0).isEmpty }) {
                raws[raws.count - 1].materials.append((r.line, material))
            }
        }
        let matters = raws.compactMap { v.matter($0) }
        return CatalogFile(source: source, matters: matters, bundles: [])
    }

    private static func cellText(_ values: [CatalogColumn: String], _ c: CatalogColumn) -> String {
        CatalogImport.halfwidth(values[c] ?? "").trimmedFast
    }

    /// RFC 4180 as Excel writes it: quoted cells may hold commas, doubled quotes and line breaks.
    /// Each record keeps the line it starts on; rows with nothing in them are skipped.
    static func records(_ text: String) -> ([Record], openQuoteLine: Int?) {
        let bytes = Array(text.utf8)
        let firstLine = bytes.prefix { $0 != 10 }
        let delimiter: UInt8 = firstLine.contains(9) && !firstLine.contains(44) ? 9 : 44   // tab-separated if Excel saved "文本文件(制表符分隔)"
        let quote: UInt8 = 34
        var records: [Record] = []
        var cells: [String] = [], cell: [UInt8] = []
        var line = 1, recordLine = 1, inQuotes = false, quoteLine = 0, cellStarted = false
        func endRecord() {
            cells.append(String(decoding: cell, as: UTF8.self))
            if cells.contains(where: { !$0.trimmedFast.isEmpty }) {
                records.append(Record(line: recordLine, cells: cells))
            }
            cells = []; cell = []; cellStarted = false
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if inQuotes {
                if b == quote {
                    if i < bytes.count && bytes[i] == quote { cell.append(quote); i += 1 } else { inQuotes = false }
                } else if b != 13 {
                    if b == 10 { line += 1 }
                    cell.append(b)
                }
                continue
            }
            switch b {
            case quote where !cellStarted:
                inQuotes = true; cellStarted = true; quoteLine = line
            case delimiter:
                cells.append(String(decoding: cell, as: UTF8.self)); cell = []; cellStarted = false
            case 13:
                continue
            case 10:
                endRecord()
                line += 1; recordLine = line
            default:
                cell.append(b); cellStarted = true
            }
        }
        if !cell.isEmpty || !cells.isEmpty || cellStarted { endRecord() }
        return (records, inQuotes ? quoteLine : nil)
    }
}

// MARK: - JSON

enum CatalogJSONReader {
    static func read(_ text: String, source: String, into v: inout CatalogValidator) -> CatalogFile {
        let dto: FileDTO
        do {
            dto = try JSONDecoder().decode(FileDTO.self, from: Data(text.utf8))
        } catch {
            v.add(syntaxErrorLine(error), "", "JSON 格式错误：\(describe(error))")
            return CatalogFile(source: source, matters: [], bundles: [])
        }
        guard let matterDTOs = dto.matters else {
            v.add(1, "matters", "缺少事项列表 matters")
            return CatalogFile(source: source, matters: [], bundles: [])
        }
        let lines = elementLines(text)
        var matters: [Matter] = []
        for (i, element) in matterDTOs.enumerated() {
            let line = lines["matters"].flatMap { i < $0.count ? $0[i] : nil } ?? 0
            switch element.result {
            case .failure(let e): v.add(line, "matters[\(i)]" + path(e), describe(e))
            case .success(let m):
                var raw = RawMatter(line: line, values: m.values, formFields: m.formFields, json: true)
                raw.materials = m.materials.map { (line, $0) }
                for p in m.problems { v.add(line, p.field, p.message) }
                if let matter = v.matter(raw), m.problems.isEmpty { matters.append(matter) }
            }
        }
        var bundles: [MatterBundle] = []
        var bundleLines: [String: Int] = [:]
        for (i, element) in (dto.bundles ?? []).enumerated() {
            let line = lines["bundles"].flatMap { i < $0.count ? $0[i] : nil } ?? 0
            switch element.result {
            case .failure(let e): v.add(line, "bundles[\(i)]" + path(e), describe(e))
            case .success(let b):
                let before = v.issues.count
                let code = v.text(b.code, line: line, field: "bundles[\(i)].code", required: true, long: false)
                if code.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }) {
                    v.add(line, "bundles[\(i)].code", "一件事编码只能由字母、数字、-和_组成")
                }
                if let first = bundleLines[code] { v.add(line, "bundles[\(i)].code", "一件事编码\(code)重复：第\(first)行已使用") }
                bundleLines[code] = bundleLines[code] ?? line
                let name = v.text(b.name, line: line, field: "bundles[\(i)].name", required: true, long: false)
                let description = v.text(b.description, line: line, field: "bundles[\(i)].description", required: false, long: true)
                let codes = (b.matterCodes ?? []).map { CatalogImport.halfwidth($0).trimmedFast }
                if codes.isEmpty { v.add(line, "bundles[\(i)].matterCodes", "一件事至少包含一个事项") }
                for c in codes where v.seenCodes[c] == nil {
                    v.add(line, "bundles[\(i)].matterCodes", "事项编码\(c)不在本目录中")
                }
                if v.issues.count == before {
                    bundles.append(MatterBundle(code: code, name: name, description: description, matterCodes: codes))
                }
            }
        }
        return CatalogFile(source: dto.source ?? source, matters: matters, bundles: bundles)
    }

    /// The line on which each element of the top-level "matters" and "bundles" arrays starts, found
    /// by a small scan (JSONDecoder does not say where a value came from).
    static func elementLines(_ text: String) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        var stack: [UInt8] = []
        var arrayKey: String?
        var lastString: [UInt8] = []
        var line = 1, inString = false, escaped = false
        var current: [UInt8] = []
        for b in text.utf8 {
            if inString {
                if escaped { escaped = false } else if b == 92 { escaped = true } else if b == 34 {
                    inString = false
                    if stack.count == 1 { lastString = current }
                } else if stack.count == 1 { current.append(b) }
                if b == 10 { line += 1 }
                continue
            }
            switch b {
            case 10: line += 1
            case 34: inString = true; current = []
            case 123, 91:   // { [
                if b == 91 && stack.count == 1 { arrayKey = String(decoding: lastString, as: UTF8.self) }
                if b == 123 && stack.count == 2 && stack[1] == 91, let k = arrayKey { out[k, default: []].append(line) }
                stack.append(b)
            case 125, 93: _ = stack.popLast()
            default: break
            }
        }
        return out
    }

    static func syntaxErrorLine(_ error: Error) -> Int {
        let text = "\(error)"
        guard let r = text.range(of: "line ") else { return 0 }
        return Int(text[r.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    static func path(_ error: Error) -> String {
        let keys: [CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): keys = c.codingPath
        case .keyNotFound(let k, let c): keys = c.codingPath + [k]
        default: return ""
        }
        return keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(let t, _): return "类型不对：应为\(t == String.self ? "文字" : t == Bool.self ? "true/false" : t == Int.self ? "整数" : "\(t)")"
        case .valueNotFound: return "缺少值"
        case .keyNotFound(let k, _): return "缺少字段 \(k.stringValue)"
        case .dataCorrupted(let c):
            let under = c.underlyingError.map { "（\($0.localizedDescription)）" } ?? ""
            return c.debugDescription + under
        default: return error.localizedDescription
        }
    }

    struct FileDTO: Decodable {
        var source: String?
        var matters: [CatalogLossy<MatterDTO>]?
        var bundles: [CatalogLossy<BundleDTO>]?
    }

    struct BundleDTO: Decodable {
        var code: String?, name: String?, description: String?, matterCodes: [String]?
    }

    /// Decodes a matter leniently into text per element, so every element gets checked (and named)
    /// by the same rules as a CSV cell instead of the first type error hiding the rest.
    struct MatterDTO: Decodable {
        var values: [CatalogColumn: String] = [:]
        var materials: [[CatalogColumn: String]] = []
        var formFields: [FormField]?
        var problems: [(field: String, message: String)] = []

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            for col in CatalogColumn.allCases where !col.isMaterial && !col.jsonKey.contains(".") && col != .formFields {
                do {
                    if let v = try c.decodeIfPresent(Loose.self, forKey: AnyKey(col.jsonKey)) { values[col] = v.text }
                } catch { problems.append((col.jsonKey, CatalogJSONReader.describe(error))) }
            }
            do {
                if let fee = try c.decodeIfPresent(FeeDTO.self, forKey: AnyKey("fee")) {
                    values[.feeCharged] = fee.charged?.text
                    values[.feeBasis] = fee.basis?.text
                }
            } catch { problems.append(("fee", CatalogJSONReader.describe(error))) }
            do {
                formFields = try c.decodeIfPresent([FormField].self, forKey: AnyKey("formFields")) ?? []
            } catch { problems.append(("formFields" + CatalogJSONReader.path(error).replacingOccurrences(of: ".formFields", with: ""), CatalogJSONReader.describe(error))) }
            do {
                let list = try c.decodeIfPresent([[String: Loose]].self, forKey: AnyKey("materials")) ?? []
                for item in list {
                    var m: [CatalogColumn: String] = [:]
                    for col in CatalogColumn.allCases where col.isMaterial { m[col] = item[col.jsonKey]?.text }
                    materials.append(m)
                }
            } catch { problems.append(("materials", CatalogJSONReader.describe(error))) }
        }
    }

    struct FeeDTO: Decodable { var charged: Loose?; var basis: Loose? }

    /// Text, a number, true/false, null or a time limit object ({"value": 20, "unit": "工作日"}) as text.
    struct Loose: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            if let c = try? decoder.container(keyedBy: AnyKey.self), c.contains(AnyKey("value")) {
                let value = try c.decode(Loose.self, forKey: AnyKey("value")).text
                text = value + (try c.decodeIfPresent(String.self, forKey: AnyKey("unit")) ?? "")
                return
            }
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { text = "" }
            else if let s = try? c.decode(String.self) { text = s }
            else if let b = try? c.decode(Bool.self) { text = b ? "是" : "否" }
            else if let i = try? c.decode(Int.self) { text = String(i) }
            else if let d = try? c.decode(Double.self) { text = String(d) }
            else { throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "应为文字或数字")) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}

/// An array element that failed to decode is kept as its error, so the rest are still checked.
struct CatalogLossy<T: Decodable>: Decodable {
    var result: Result<T, Error>
    init(from decoder: Decoder) throws { result = Result { try T(from: decoder) } }
}

fileprivate extension String {
    /// Foundation's trimmingCharacters(in:) is slow on Linux and almost every cell has nothing to
    /// trim; 20,000 rows × 28 columns made it the larger part of an import.
    var trimmedFast: String {
        let u = unicodeScalars
        guard let first = u.first, let last = u.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = u.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = u.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(u[start...end])
    }
}
