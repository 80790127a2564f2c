import Foundation
import HallCore
import Logging
import PostgresNIO

/// The national 好差评 exchange from the centre: every synced rating of a period as a GB/T
/// 39046-2020 table 9 row (the fields `yichuang ratings export` writes at the hall), coded with
/// each hall's own rating policy (level order, channel codes, 行政区划代码). A row the exchange
/// would reject is not exported: it is named in `problems` instead, so the file sent is valid.
public struct ExchangeRatings: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(_ central: Central) { client = central.client; logger = central.logger }

    public struct Export: Sendable {
        /// In the order of `RatingExportFields` (the hall's RatingExport.fields).
        public var rows: [[String]]
        /// Why some ratings were left out, in Chinese, one line per hall or rating.
        public var problems: [String]
    }

    /// GB/T 39046-2020 table 9, as the hall's export names them.
    public static let fields = ["办件编号", "评价渠道", "评价人", "评价时间", "评价次数", "评价等级", "评价等级代码", "评价内容", "行政区划代码"]

    /// A 行政区划代码 as the exchange takes it: 6 digits (GB/T 2260) or 12 (统计用区划代码).
    public static func divisionCodeProblem(_ code: String) -> String? {
        let digits = code.allSatisfy { $0.isASCII && $0.isNumber }
        return digits && (code.count == 6 || code.count == 12) ? nil : "行政区划代码“\(code)”应为 6 位或 12 位数字"
    }

    /// Ratings of the service days `fromDay`…`toDay` (inclusive), of every hall or one.
    public func export(fromDay: String, toDay: String, hallId only: String? = nil) async throws -> Export {
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_US_POSIX")
        time.timeZone = OverviewProjection.calendar.timeZone
        time.dateFormat = "yyyyMMdd'T'HHmmss"
        var rows: [[String]] = [], problems: [String] = [], skipped: [String: (String, Int, String)] = [:]
        let decoder = JSONDecoder()
        for try await (hall, name, id, level, anonymous, ratedAt, reasons, isDefault, caseNumber, ticket, policyText) in try await client.query("""
            SELECT r.hall_id, h.name, r.id, r.level, r.anonymous, r.rated_at, r.reasons, r.is_default, i.case_number, i.ticket, p.policy
            FROM ov_rating r JOIN hall h ON h.hall_id = r.hall_id AND h.id = r.hall_id
            LEFT JOIN ov_invitation i ON i.hall_id = r.hall_id AND i.id = r.invitation
            LEFT JOIN ov_rating_policy p ON p.hall_id = r.hall_id AND p.id = r.hall_id
            WHERE r.service_day >= \(fromDay) AND r.service_day <= \(toDay) AND (\(only)::text IS NULL OR r.hall_id = \(only))
            ORDER BY h.name, r.hall_id, r.rated_at, r.id
            """, logger: logger).decode((String, String, String, Int, Bool, Double?, String?, Bool, String?, String?, String?).self) {
            let policy = policyText.flatMap { try? decoder.decode(RatingPolicy.self, from: Data($0.utf8)) }
            guard let policy else {
                skipped[hall, default: (name, 0, "未收到该大厅的评价规则（含行政区划代码）：请在大厅设置评价规则后同步")].1 += 1
                continue
            }
            if let problem = Self.divisionCodeProblem(policy.divisionCode) {
                skipped[hall, default: (name, 0, problem + "：请在该大厅的评价规则中设置后同步")].1 += 1
                continue
            }
            guard let levelValue = RatingLevel(rawValue: level) else {
                problems.append("大厅 \(name)（\(hall)）的评价 \(id)：评价等级 \(level) 无法识别，未导出"); continue
            }
            // The standard keys a rating by its 办件编号: a queue service with no case has none
            // (a ticket number is neither unique nor known to the province's platform).
            guard let number = caseNumber, !number.isEmpty else {
                let what = ticket.map { "排队服务（票号 \($0)）未立办件" } ?? "邀请评价时未记录办件"
                problems.append("大厅 \(name)（\(hall)）的评价 \(id)：无办件编号，\(what)，未导出"); continue
            }
            guard let ratedAt else {
                problems.append("大厅 \(name)（\(hall)）的评价 \(id)：缺评价时间，未导出"); continue
            }
            let reasonList = reasons.flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
            // The node's rating operation names no channel: the pad, or 政务大厅其他终端 for a default.
            let channel: RatingChannel = isDefault ? .hallOtherTerminal : .hallPad
            rows.append([number, policy.channelCode(channel), anonymous ? "匿名" : "实名",
                         time.string(from: Date(timeIntervalSince1970: ratedAt)), "1", levelValue.label,
                         String(policy.levelCode(levelValue)),
                         reasonList.isEmpty ? "" : "原因：" + reasonList.joined(separator: "、"), policy.divisionCode])
        }
        for (hall, (name, count, why)) in skipped.sorted(by: { $0.key < $1.key }) {
            problems.insert("大厅 \(name)（\(hall)）的 \(count) 条评价未导出：\(why)", at: 0)
        }
        return Export(rows: rows, problems: problems)
    }
}
