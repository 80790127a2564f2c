import Foundation
import HallCore
import HallStore

/// `--from/--to` of `report`, `ratings report` and `ratings export`. Days are stored as
/// "2026-11-03" and compared as text, so "2026-11-3" must be normalised first (it matched nothing)
/// and "banana" or "2026-02-30" refused (they printed an empty report and exited 0).
struct ReportRange {
    let fromDay: String
    let toDay: String

    init(from: String?, to: String?, store: HallStore) throws {
        let calendar = try store.hall().calendar
        fromDay = try from.map { try Self.day($0, option: "--from", calendar: calendar) } ?? calendar.dayKey(store.currentTime())
        toDay = try to.map { try Self.day($0, option: "--to", calendar: calendar) } ?? fromDay
        guard fromDay <= toDay else { throw StoreError.invalidInput("起始日期 \(fromDay) 晚于结束日期 \(toDay)") }
    }

    /// "2026-11-3" or "2026-11-03" → "2026-11-03"; anything else, or a day the calendar lacks, is refused.
    static func day(_ text: String, option: String, calendar: HallCalendar) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 3, digits, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw StoreError.invalidInput("\(option) 的日期“\(sanitizedForTerminal(String(text.prefix(40))))”格式不对：应为 年-月-日，如 2026-11-03")
        }
        let key = String(format: "%04d-%02d-%02d", y, m, d)
        guard calendar.date(fromDayKey: key) != nil else {
            throw StoreError.invalidInput("\(option) 的日期 \(key) 不存在（\(y)年\(m)月没有\(d)日）")
        }
        return key
    }
}
