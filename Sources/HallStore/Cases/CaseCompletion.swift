import Foundation
import GRDB
import HallCore

extension HallStore {
    /// 办结: a promised case is finished (the result handed over or sent). Stops its deadline from
    /// counting on the window console and the dashboard; the event records whether it was on time.
    /// Completing is a service event, so the pad at the completing window invites a rating
    /// (`window`, else the window the clerk is signed in at; see inviteRatingForCompletion).
    @discardableResult
    public func completeCase(caseId: String, today: String, note: String = "", window: Int? = nil, by: Attribution) throws -> Case {
        try perform(by) { tx, _ in
            let c = try Self.loadForUpdate(tx, caseId)
            guard c.status == .accepted else { throw StoreError.caseNotAccepted(status: c.status.label) }
            let timing = c.dueDate.map { $0 < today ? "超期办结（承诺\($0)）" : "按期办结（承诺\($0)）" } ?? "办结"
            let text = cleanNote(note)
            try tx.db.execute(sql: "UPDATE case_file SET status = 'completed', updated_at = ? WHERE id = ?",
                              arguments: [tx.now.timeIntervalSince1970, caseId])
            try Self.caseEvent(tx, caseId: caseId, .completed, text.isEmpty ? timing : "\(timing)：\(text)")
            try tx.inviteRatingForCompletion(caseId: caseId, caseNumber: c.caseNumber, matter: c.matters.map(\.name).joined(separator: "、"), window: window)
        }
        return try self.case(id: caseId)
    }
}
