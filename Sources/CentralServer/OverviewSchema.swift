/// Migration 3: the read tables behind the all-halls dashboard. They are a projection of the
/// `operation` table, filled in the same transaction as each operation is stored, so the overview
/// reads a few small rows per hall instead of replaying events. Keyed (hall_id, id) like every
/// central table. Frozen once applied: change the projection with a new migration.
enum OverviewSchema {
    static let migration3: [String] = [
        // A ticket's latest state as the hall pushed it; `hlc` keeps a late, older op from
        // overwriting a newer state. `period` counts transfers: each transfer starts a new wait.
        """
        CREATE TABLE ov_ticket (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL, service_id TEXT NOT NULL,
            service_day TEXT NOT NULL, status TEXT NOT NULL, enqueued_at DOUBLE PRECISION NOT NULL,
            window_number BIGINT, period BIGINT NOT NULL DEFAULT 0, hlc TEXT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_ticket_day ON ov_ticket (service_day, status)",
        // One row per wait period that ended in a call; a later call of the same period (a
        // requeued no-show) overwrites it, because for a recalled no-show the last call counts.
        """
        CREATE TABLE ov_wait (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, service_id TEXT NOT NULL, service_day TEXT NOT NULL,
            window_number BIGINT, wait_seconds DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_wait_day ON ov_wait (service_day)",
        // Services seen in tickets (prefix only) or reported by the hall (name and target wait).
        """
        CREATE TABLE ov_service (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, prefix TEXT NOT NULL, name TEXT,
            target_wait_minutes BIGINT, PRIMARY KEY (hall_id, id))
        """,
        """
        CREATE TABLE ov_window (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, number BIGINT NOT NULL, status TEXT NOT NULL,
            current_ticket TEXT, last_event_at DOUBLE PRECISION NOT NULL, hlc TEXT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        // Case state as far as deadlines go: status and promised completion date.
        """
        CREATE TABLE ov_case (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL, due_date TEXT, hlc TEXT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_case_due ON ov_case (status, due_date)",
        // Only the window of an invitation is kept: a rating names its invitation, not its window.
        """
        CREATE TABLE ov_invitation (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, window_number BIGINT NOT NULL,
            PRIMARY KEY (hall_id, id))
        """,
        // No rater identity here: the hall does not push it, and the overview never needs it.
        """
        CREATE TABLE ov_rating (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, level BIGINT NOT NULL, anonymous BOOLEAN NOT NULL,
            window_number BIGINT, service_day TEXT NOT NULL, PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_rating_day ON ov_rating (service_day)",
        // A rectification task replayed with HallCore's own state machine; `state` is its JSON.
        """
        CREATE TABLE ov_rectification (
            hall_id TEXT NOT NULL, id TEXT NOT NULL, rating_id TEXT NOT NULL, due_date TEXT,
            status TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (hall_id, id))
        """,
        "CREATE INDEX ov_rectification_status ON ov_rectification (status)",
    ]
}
