import GRDB

extension Migrations {
    /// 好差评 (issue 5): invitations, ratings and the rectification loop. Invitations, ratings and
    /// rectification actions are facts: triggers refuse UPDATE and DELETE, so a mistaken or
    /// malicious rating can only be answered by an appeal row, never edited away.
    static func registerRatings(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-ratings") { db in
            try db.execute(sql: """
            CREATE TABLE rating_settings (
                hall_id TEXT PRIMARY KEY,
                policy TEXT NOT NULL
            );
            -- One service event (a finished ticket or an immediately completed case) at a window:
            -- the pad at that window invites a rating for it until expires_at.
            CREATE TABLE rating_invitation (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                window_number INTEGER NOT NULL,
                ticket_id TEXT,
                ticket_number TEXT,
                case_id TEXT,
                case_number TEXT,
                service_id TEXT,
                service_name TEXT,
                matter TEXT,
                clerk_id TEXT,
                clerk_number TEXT,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                service_day TEXT NOT NULL
            );
            CREATE INDEX rating_invitation_window ON rating_invitation (window_number, seq);
            CREATE INDEX rating_invitation_ticket ON rating_invitation (ticket_id);
            CREATE TABLE rating (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                invitation_id TEXT NOT NULL UNIQUE REFERENCES rating_invitation(id),
                window_number INTEGER NOT NULL,
                clerk_id TEXT,
                clerk_number TEXT,
                service_id TEXT,
                service_name TEXT,
                matter TEXT,
                case_number TEXT,
                level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
                reasons TEXT NOT NULL,
                text TEXT,
                anonymous INTEGER NOT NULL,
                rater_name TEXT,
                rater_phone TEXT,
                channel TEXT NOT NULL,
                is_default INTEGER NOT NULL DEFAULT 0,
                at REAL NOT NULL,
                service_day TEXT NOT NULL
            );
            CREATE INDEX rating_day ON rating (service_day, level);
            -- Counts per report dimension (window, clerk, service, matter, day), key and day, kept
            -- in the rating's own transaction: a year's report reads a few thousand rows instead
            -- of a million ratings.
            CREATE TABLE rating_tally (
                dimension TEXT NOT NULL,
                service_day TEXT NOT NULL,
                key TEXT NOT NULL,
                n INTEGER NOT NULL,
                satisfied INTEGER NOT NULL,
                PRIMARY KEY (dimension, service_day, key)
            ) WITHOUT ROWID;
            CREATE TABLE rectification_task (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                rating_id TEXT NOT NULL UNIQUE REFERENCES rating(id),
                window_number INTEGER NOT NULL,
                clerk_id TEXT,
                status TEXT NOT NULL,
                due_date TEXT,
                opened_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                state TEXT NOT NULL
            );
            CREATE INDEX rectification_open ON rectification_task (status, due_date);
            CREATE TABLE rectification_event (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                task_id TEXT NOT NULL REFERENCES rectification_task(id),
                kind TEXT NOT NULL,
                action TEXT NOT NULL,
                at REAL NOT NULL,
                clerk_id TEXT,
                clerk_number TEXT
            );
            CREATE INDEX rectification_event_task ON rectification_event (task_id, seq);
            CREATE TRIGGER rating_invitation_no_update BEFORE UPDATE ON rating_invitation
                BEGIN SELECT RAISE(ABORT, 'rating_invitation is append-only'); END;
            CREATE TRIGGER rating_invitation_no_delete BEFORE DELETE ON rating_invitation
                BEGIN SELECT RAISE(ABORT, 'rating_invitation is append-only'); END;
            CREATE TRIGGER rating_no_update BEFORE UPDATE ON rating
                BEGIN SELECT RAISE(ABORT, 'rating is append-only'); END;
            CREATE TRIGGER rating_no_delete BEFORE DELETE ON rating
                BEGIN SELECT RAISE(ABORT, 'rating is append-only'); END;
            CREATE TRIGGER rectification_event_no_update BEFORE UPDATE ON rectification_event
                BEGIN SELECT RAISE(ABORT, 'rectification_event is append-only'); END;
            CREATE TRIGGER rectification_event_no_delete BEFORE DELETE ON rectification_event
                BEGIN SELECT RAISE(ABORT, 'rectification_event is append-only'); END;
            CREATE TRIGGER rectification_task_no_delete BEFORE DELETE ON rectification_task
                BEGIN SELECT RAISE(ABORT, 'rectification_task is never deleted'); END;
            """)
        }
        // The province default after N days (RatingDefaults.swift) runs from every console and
        // from cron; this cursor keeps each check to the invitations of the last N days.
        // Registered here, right after v8, so the ratings schema stays in one file.
        m.registerMigration("v8.1-rating-default-mark") { db in
            try db.execute(sql: """
            CREATE TABLE rating_default_mark (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                -- Every invitation with seq <= through_seq is rated or has its default.
                through_seq INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO rating_default_mark (id) VALUES (1);
            INSERT INTO rating_tally (dimension, service_day, key, n, satisfied)
                SELECT 'default', service_day, service_day, COUNT(*), SUM(level <= 3) FROM rating WHERE is_default = 1 GROUP BY service_day;
            """)
        }
    }
}
