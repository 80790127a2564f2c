import Foundation
import HallCore
import HallStore

/// The queue report for a date range, as CSV in the hall's one form (`CSVWriter`: UTF-8 with BOM,
/// CRLF, quoted and formula-safe fields) or as JSON: one row per group (合计, 业务, 窗口, 工作人员,
/// 时段), every figure in every row (a figure that does not apply to a group is left empty).
/// The first eleven columns are those of the first report, so older sheets keep reading them.
public enum QueueReportCSV {
    public static func make(store: HallStore, fromDay: String, toDay: String) throws -> String {
        let rows = try QueueReportRows.make(store: store, fromDay: fromDay, toDay: toDay)
        var lines = rows.groups.map { g in [g.kind.label, g.code, g.name] + QueueReportRows.columns.map { $0.value(g.figures, g.kind) } }
        lines.append(["范围", fromDay, toDay] + QueueReportRows.columns.map { _ in "" })
        return CSVWriter.document(header: ["类别", "编号", "名称"] + QueueReportRows.columns.map(\.title), rows: lines)
    }

    /// The same figures as JSON: `{from, to, groups: [{kind, code, name, <column key>: value…}]}`;
    /// counts are numbers, durations seconds, rates fractions; a figure that does not apply is null.
    public static func json(store: HallStore, fromDay: String, toDay: String) throws -> String {
        let rows = try QueueReportRows.make(store: store, fromDay: fromDay, toDay: toDay)
        let groups: [[String: Any]] = rows.groups.map { g in
            var o: [String: Any] = ["kind": g.kind.rawValue, "code": g.code, "name": g.name]
            for c in QueueReportRows.columns {
                let v = c.number(g.figures, g.kind)
                o[c.key] = v.map { c.isCount ? Int($0) as Any : ($0 * 1000).rounded() / 1000 } ?? NSNull()
            }
            return o
        }
        let data = try JSONSerialization.data(withJSONObject: ["from": fromDay, "to": toDay, "groups": groups],
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func num(_ v: Double?) -> String { v.map { String(format: "%.0f", $0) } ?? "" }
    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f", $0 * 100) } ?? "" }
}

/// The groups and columns of the queue report, shared by the CSV and the JSON.
public enum QueueReportRows {
    public enum Kind: String, Sendable {
        case total, service, window, clerk, hour
        public var label: String {
            switch self {
            case .total: return "合计"
            case .service: return "业务"
            case .window: return "窗口"
            case .clerk: return "工作人员"
            case .hour: return "时段"
            }
        }
        /// Tickets enter a line by service (and hour); windows and clerks only act on them.
        var countsTickets: Bool { self == .total || self == .service || self == .hour }
        var countsOutcomes: Bool { self == .total || self == .service }
        var hasSignIn: Bool { self == .window || self == .clerk }
    }

    public struct Group: Sendable {
        public var kind: Kind
        public var code: String
        public var name: String
        public var figures: QueueFigures
    }

    public struct Column: Sendable {
        public var key: String
        public var title: String
        public var number: @Sendable (QueueFigures, Kind) -> Double?
        public var isRate = false
        public var isCount = false
        func value(_ f: QueueFigures, _ k: Kind) -> String {
            guard let v = number(f, k) else { return "" }
            return isRate ? QueueReportCSV.pct(v) : QueueReportCSV.num(v)
        }
    }

    static func count(_ key: String, _ title: String, when: @escaping @Sendable (Kind) -> Bool = { _ in true },
                      _ f: @escaping @Sendable (QueueFigures) -> Int) -> Column {
        Column(key: key, title: title, number: { when($1) ? Double(f($0)) : nil }, isCount: true)
    }
    static func seconds(_ key: String, _ title: String, when: @escaping @Sendable (Kind) -> Bool = { _ in true },
                        _ f: @escaping @Sendable (QueueFigures) -> Double?) -> Column {
        Column(key: key, title: title, number: { when($1) ? f($0) : nil })
    }

    public static let columns: [Column] = [
        count("calls", "叫号数") { $0.calls },
        count("finished", "办结数") { $0.finished },
        count("noShows", "过号数") { $0.noShows },
        seconds("waitMean", "平均等候(秒)") { $0.waits.mean },
        Column(key: "serviceLevel", title: "服务达标率(%)", number: { f, k in k == .service || k == .total ? f.serviceLevel : nil }, isRate: true),
        seconds("serviceMean", "平均办理(秒)") { $0.serviceTimes.mean },
        seconds("loggedInSeconds", "在岗时长(秒)", when: \.hasSignIn) { $0.loggedInSeconds },
        Column(key: "utilisation", title: "利用率(%)", number: { f, k in k.hasSignIn ? f.utilisation : nil }, isRate: true),
        // Added for issue 12 (reports that count everything), after the original columns.
        count("issued", "取号数", when: \.countsTickets) { $0.issued },
        count("greenChannel", "绿色通道", when: \.countsTickets) { $0.greenChannel },
        count("appointmentTickets", "预约号", when: \.countsTickets) { $0.appointmentTickets },
        count("walkUps", "无号办理") { $0.walkUps },
        count("callEvents", "叫号次数") { $0.callEvents },
        count("noShowsDropped", "过号作废") { $0.noShowsDropped },
        count("noShowsRequeued", "过号顺延") { $0.noShowsRequeued },
        count("transferredOut", "转出") { $0.transferredOut },
        count("abandoned", "未叫到(日终仍在等候)", when: \.countsOutcomes) { $0.abandoned },
        count("stillWaiting", "仍在等候", when: \.countsOutcomes) { $0.stillWaiting },
        count("noShowsNotBack", "过号未再叫", when: \.countsOutcomes) { $0.noShowsNotBack },
        count("heldAtEnd", "挂起未回呼", when: \.countsOutcomes) { $0.heldAtEnd },
        count("servingAtEnd", "办理中", when: \.countsOutcomes) { $0.servingAtEnd },
        count("appointmentsBooked", "预约数", when: \.countsOutcomes) { $0.appointmentsBooked },
        count("appointmentsKept", "预约按时签到", when: \.countsOutcomes) { $0.appointmentsKept },
        count("appointmentsLate", "预约迟到签到", when: \.countsOutcomes) { $0.appointmentsLate },
        count("appointmentsMissed", "预约未到", when: \.countsOutcomes) { $0.appointmentsMissed },
        seconds("waitP90", "等候P90(秒)") { $0.waits.p90 },
        seconds("waitMax", "最长等候(秒)") { $0.waits.max },
        seconds("serviceP90", "办理P90(秒)") { $0.serviceTimes.p90 },
        seconds("serviceMax", "最长办理(秒)") { $0.serviceTimes.max },
        Column(key: "noShowRate", title: "过号率(%)", number: { f, _ in f.noShowRate }, isRate: true),
    ]

    public static func make(store: HallStore, fromDay: String, toDay: String) throws -> (groups: [Group], report: QueueReport) {
        let cal = try store.hall().calendar
        guard cal.date(fromDayKey: fromDay) != nil else { throw StoreError.invalidInput("起始日期“\(fromDay.prefix(20))”无效，格式如 2026-11-01") }
        guard cal.date(fromDayKey: toDay) != nil else { throw StoreError.invalidInput("结束日期“\(toDay.prefix(20))”无效，格式如 2026-11-30") }
        guard fromDay <= toDay else { throw StoreError.invalidInput("起始日期晚于结束日期") }
        let (report, services, clerks) = try store.report(fromDay: fromDay, toDay: toDay)
        var groups = [Group(kind: .total, code: "", name: "全部", figures: report.total)]
        groups += services.map { Group(kind: .service, code: $0.code, name: $0.name, figures: report.services[$0.id] ?? QueueFigures(key: $0.id)) }
        groups += try store.windows().compactMap { w in
            report.windows[String(w.number)].map { Group(kind: .window, code: String(w.number), name: w.name, figures: $0) }
        }
        groups += clerks.compactMap { c in report.clerks[c.id].map { Group(kind: .clerk, code: c.number, name: c.name, figures: $0) } }
        groups += report.hours.keys.sorted().map { h in Group(kind: .hour, code: h, name: "\(h):00–\(h):59", figures: report.hours[h]!) }
        return (groups, report)
    }
}
