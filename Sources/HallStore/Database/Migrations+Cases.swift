import GRDB

extension Migrations {
    static func registerCases(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-cases") { db in
            try db.execute(sql: """
            CREATE TABLE case_file (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                case_number TEXT NOT NULL,
                status TEXT NOT NULL,
                ticket_id TEXT,
                window_number INTEGER,
                bundle_code TEXT,
                matters TEXT NOT NULL,          -- [CaseMatter] as opened (catalog version kept)
                form TEXT NOT NULL,             -- {field key: value}, saved as the clerk types
                checks TEXT NOT NULL,           -- [MaterialCheck]
                applicant_name TEXT NOT NULL DEFAULT '',
                applicant_id TEXT NOT NULL DEFAULT '',   -- normalized ID or credit code, for search; shown masked
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                accepted_at REAL,
                due_date TEXT,
                decision_note TEXT,
                UNIQUE (hall_id, case_number)
            );
            CREATE INDEX case_recent ON case_file (updated_at DESC);
            CREATE INDEX case_status_due ON case_file (status, due_date);
            CREATE INDEX case_applicant_name ON case_file (applicant_name);
            CREATE INDEX case_applicant_id ON case_file (applicant_id);
            CREATE TABLE case_event (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                kind TEXT NOT NULL,
                at REAL NOT NULL,
                clerk_number TEXT,
                detail TEXT NOT NULL
            );
            CREATE INDEX case_event_case ON case_event (case_id, seq);
            CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END;
            CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END;
            -- The notice each decision produces, for the printing issue to number and print.
            CREATE TABLE notice (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                kind TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE INDEX notice_case ON notice (case_id);
            """)
        }
    }
}
