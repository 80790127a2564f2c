import Foundation
import HallCore

/// `yichuang report --reform [--by …]`: the reform figures as lines for people or JSON for
/// integrators, hall-wide and, with `--by`, one line per matter, window, clerk, day or month.
/// A share with nothing to measure is "—" (JSON null), never 0 %.
enum ReformReport {
    static func text(_ f: ReformFigures, range: ReportRange, window: Int?, json: Bool,
                     groups: (ReformFigures.Dimension, [(key: String, figures: ReformFigures)])? = nil) -> String {
        if json {
            var object = fields(f)
            object["from"] = range.fromDay
            object["to"] = range.toDay
            object["window"] = window as Any? ?? NSNull()
            if let (dimension, list) = groups {
                object["by"] = dimension.rawValue
                object["groups"] = list.map { key, figures -> [String: Any] in
                    var g = fields(figures)
                    g["key"] = key
                    return g
                }
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let scope = window.map { "\($0)号窗口" } ?? "全部窗口"
        var lines = [
            "改革指标 \(range.fromDay) 至 \(range.toDay)（\(scope)）",
            "办件：\(f.cases) 件，已受理 \(f.accepted) 件",
            "跑动次数：\(number(f.visitsPerCase)) 次/件",
            "一次办结率（最多跑一次）：\(percent(f.oneVisitShare))",
            "即办件占比：\(percent(f.immediateShare))",
            "免提交率（电子证照）：\(percent(f.exemptShare))",
            "承诺时限：平均 \(number(f.promisedDaysMean)) 个工作日，法定时限：平均 \(number(f.statutoryDaysMean)) 个工作日，时限压缩率：\(percent(f.timeLimitCut))",
            "容缺受理：\(f.toleratedCases) 件（已补齐 \(f.toleratedSettled) 件，逾期未补 \(f.toleratedOverdue) 件）",
            "超期：\(f.overdueCases) 件",
        ]
        if let (dimension, list) = groups {
            lines += ["", "按\(dimension.label)："]
            lines += list.isEmpty ? ["  （无办件）"] : list.map { key, g in
                "  \(key)：办件 \(g.cases) 件，已受理 \(g.accepted) 件；跑动 \(number(g.visitsPerCase)) 次/件；一次办结 \(percent(g.oneVisitShare))；"
                    + "即办 \(percent(g.immediateShare))；免提交 \(percent(g.exemptShare))；承诺/法定 \(number(g.promisedDaysMean))/\(number(g.statutoryDaysMean)) 个工作日"
                    + "（压缩 \(percent(g.timeLimitCut))）；容缺 \(g.toleratedCases) 件（补齐 \(g.toleratedSettled)，逾期未补 \(g.toleratedOverdue)）；超期 \(g.overdueCases) 件"
            }
        }
        return (lines + ["", "计算方法："] + ReformFigures.explanation.map { "  " + $0 }).joined(separator: "\n")
    }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
    static func number(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "—" }

    static func fields(_ f: ReformFigures) -> [String: Any] {
        func value(_ v: Double?) -> Any { v as Any? ?? NSNull() }
        return [
            "cases": f.cases, "accepted": f.accepted,
            "visitsPerCase": value(f.visitsPerCase), "oneVisitShare": value(f.oneVisitShare),
            "immediateShare": value(f.immediateShare), "exemptShare": value(f.exemptShare),
            "promisedDaysMean": value(f.promisedDaysMean), "statutoryDaysMean": value(f.statutoryDaysMean),
            "timeLimitCut": value(f.timeLimitCut),
            "toleratedCases": f.toleratedCases, "toleratedSettled": f.toleratedSettled, "toleratedOverdue": f.toleratedOverdue,
            "overdueCases": f.overdueCases,
        ]
    }
}
