import Foundation

// CSV as a clerk saves it from Excel: records (quotes, doubled quotes, line breaks in cells,
// tab-separated when saved as 文本文件), then the header mapped to columns, then rows grouped into
// matters (continuation rows add materials). Every cell goes to the shared validator as text.

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
