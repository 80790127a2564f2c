import GRDB

extension Migrations {
    static func registerCatalog(_ m: inout DatabaseMigrator) {
        // The matter catalog. A matter is stored per version: a re-import that changes a matter adds
        // version+1 and deactivates the old one, which stays for the cases that cite it (cases keep
        // (code, version)). body is the whole Matter as JSON with version 0, so content_hash tells
        // "changed?" without decoding; the version column is the truth.
        m.registerMigration("v4-catalog") { db in
            try db.execute(sql: """
            CREATE TABLE matter (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                code TEXT NOT NULL,             -- 实施编码
                version INTEGER NOT NULL,
                basic_code TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                implementing_body TEXT NOT NULL,
                promised_working_days INTEGER,
                body TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                active INTEGER NOT NULL,
                source TEXT NOT NULL,
                imported_at REAL NOT NULL,
                UNIQUE (code, version)
            );
            CREATE UNIQUE INDEX matter_active_code ON matter (code) WHERE active = 1;
            -- A stored version is what open cases cite: only its active flag may change.
            CREATE TRIGGER matter_version_immutable BEFORE UPDATE OF code, version, body, content_hash ON matter
                BEGIN SELECT RAISE(ABORT, 'matter versions are immutable: import a new version'); END;
            CREATE TRIGGER matter_no_delete BEFORE DELETE ON matter
                BEGIN SELECT RAISE(ABORT, 'matter versions are kept for the cases that cite them'); END;
            CREATE TABLE matter_bundle (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                body TEXT NOT NULL,             -- MatterBundle as JSON
                sort_order INTEGER NOT NULL,
                updated_at REAL NOT NULL
            );
            -- How often this hall opens a case for a matter: ranks search results.
            CREATE TABLE matter_usage (
                hall_id TEXT NOT NULL,
                code TEXT NOT NULL,
                uses INTEGER NOT NULL,
                last_used_at REAL NOT NULL,
                PRIMARY KEY (hall_id, code)
            );
            """)
        }
    }
}
