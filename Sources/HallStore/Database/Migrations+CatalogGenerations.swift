import GRDB

extension Migrations {
    /// Issue 16, must-deliver 6: a catalog import is staged in short transactions and switched in
    /// one, so a 20,000-matter import no longer holds the write lock for seconds.
    ///
    /// Which version of a matter is current is no longer a flag on each version row (switching
    /// 20,000 flags is itself a long write) but a generation: `matter_current` maps each code to
    /// its version row per generation, and `catalog_state.generation` names the live one. An
    /// import writes its new version rows and the whole next generation's map beside the live
    /// one, then the switch moves one integer. Rows of an import that never switched (killed,
    /// refused) belong to an `abandoned` import and are the only matter rows that may be deleted.
    static func registerCatalogGenerations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v15-x16-catalog-generations") { db in
            try db.execute(sql: """
            CREATE TABLE catalog_import (
                id TEXT PRIMARY KEY,
                generation INTEGER NOT NULL UNIQUE,      -- the generation this import builds
                base_generation INTEGER NOT NULL,        -- the live one it started from
                state TEXT NOT NULL CHECK (state IN ('staging', 'switched', 'abandoned')),
                pid INTEGER NOT NULL,                    -- the importing process, to tell a dead stager
                source TEXT NOT NULL,
                started_at REAL NOT NULL,
                switched_at REAL
            );
            CREATE TABLE catalog_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            );
            CREATE TABLE matter_current (
                generation INTEGER NOT NULL,
                code TEXT NOT NULL,
                matter_id TEXT NOT NULL,
                PRIMARY KEY (generation, code)
            ) WITHOUT ROWID;
            ALTER TABLE matter ADD COLUMN import_id TEXT;   -- NULL: imported before generations
            INSERT INTO catalog_state (id, generation) VALUES (1, 1);
            INSERT INTO matter_current (generation, code, matter_id) SELECT 1, code, id FROM matter WHERE active = 1;
            DROP INDEX matter_active_code;
            ALTER TABLE matter DROP COLUMN active;
            CREATE INDEX matter_by_import ON matter (import_id) WHERE import_id IS NOT NULL;
            -- With the active flag gone no column of a version changes at all.
            DROP TRIGGER matter_version_immutable;
            CREATE TRIGGER matter_version_immutable BEFORE UPDATE ON matter
                BEGIN SELECT RAISE(ABORT, 'matter versions are immutable: import a new version'); END;
            DROP TRIGGER matter_no_delete;
            CREATE TRIGGER matter_no_delete BEFORE DELETE ON matter
                WHEN OLD.import_id IS NULL
                  OR NOT EXISTS (SELECT 1 FROM catalog_import WHERE id = OLD.import_id AND state = 'abandoned')
                BEGIN SELECT RAISE(ABORT, 'matter versions are kept for the cases that cite them'); END;
            -- An import's history is kept: only its state and switch time change, and only forward.
            CREATE TRIGGER catalog_import_no_delete BEFORE DELETE ON catalog_import
                BEGIN SELECT RAISE(ABORT, 'catalog imports are kept'); END;
            CREATE TRIGGER catalog_import_forward BEFORE UPDATE ON catalog_import
                WHEN OLD.state <> 'staging' OR NEW.id <> OLD.id OR NEW.generation <> OLD.generation
                BEGIN SELECT RAISE(ABORT, 'a finished catalog import does not change'); END;
            """)
        }
    }
}
