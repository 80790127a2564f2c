import GRDB

extension Migrations {
    /// Hall administration (issue 13): what the admin and supervisor change while the hall runs.
    static func registerAdmin(_ m: inout DatabaseMigrator) {
        m.registerMigration("v13-admin-hall") { db in
            try db.execute(sql: """
            -- A reset PIN is one-time: the store refuses every sign-in with it until it is changed.
            ALTER TABLE clerk ADD COLUMN must_change_pin INTEGER NOT NULL DEFAULT 0;
            -- Window permission: a clerk with rows here signs in only at these windows; none = any.
            CREATE TABLE clerk_window (
                clerk_id TEXT NOT NULL REFERENCES clerk(id),
                window_id TEXT NOT NULL REFERENCES hall_window(id),
                hall_id TEXT NOT NULL,
                PRIMARY KEY (clerk_id, window_id)
            );
            -- Opening hours and ticket cut-off as minutes after local midnight; NULL = no limit.
            ALTER TABLE service ADD COLUMN open_minute INTEGER;
            ALTER TABLE service ADD COLUMN cutoff_minute INTEGER;
            -- Suspended for this service day (暂停办理) only: the next day it takes tickets again.
            ALTER TABLE service ADD COLUMN suspended_day TEXT;
            -- A closed window takes no sign-in; a temporary window (临时窗口) closes itself at temporary_until.
            ALTER TABLE hall_window ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE hall_window ADD COLUMN is_temporary INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE hall_window ADD COLUMN temporary_until REAL;
            -- 日结: one row per closed service day, with the day's figures as JSON.
            CREATE TABLE day_close (
                hall_id TEXT NOT NULL,
                day TEXT NOT NULL,
                closed_at REAL NOT NULL,
                closed_by TEXT,
                automatic INTEGER NOT NULL,
                summary TEXT NOT NULL,
                PRIMARY KEY (hall_id, day)
            );
            CREATE TRIGGER day_close_no_update BEFORE UPDATE ON day_close
                BEGIN SELECT RAISE(ABORT, 'day_close is append-only'); END;
            CREATE TRIGGER day_close_no_delete BEFORE DELETE ON day_close
                BEGIN SELECT RAISE(ABORT, 'day_close is append-only'); END;
            """)
        }
    }
}
