import GRDB

extension Migrations {
    /// Issue 12, must-deliver 4: how a window chooses among its services (`WindowChoice` as JSON;
    /// NULL is the strict service order every window had before).
    static func registerWindowChoice(_ m: inout DatabaseMigrator) {
        m.registerMigration("v13-queue-window-choice") { db in
            try db.execute(sql: "ALTER TABLE hall_window ADD COLUMN call_choice TEXT")
        }
    }
}
