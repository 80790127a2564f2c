import Foundation
import GRDB
import HallCore
import HallResources

/// The case search's further keys (issue 14, must-deliver 5): a company's name and its legal
/// representative by prefix, the last digits of a case number (the day's sequence, "42" finds
/// every YC…0042), and the full pinyin of the applicant's name or the company's name by prefix
/// ("zhangsan" finds 张三丰, "shifanqu" 示范区第一纺织厂). Each reads its own index in case-number order (Migrations+CaseIntakeQ.swift) and
/// stops after the rows the page needs; none reads the case rows to find matches.
enum CaseSearchKeys {
    struct Key { let index: String; let expression: String }
    static let businessName = Key(index: "case_business_name_number", expression: #"json_extract(form, '$."business.name"')"#)
    static let legalRepresentative = Key(index: "case_legal_rep_number",
                                         expression: #"json_extract(form, '$."business.legalRepresentative"')"#)
    static let pinyin = Key(index: "case_name_pinyin_number", expression: "name_pinyin")
    static let businessPinyin = Key(index: "case_business_pinyin_number", expression: "business_pinyin")
    static let tail = Key(index: "case_number_tail", expression: "substr(case_number, -4)")

    /// Rows whose key starts with the bound prefix (`>= ? AND < ? || U+10FFFF`), newest first.
    static func prefixSQL(_ k: Key, columns: String) -> String {
        """
        SELECT \(columns) FROM case_file WHERE rowid IN (
            SELECT rowid FROM case_file INDEXED BY \(k.index)
            WHERE \(k.expression) >= ? AND \(k.expression) < ? ORDER BY case_number DESC LIMIT ?)
        """
    }

    static func tailSQL(columns: String) -> String {
        """
        SELECT \(columns) FROM case_file INDEXED BY \(tail.index)
        WHERE \(tail.expression) = ? ORDER BY case_number DESC LIMIT ?
        """
    }

    /// The matches of every key that applies to `query`, at most `need` per key.
    static func rows(_ db: Database, query: String, need: Int, columns: String) throws -> [Row] {
        let end = "\u{10FFFF}"
        var found: [Row] = []
        if !query.isEmpty {
            for k in [businessName, legalRepresentative] {
                found += try Row.fetchAll(db, sql: prefixSQL(k, columns: columns), arguments: [query, query + end, need])
            }
        }
        let lower = query.lowercased()
        if (2...60).contains(lower.count), lower.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
            for k in [pinyin, businessPinyin] {
                found += try Row.fetchAll(db, sql: prefixSQL(k, columns: columns), arguments: [lower, lower + end, need])
            }
        }
        if (1...4).contains(query.count), query.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            let padded = String(repeating: "0", count: 4 - query.count) + query
            found += try Row.fetchAll(db, sql: tailSQL(columns: columns), arguments: [padded, need])
        }
        return found
    }
}

/// Toneless full pinyin of a name, from the table generated from pypinyin
/// (Resources/tools/build-pinyin-full.py): "张三丰" → "zhangsanfeng". Letters are kept
/// (lower-cased), anything else dropped; nil when nothing is left.
enum PinyinSpelling {
    static let readings: PinyinReadings = {
        guard let data = try? HallResources.data("pinyin-full.txt") else { return PinyinReadings(table: "") }
        return PinyinReadings(table: String(decoding: data, as: UTF8.self))
    }()

    static func spell(_ name: String) -> String? { readings.spell(name) }
}
