import Foundation

// The checks both formats pass through. A reader turns its input into a `RawMatter` of plain text
// per element, so a CSV cell and a JSON value get the same rules and the same messages; the
// validator records every problem (it never stops at the first) so the clerk fixes the file once.

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
}
