import Foundation
import HallCore

/// `yichuang report --reform`: the reform figures as lines for people or JSON for integrators.
/// A share with nothing to measure is "—" (JSON null), never 0 %.
enum ReformReport {
    static func text(_ f: ReformFigures, range: ReportRange, window: Int?, json: Bool) -> String {
        if json {
            let object: [String: Any] = [
                "from": range.fromDay, "to": range.toDay, "window": window as Any? ?? NSNull(),
                "cases": f.cases, "accepted": f.accepted,
                "visitsPerCase": f.visitsPerCase as Any? ?? NSNull(), "oneVisitShare": f.oneVisitShare as Any? ?? NSNull(),
                "immediateShare": f.immediateShare as Any? ?? NSNull(), "exemptShare": f.exemptShare as Any? ?? NSNull(),
                "toleratedCases": f.toleratedCases, "overdueCases": f.overdueCases,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        let scope = window.map { "\($0)号窗口" } ?? "全部窗口"
        return ([
            "改革指标 \(range.fromDay) 至 \(range.toDay)（\(scope)）",
            "办件：\(f.cases) 件，已受理 \(f.accepted) 件",
            "跑动次数：\(f.visitsPerCase.map { String(format: "%.2f", $0) } ?? "—") 次/件",
            "一次办结率（最多跑一次）：\(percent(f.oneVisitShare))",
            "即办件占比：\(percent(f.immediateShare))",
            "免提交率（电子证照）：\(percent(f.exemptShare))",
            "容缺受理：\(f.toleratedCases) 件",
            "超期：\(f.overdueCases) 件",
            "",
            "计算方法：",
        ] + ReformFigures.explanation.map { "  " + $0 }).joined(separator: "\n")
    }
}
