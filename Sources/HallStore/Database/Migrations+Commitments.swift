import GRDB

extension Migrations {
    /// Issue 14, must-deliver 3: the earliest deadline a case owes under 容缺, kept beside the
    /// checklist (which holds each line's own deadline) so the overdue cases are an index range.
    static func registerCommitments(_ m: inout DatabaseMigrator) {
        m.registerMigration("v14-r-case-commitment-due") { db in
            try db.execute(sql: """
                ALTER TABLE case_file ADD COLUMN commitment_due TEXT;
                CREATE INDEX case_commitment_due ON case_file (commitment_due) WHERE commitment_due IS NOT NULL;
                """)
        }
    }
}
