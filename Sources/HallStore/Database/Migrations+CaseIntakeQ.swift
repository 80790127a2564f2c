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
        // The case search's further keys (CaseSearchKeys), each with the case number so a page is
        // read in case-number order. Company and legal representative are indexed straight from
        // the form (so existing cases are found at once); the pinyin of the applicant's name is
        // written by saveFields (cases saved before the upgrade are found by it once saved again).
        m.registerMigration("v14-q-case-search") { db in
            try db.execute(sql: """
            ALTER TABLE case_file ADD COLUMN name_pinyin TEXT;
            CREATE INDEX case_business_name_number ON case_file (json_extract(form, '$."business.name"'), case_number);
            CREATE INDEX case_legal_rep_number ON case_file (json_extract(form, '$."business.legalRepresentative"'), case_number);
            CREATE INDEX case_name_pinyin_number ON case_file (name_pinyin, case_number);
            CREATE INDEX case_number_tail ON case_file (substr(case_number, -4), case_number);
            """)
        }
    }
}
