import Foundation
import HallCore

/// GB/T 39046-2020 table 9 (评价信息) as CSV or JSON. Level codes and channel codes follow the
/// province's configuration (`RatingPolicy`); our own enums never change.
public enum RatingExport {
    public static let fields = ["办件编号", "评价渠道", "评价人", "评价时间", "评价次数", "评价等级", "评价等级代码", "评价内容", "行政区划代码"]
    static let jsonKeys = ["caseNumber", "channel", "rater", "time", "count", "level", "levelCode", "text", "divisionCode"]

    /// One row per rating. The rater is the name only when the reader may see it, else 匿名 or
    /// empty; the standard's case number falls back to the ticket event's service name.
    public static func rows(_ ratings: [RatingRecord], policy: RatingPolicy, timeZone: TimeZone) -> [[String]] {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyyMMdd'T'HHmmss"
        return ratings.map { r in
            // The applicant's own words may carry a phone or ID number: masked like every other one.
            var text = maskNumbersInText(r.text ?? "")
            if !r.reasons.isEmpty { text = "原因：" + r.reasons.joined(separator: "、") + (text.isEmpty ? "" : "；" + text) }
            return [r.caseNumber ?? "", policy.channelCode(r.channel), r.anonymous ? "匿名" : (r.rater?.name ?? "实名"), f.string(from: r.at), "1",
                    r.level.label, String(policy.levelCode(r.level)), text, policy.divisionCode]
        }
    }

    /// The hall's one CSV form (`CSVWriter`): BOM, CRLF, quoted and formula-safe fields.
    public static func csv(_ rows: [[String]]) -> String {
        CSVWriter.document(header: fields, rows: rows)
    }

    public static func json(_ rows: [[String]]) -> String {
        let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(jsonKeys, $0)) }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(objects)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}
