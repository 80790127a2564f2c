import Foundation
import GRDB
import HallCore

extension HallStore {
    /// A case by the number people see (YC…), through the case-number index.
    public func caseId(number raw: String) throws -> String {
        let number = normalizeIdentityInput(raw)
        return try read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM case_file INDEXED BY case_number_search WHERE case_number = ?",
                                               arguments: [number]) else {
                throw StoreError.invalidInput("没有办件编号为“\(raw)”的办件")
            }
            return id
        }
    }

    /// Work on a case without a console (the CLI) is allowed as at the console: a clerk only at a
    /// window she is signed in at, and only on the cases of that window; a supervisor or an admin
    /// on any case. `window` is where the work happens; nil takes the case's own window.
    /// `caseId` nil: opening a new case at `window`.
    public func checkCaseWork(caseId: String?, window: Int?, by: Attribution) throws {
        try read { db in
            let role = try Authorization.role(of: by, db)
            guard RoleMatrix.allows(role, .intake) else { throw AdminError.notPermitted(.intake, role: role) }
            let caseWindow = try caseId.flatMap { id -> Int? in
                guard let r = try Row.fetchOne(db, sql: "SELECT case_number, window_number FROM case_file WHERE id = ?", arguments: [id]) else {
                    throw StoreError.invalidInput("没有这个办件")
                }
                let w: Int? = r["window_number"]
                if role == .clerk, let w, let asked = window, asked != w {
                    throw StoreError.caseAtOtherWindow(caseNumber: r["case_number"], window: w, asked: asked)
                }
                return w
            }
            guard role == .clerk else { return }
            guard let w = window ?? caseWindow else { throw StoreError.invalidInput("请用 --window 指明在哪个窗口受理") }
            try WindowStateRow.load(db, window: w).requireSignedIn(by: by)
        }
    }
}
