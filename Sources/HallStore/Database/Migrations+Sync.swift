import GRDB

extension Migrations {
    /// The sync client's own state (issue 6): kept in the store so every screen's status bar can
    /// show it and a restarted `yichuang sync` knows where it was.
    static func registerSync(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-sync-state") { db in
            try db.execute(sql: """
            CREATE TABLE sync_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                -- What the centre last said it holds of this device's outbox.
                acked_through_seq INTEGER NOT NULL DEFAULT 0,
                last_attempt_at REAL,
                last_success_at REAL,
                last_error TEXT,
                -- Server time minus local time, seconds, from the last answer (for the HLC).
                clock_offset REAL NOT NULL DEFAULT 0
            );
            INSERT INTO sync_state (id) VALUES (1);
            -- Pull cursors, one per bucket, written in the transaction that applies the page.
            CREATE TABLE sync_bucket (
                bucket TEXT PRIMARY KEY,
                cursor INTEGER NOT NULL DEFAULT 0,
                checksum TEXT,
                updated_at REAL NOT NULL
            );
            -- Centre-owned reference data as pulled, one row per entity; replaced by later pages.
            CREATE TABLE sync_reference (
                bucket TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (bucket, entity, entity_id)
            );
            """)
        }
        // How far each bucket's pulled copy has been carried into the business tables (matter,
        // calendar_day, appointment, …). Kept apart from the pull cursor: pulling is one
        // transaction per page; carrying over runs after the whole pull and is idempotent.
        m.registerMigration("v10-sync-applied") { db in
            try db.execute(sql: "ALTER TABLE sync_bucket ADD COLUMN applied_cursor INTEGER NOT NULL DEFAULT 0")
        }
    }
}
