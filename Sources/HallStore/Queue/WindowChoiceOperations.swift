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
