import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Sets how a window chooses among its services (nil: the strict service order). Weights name
    /// services by id, code or prefix and must be positive.
    public func setWindowChoice(_ choice: WindowChoice?, window number: Int, by: Attribution) throws {
        try perform(by) { tx, _ in
            try tx.require(.manageWindows)   // a window's services and their order are the admin's
            let w = try Fetch.window(tx.db, number: number)
            var stored = choice
            if case .weighted(let raw) = choice {
                var weights: [String: Double] = [:]
                for (key, weight) in raw {
                    let s = try Fetch.service(tx.db, matching: key)
                    guard weight > 0, weight.isFinite else { throw StoreError.invalidInput("业务“\(s.name)”的权重应为正数（收到 \(weight)）") }
                    weights[s.id] = weight
                }
                stored = .weighted(weights)
            }
            let json = try stored.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try tx.db.execute(sql: "UPDATE hall_window SET call_choice = ? WHERE id = ?", arguments: [json, w.id])
            struct Payload: Encodable { let window: Int; let choice: WindowChoice? }
            try tx.outbox(.referenceChanged, entityId: w.id, payload: Payload(window: number, choice: stored))
            try tx.audit(action: "window.choice", entity: "window", entityId: w.id,
                         detail: "\(number)号窗口叫号方式：\((stored ?? .serviceOrder).label)")
        }
    }
}

extension WindowChoice {
    /// A rule as typed on the command line: `order`, `longest`, or `weights:A=3,B=1` (services by
    /// code, prefix or name; the store checks they exist and that weights are positive).
    public static func parse(_ text: String) throws -> WindowChoice {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch t.lowercased() {
        case "order", "按业务顺序": return .serviceOrder
        case "longest", "等候最久优先": return .longestWait
        default: break
        }
        let usage = "应为 order（按业务顺序）、longest（等候最久优先）或 weights:A=3,B=1（按业务权重）"
        guard t.lowercased().hasPrefix("weights:") || t.lowercased().hasPrefix("weights：") else {
            throw StoreError.invalidInput("叫号方式“\(t.prefix(30))”无法识别：\(usage)")
        }
        var weights: [String: Double] = [:]
        for item in t.dropFirst("weights:".count).split(whereSeparator: { $0 == "," || $0 == "，" }) {
            let parts = item.split(whereSeparator: { $0 == "=" || $0 == "＝" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let w = Double(parts[1]) else {
                throw StoreError.invalidInput("权重“\(item.prefix(30))”格式不对：应为 业务代码=正数，如 A=3")
            }
            weights[parts[0]] = w
        }
        guard !weights.isEmpty else { throw StoreError.invalidInput("weights: 后应列出业务权重，如 weights:A=3,B=1") }
        return .weighted(weights)
    }
}
