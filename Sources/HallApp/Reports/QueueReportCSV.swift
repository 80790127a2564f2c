import Foundation
import HallCore
import HallStore

/// Per-clerk and per-service report for a date range, as CSV in the hall's one form
/// (`CSVWriter`: UTF-8 with BOM, CRLF, quoted and formula-safe fields).
public enum QueueReportCSV {
    public static func make(store: HallStore, fromDay: String, toDay: String) throws -> String {
        let cal = try store.hall().calendar
        guard cal.date(fromDayKey: fromDay) != nil else { throw StoreError.invalidInput("起始日期“\(fromDay.prefix(20))”无效，格式如 2026-11-01") }
        guard cal.date(fromDayKey: toDay) != nil else { throw StoreError.invalidInput("结束日期“\(toDay.prefix(20))”无效，格式如 2026-11-30") }
        guard fromDay <= toDay else { throw StoreError.invalidInput("起始日期晚于结束日期") }
        let (report, services, clerks) = try store.report(fromDay: fromDay, toDay: toDay)
        let header = ["类别", "编号", "名称", "叫号数", "办结数", "过号数", "平均等候(秒)", "服务达标率(%)", "平均办理(秒)", "在岗时长(秒)", "利用率(%)"]
        var lines: [[String]] = []
        for s in services {
            let m = report.services[s.id] ?? ServiceMetrics(serviceId: s.id)
            lines.append(["业务", s.code, s.name, "\(m.calls)", "\(m.finished)", "\(m.noShows)", num(m.averageWaitSeconds),
                          pct(m.serviceLevel), num(m.averageServiceSeconds), "", ""])
        }
        for c in clerks {
            guard let m = report.clerks[c.id] else { continue }
            lines.append(["工作人员", c.number, c.name, "\(m.calls)", "\(m.finished)", "\(m.noShows)", num(m.averageWaitSeconds),
                          "", num(m.averageServiceSeconds), num(m.loggedInSeconds), pct(m.utilisation)])
        }
        lines.append(["范围", fromDay, toDay, "", "", "", "", "", "", "", ""])
        return CSVWriter.document(header: header, rows: lines)
    }

    static func num(_ v: Double?) -> String { v.map { String(format: "%.0f", $0) } ?? "" }
    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f", $0 * 100) } ?? "" }
}
