import GRDB

extension Migrations {
    /// Issue 14 (engineer q): how the result is delivered, and the old and new value of each change.
    static func registerCaseIntakeQ(_ m: inout DatabaseMigrator) {
        // The delivery chosen at acceptance (CaseDelivery as JSON); NULL on cases decided before.
        m.registerMigration("v14-q-case-delivery") { db in
            try db.execute(sql: "ALTER TABLE case_file ADD COLUMN delivery TEXT")
        }
        // What a change replaced and what it wrote, as the history shows them: personal values
        // are masked before they are stored, so the log and the outbox never hold them in full.
        // NULL on events recorded before.
        m.registerMigration("v14-q-case-event-values") { db in
            try db.execute(sql: """
            ALTER TABLE case_event ADD COLUMN old_value TEXT;
            ALTER TABLE case_event ADD COLUMN new_value TEXT;
            """)
        }
    }
}
