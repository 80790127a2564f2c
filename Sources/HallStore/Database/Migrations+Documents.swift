import GRDB

extension Migrations {
    /// Printed documents and their print jobs (issue 4).
    static func registerDocuments(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-documents") { db in
            try db.execute(sql: """
            -- How this hall signs its notices: the agency's name and its 机关代字 for 文号.
            CREATE TABLE document_settings (
                hall_id TEXT PRIMARY KEY,
                agency_name TEXT NOT NULL,
                abbreviation TEXT NOT NULL,
                phone TEXT
            );
            -- One 文号 series per hall and year; allocated in the transaction that stores the
            -- document, so a rolled-back issue leaves no gap.
            CREATE TABLE document_counter (
                hall_id TEXT NOT NULL,
                year INTEGER NOT NULL,
                last INTEGER NOT NULL,
                PRIMARY KEY (hall_id, year)
            );
            -- A document as issued: its body is what was printed and never changes (a reprint
            -- prints the same body marked 补打).
            CREATE TABLE printed_document (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                number TEXT,
                year INTEGER,
                sequence INTEGER,
                case_id TEXT REFERENCES case_file(id),
                notice_id TEXT UNIQUE REFERENCES notice(id),
                body TEXT NOT NULL,
                created_at REAL NOT NULL,
                UNIQUE (hall_id, number),
                UNIQUE (hall_id, year, sequence)
            );
            CREATE INDEX printed_document_case ON printed_document (case_id, created_at);
            CREATE TRIGGER printed_document_no_update BEFORE UPDATE ON printed_document
                BEGIN SELECT RAISE(ABORT, 'printed_document is append-only'); END;
            CREATE TRIGGER printed_document_no_delete BEFORE DELETE ON printed_document
                BEGIN SELECT RAISE(ABORT, 'printed_document is append-only'); END;
            -- Every attempt to put a document on paper. A failed job stays here to be retried.
            CREATE TABLE print_job (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                document_id TEXT NOT NULL REFERENCES printed_document(id),
                printer TEXT NOT NULL,
                is_reprint INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL,
                reason TEXT,
                cups_job_id TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE INDEX print_job_document ON print_job (document_id, created_at);
            CREATE INDEX print_job_status ON print_job (status, updated_at);
            """)
        }
    }
}
