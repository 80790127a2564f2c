import Foundation
import GRDB
import HallCore

/// A case a clerk left open (a draft): what a restarted window offers to reopen.
public struct OpenCaseRef: Equatable, Sendable {
    public var id: String
    public var caseNumber: String
    public var applicantName: String
}

extension HallStore {
    /// The draft the clerk opened at this window and worked on last, if any: after a crash or a
    /// kill the window console offers it again (issue 14 defect 8). Drafts are few, so the status
    /// index and the case's own events suffice.
    public func latestOpenCase(clerkNumber: String, window: Int) throws -> OpenCaseRef? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT f.id, f.case_number, f.applicant_name FROM case_file f
                WHERE f.status = 'draft' AND f.window_number = ?
                  AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = f.id AND e.kind = 'opened' AND e.clerk_number = ?)
                ORDER BY f.updated_at DESC LIMIT 1
                """, arguments: [window, clerkNumber]).map {
                OpenCaseRef(id: $0["id"], caseNumber: $0["case_number"], applicantName: $0["applicant_name"])
            }
        }
    }
}
