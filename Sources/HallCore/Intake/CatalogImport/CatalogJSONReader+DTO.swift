import Foundation

// The lenient decoding behind CatalogJSONReader: every element is decoded as text where it can be,
// and a failed element or value is kept as its error, so one type mistake does not hide the rest
// of the file and every element is checked (and named) by the same rules as a CSV cell.

extension CatalogJSONReader {
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
                // 办理结果 as lists; joined here so both formats reach the validator as one text.
                if let results = try c.decodeIfPresent(ResultsDTO.self, forKey: AnyKey("results")) {
                    values[.resultMaterials] = results.materials?.joined(separator: "、")
                    values[.resultFields] = results.fieldKeys?.joined(separator: "、")
                }
            } catch { problems.append(("results", CatalogJSONReader.describe(error))) }
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
    struct ResultsDTO: Decodable { var materials: [String]?; var fieldKeys: [String]? }

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
