import Foundation

// JSON in the shape of Resources/data/catalog.json: matters and bundles. JSONDecoder does not say
// where a value came from, so a small scan finds the line each element starts on, and decoding
// errors are turned into a JSON key path and a Chinese message. The lenient DTOs are in
// CatalogJSONReader+DTO.swift.

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
}
