import GRDB

extension Migrations {
    /// 过号顺延 as state of the ticket (CallRules): how many other calls it still waits for, and the
    /// earliest time it may be called when nobody else is left.
    static func registerQueueDeferral(_ m: inout DatabaseMigrator) {
        m.registerMigration("v11-queue-deferral") { db in
            try db.execute(sql: """
            ALTER TABLE ticket ADD COLUMN defer_calls_left INTEGER;
            ALTER TABLE ticket ADD COLUMN defer_until REAL;
            CREATE INDEX ticket_deferred ON ticket (status, service_id) WHERE defer_calls_left IS NOT NULL;
            """)
        }
    }
}
