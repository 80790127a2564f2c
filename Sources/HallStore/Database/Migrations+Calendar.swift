import GRDB

extension Migrations {
    static func registerCalendar(_ m: inout DatabaseMigrator) {
        // The official working-day calendar. calendar_day holds only announced days (holidays and
        // make-up workdays); calendar_year says which years are published, because a year with
        // no announced days is unknown, not "every weekday works".
        m.registerMigration("v3-calendar") { db in
            try db.execute(sql: """
            CREATE TABLE calendar_day (
                date TEXT PRIMARY KEY,
                is_off_day INTEGER NOT NULL,
                name TEXT NOT NULL,
                year INTEGER NOT NULL
            );
            CREATE TABLE calendar_year (
                year INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                imported_at REAL NOT NULL
            );
            """)
        }
    }
}
