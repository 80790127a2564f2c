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
//   材料名称  原件份数  复印件份数  材料必要性 (必要/非必要)  容缺 (是/否)
//   补交期限 (容缺材料受理后补交的工作日数，1–60，如“5”或“5个工作日”；空=大厅默认5个工作日；
//            JSON 键 toleranceWorkingDays)  电子证照 (可替代的证照名)  材料备注
// A CSV file carries matters only; bundles come with a JSON catalog and are kept otherwise.
//
// Every row is checked and EVERY problem is reported with its line and field in one pass, so a
// clerk fixes the file once; nothing is imported until the file is clean.
//
// The import is split by responsibility, one file each, all in this folder:
//   CatalogImport.swift             the entry point (`parse`), the limits and the public result/error types
//   CatalogImport+Encoding.swift    UTF-8 check, and naming the encoding a file really has (UTF-16, GB18030)
//   CatalogText.swift               text helpers both readers and the validator share (full-width, trim, sizes)
//   CatalogColumn.swift             the elements of a matter with their CSV column and JSON key
//   CatalogValidator.swift          the per-field checks that report every problem with its line and field
//   CatalogValidator+Matter.swift   turning one raw matter into a `Matter` by those checks
//   CatalogCSVReader.swift          CSV records, header mapping and continuation rows
//   CatalogJSONReader.swift         JSON matters and bundles, and the line each element starts on
//   CatalogJSONReader+DTO.swift     the lenient JSON decoding that keeps every element checkable

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
        if format == .json {
            do { try ImportBounds.checkJSONDepth(data) } catch { throw CatalogIssues([CatalogIssue(line: 0, field: "", message: error.localizedDescription)]) }
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
}
